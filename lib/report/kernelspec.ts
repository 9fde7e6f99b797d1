// The Jupyter kernelspec of the Deno kernel, in two forms: a throwaway one for `task report`, so executing
// notebooks needs no global install and always uses the same deno binary as the running program; and the
// one `deno task kernel` registers for Jupyter and VS Code, which must keep working after the deno that
// wrote it is gone.
//
// As a script (`deno task kernel`): registers the "Deno" kernel for the current user.

import { delimiter, join } from "node:path";
import { ensureJupyter, PackageError, SYSTEM_PYTHON } from "../system/packages.ts";

export const KERNEL_NAME = "deno";

/** A temporary directory to put on JUPYTER_PATH; it holds kernels/deno/kernel.json. */
export interface Kernelspec extends AsyncDisposable {
  jupyterPath: string;
}

export async function createKernelspec(): Promise<Kernelspec> {
  const jupyterPath = await Deno.makeTempDir({ prefix: "report-kernelspec-" });
  await writeKernelspec(join(jupyterPath, "kernels", KERNEL_NAME), Deno.execPath());
  return {
    jupyterPath,
    [Symbol.asyncDispose]: () => Deno.remove(jupyterPath, { recursive: true }),
  };
}

/**
 * A deno binary that stays where it is: `execPath` (the running one), unless it lives in npx's cache
 * (`npx deno ...`), which npx clears and refills at will, taking a kernel that points there with it; then
 * the first deno on `path` (a PATH value) that lives elsewhere. Throws when there is none.
 */
export async function stableDeno(
  execPath = Deno.execPath(),
  path = Deno.env.get("PATH") ?? "",
): Promise<string> {
  if (!inNpxCache(execPath)) return execPath;
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, "deno");
    let real: string;
    try {
      real = await Deno.realPath(candidate);
    } catch {
      continue; // No deno here.
    }
    if (!inNpxCache(real) && await isExecutable(real)) return real;
  }
  throw new PackageError(
    `this deno (${execPath}) lives in npx's cache, which npx may clear at any time, and no other deno is ` +
      `on PATH: install Deno for good (npm install -g deno@${Deno.version.deno}) and run \`deno task kernel\` with it`,
  );
}

/**
 * Registers the Deno kernel running `deno` for the current user, where Jupyter and VS Code look (through
 * jupyter_client, so JUPYTER_DATA_DIR and each platform's place are respected); returns its directory.
 * Expects Jupyter to be installed (toolchain.ts ensureJupyter).
 */
export async function installKernelspec(deno: string): Promise<string> {
  const source = await Deno.makeTempDir({ prefix: "report-kernelspec-" });
  try {
    await writeKernelspec(join(source, KERNEL_NAME), deno);
    const { code, stdout, stderr } = await new Deno.Command(SYSTEM_PYTHON, {
      args: ["-c", INSTALL, join(source, KERNEL_NAME)],
      stdin: "null",
    }).output();
    const decoder = new TextDecoder();
    if (code !== 0) throw new PackageError(`installing the kernelspec failed:\n${decoder.decode(stderr)}`);
    return decoder.decode(stdout).trim();
  } finally {
    await Deno.remove(source, { recursive: true });
  }
}

const INSTALL = `import sys
from jupyter_client.kernelspec import KernelSpecManager
print(KernelSpecManager().install_kernel_spec(sys.argv[1], kernel_name="${KERNEL_NAME}", user=True))`;

/** What `deno jupyter --install` writes, without colours in tracebacks. */
async function writeKernelspec(dir: string, deno: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const spec = {
    argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno",
    language: "typescript",
    env: { NO_COLOR: "1" },
  };
  await Deno.writeTextFile(join(dir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
}

/** npm keeps what `npx` fetches under <npm cache>/_npx/<hash>/node_modules. */
function inNpxCache(path: string): boolean {
  return path.split(/[\\/]/).includes("_npx");
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    return info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0;
  } catch {
    return false;
  }
}

if (import.meta.main) {
  try {
    await ensureJupyter();
    const deno = await stableDeno();
    const dir = await installKernelspec(deno);
    console.error(`kernel: registered the Deno kernel in ${dir}; it runs ${deno}`);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    console.error(`kernel: ${error.message}`);
    Deno.exit(1);
  }
}
