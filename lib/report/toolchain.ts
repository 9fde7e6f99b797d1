// Makes sure the external tools the report pipeline and the tests need (system Jupyter libraries, headless
// Chromium, SLURM) are present, installing them from Debian packages when running as root.
//
// As a script: `deno run -A lib/report/toolchain.ts jupyter chromium slurm` ensures the named tools.

import { isFile } from "../io/files.ts";

/** The system Python: the first python3 on PATH may be another interpreter without Debian's modules. */
export const SYSTEM_PYTHON = "/usr/bin/python3";
export const CHROMIUM = "/usr/bin/chromium";

/** Thrown when a tool is missing and cannot be installed; the message says what to install. */
export class ToolchainError extends Error {
  override name = "ToolchainError";
}

interface Tool {
  label: string;
  packages: string[];
  present: () => Promise<boolean>;
}

const TOOLS = {
  jupyter: {
    label: "Jupyter",
    // execute_notebook.py needs jupyter_client and nbformat; nbclient is kept for ad-hoc debugging runs.
    packages: ["python3-nbclient", "python3-nbformat", "jupyter-client"],
    present: () => succeeds(SYSTEM_PYTHON, ["-c", "import nbclient, nbformat, jupyter_client"]),
  },
  chromium: {
    label: "Chromium",
    packages: ["chromium"],
    present: () => isFile(CHROMIUM),
  },
  slurm: {
    label: "SLURM",
    // slurm-wlm brings the controller, the node daemon, the client commands and munge, which they use.
    packages: ["slurm-wlm"],
    present: async () =>
      (await Promise.all(["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/sbin/munged"]
        .map(isFile))).every(Boolean),
  },
} satisfies Record<string, Tool>;

type ToolName = keyof typeof TOOLS;

export function ensureJupyter(): Promise<void> {
  return ensure(TOOLS.jupyter);
}

/** For `deno task slurm up` (lib/scale/slurm_local.ts), which installs SLURM when it is missing. */
export function ensureSlurm(): Promise<void> {
  return ensure(TOOLS.slurm);
}

async function ensure(tool: Tool): Promise<void> {
  if (await tool.present()) return;
  const packages = tool.packages.join(" ");
  if (Deno.uid() !== 0) {
    throw new ToolchainError(
      `${tool.label} is missing; install it with: sudo apt-get install -y --no-install-recommends ${packages}`,
    );
  }
  console.error(`installing ${tool.label} from Debian packages: ${packages}`);
  await aptUpdateOnce();
  await apt(["install", "-y", "--no-install-recommends", ...tool.packages]);
  if (!(await tool.present())) {
    throw new ToolchainError(`${tool.label} is still missing after installing ${packages}`);
  }
}

let updated: Promise<void> | undefined;

/** Package lists are refreshed at most once per process, however many tools get installed. */
function aptUpdateOnce(): Promise<void> {
  updated ??= apt(["update"]);
  return updated;
}

/** Runs apt-get quietly; its output is only shown when it fails, to keep the progress to one line. */
async function apt(args: string[]): Promise<void> {
  const { code, stdout, stderr } = await new Deno.Command("apt-get", {
    args,
    env: { DEBIAN_FRONTEND: "noninteractive" },
    stdin: "null",
  }).output();
  if (code !== 0) {
    const output = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
    throw new ToolchainError(`apt-get ${args.join(" ")} failed (exit ${code}):\n${output.trimEnd()}`);
  }
}

async function succeeds(command: string, args: string[]): Promise<boolean> {
  try {
    const { success } = await new Deno.Command(command, { args, stdout: "null", stderr: "null" }).output();
    return success;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

if (import.meta.main) {
  const names = Deno.args;
  const unknown = names.filter((name) => !(name in TOOLS));
  if (names.length === 0 || unknown.length > 0) {
    const what = unknown.length > 0 ? `unknown tool ${unknown.join(", ")}` : "no tool named";
    console.error(`toolchain: ${what}; usage: toolchain.ts ${Object.keys(TOOLS).join("|")}...`);
    Deno.exit(2);
  }
  try {
    for (const name of names) await ensure(TOOLS[name as ToolName]);
  } catch (error) {
    if (!(error instanceof ToolchainError)) throw error;
    console.error(`toolchain: ${error.message}`);
    Deno.exit(1);
  }
}
