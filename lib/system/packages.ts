/**
 * The external programs the commands and the tests need, from Debian packages: the system Python's
 * Jupyter libraries (`task report`), the classic Notebook and headless Chromium (the page tests), SLURM (`task slurm up`). Each
 * is checked where Debian installs it; a missing one is installed with apt-get when running as root, and
 * otherwise refused with the apt-get line that installs it. This module sits below both lib/report and
 * lib/scale, which use it; `deno run -A lib/report/toolchain.ts jupyter notebook chromium slurm` ensures them all.
 */
import { isFile } from "../io/files.ts";

/** The system Python: the first python3 on PATH may be another interpreter without Debian's modules. */
export const SYSTEM_PYTHON = "/usr/bin/python3";
export const CHROMIUM = "/usr/bin/chromium";
export const JUPYTER_NOTEBOOK = "/usr/bin/jupyter-notebook";

/** Thrown when a tool is missing and cannot be installed; the message says what to install. */
export class PackageError extends Error {
  override name = "PackageError";
}

interface Tool {
  label: string;
  packages: string[];
  present: () => Promise<boolean>;
}

export const TOOLS = {
  jupyter: {
    label: "Jupyter",
    // execute_notebook.py needs jupyter_client and nbformat; nbclient is kept for ad-hoc debugging runs.
    packages: ["python3-nbclient", "python3-nbformat", "jupyter-client"],
    present: () => succeeds(SYSTEM_PYTHON, ["-c", "import nbclient, nbformat, jupyter_client"]),
  },
  notebook: {
    // The classic Notebook front end, which tests open executed notebooks in (trusted and untrusted).
    label: "Jupyter Notebook",
    packages: ["jupyter-notebook"],
    present: () => isFile(JUPYTER_NOTEBOOK),
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

export type ToolName = keyof typeof TOOLS;

export function ensureJupyter(): Promise<void> {
  return ensureTool(TOOLS.jupyter);
}

/** For `deno task slurm up` (lib/scale/slurm_local.ts), which installs SLURM when it is missing. */
export function ensureSlurm(): Promise<void> {
  return ensureTool(TOOLS.slurm);
}

/** Makes sure the tool is present: installs its packages when missing and running as root. */
export async function ensureTool(tool: Tool): Promise<void> {
  if (await tool.present()) return;
  const packages = tool.packages.join(" ");
  if (Deno.uid() !== 0) {
    throw new PackageError(
      `${tool.label} is missing; install it with: sudo apt-get install -y --no-install-recommends ${packages}`,
    );
  }
  console.error(`installing ${tool.label} from Debian packages: ${packages}`);
  await aptUpdateOnce();
  await apt(["install", "-y", "--no-install-recommends", ...tool.packages]);
  if (!(await tool.present())) {
    throw new PackageError(`${tool.label} is still missing after installing ${packages}`);
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
    throw new PackageError(`apt-get ${args.join(" ")} failed (exit ${code}):\n${output.trimEnd()}`);
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
