// Executes one notebook with the Deno kernel through execute_notebook.py (system Python), which keeps
// outputs that the kernel publishes after reporting idle.

import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { createKernelspec, KERNEL_NAME } from "./kernelspec.ts";
import { SYSTEM_PYTHON } from "../system/packages.ts";

const RUNNER = fileURLToPath(new URL("./execute_notebook.py", import.meta.url));

export const DEFAULT_CELL_TIMEOUT_SECONDS = 300;

/** A notebook cell failed, timed out or the kernel died; the runner has already said which on stderr. */
export class NotebookFailed extends Error {
  override name = "NotebookFailed";
}

export interface ExecuteOptions {
  timeoutSeconds?: number;
  /** Aborting sends the runner SIGTERM; it shuts its kernel down and the call rejects. */
  signal?: AbortSignal;
  /** The kernel's working directory; default the input's (a prepared copy runs where its original is). */
  cwd?: string;
  /** Added to the kernel's environment, which it otherwise inherits. */
  env?: Record<string, string>;
}

/**
 * Executes `input` and writes the executed notebook to `output` (also on failure, up to the failing
 * cell). Progress and the failure line go straight to stderr. Expects Jupyter to be installed
 * (lib/system/packages.ts ensureJupyter).
 */
export async function executeNotebook(
  input: string,
  output: string,
  { timeoutSeconds = DEFAULT_CELL_TIMEOUT_SECONDS, signal, cwd, env = {} }: ExecuteOptions = {},
): Promise<void> {
  await using kernelspec = await createKernelspec();
  const { code } = await new Deno.Command(SYSTEM_PYTHON, {
    args: [
      RUNNER,
      input,
      output,
      "--timeout",
      String(timeoutSeconds),
      "--kernel",
      KERNEL_NAME,
      ...(cwd ? ["--cwd", cwd] : []),
    ],
    env: { ...env, JUPYTER_PATH: kernelspec.jupyterPath },
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
    signal,
  }).spawn().status;
  if (code !== 0) {
    throw new NotebookFailed(`${basename(input)} ${signal?.aborted ? "interrupted" : "failed"}`);
  }
}
