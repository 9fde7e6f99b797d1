/**
 * A real classic Notebook server (6.x) serving one executed notebook twice: `untrusted.ipynb` as received
 * and `trusted.ipynb`, the same notebook signed in this server's own Jupyter folders. Tests open both in
 * Chromium to see what a trusted and an untrusted front end show.
 */
import { assert } from "@std/assert";
import { join } from "node:path";
import { ensureJupyter, ensureTool, JUPYTER_NOTEBOOK, SYSTEM_PYTHON, TOOLS } from "@lib/system/packages.ts";
import { pollUntil } from "../report/processes.ts";

const TOKEN = "classic-notebook-test";

export interface ClassicNotebook {
  /** The address of a notebook of the pair, "trusted" or "untrusted". */
  url(name: "trusted" | "untrusted"): string;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Installs what the server needs (Jupyter, the classic Notebook) when it is missing. */
export async function ensureClassicNotebook(): Promise<void> {
  await ensureJupyter();
  await ensureTool(TOOLS.notebook);
}

/**
 * Serves `dir/untrusted.ipynb` (executed, as received) beside a signed copy, with Jupyter's folders under
 * `dir` so that nothing outside it is read or trusted.
 */
export async function serveClassicPair(dir: string): Promise<ClassicNotebook> {
  const env = {
    JUPYTER_DATA_DIR: join(dir, "data"),
    JUPYTER_CONFIG_DIR: join(dir, "config"),
    JUPYTER_RUNTIME_DIR: join(dir, "runtime"),
  };
  // A signature is the notebook's content hash: the trusted copy must differ from the untrusted one.
  const signed = await new Deno.Command(SYSTEM_PYTHON, {
    args: [
      "-c",
      `import nbformat, sys
from nbformat.sign import NotebookNotary
notebook = nbformat.read(sys.argv[1], as_version=4)
notebook.metadata["copy"] = "trusted"
NotebookNotary().sign(notebook)
nbformat.write(notebook, sys.argv[2])`,
      join(dir, "untrusted.ipynb"),
      join(dir, "trusted.ipynb"),
    ],
    env,
  }).output();
  assert(signed.success, new TextDecoder().decode(signed.stderr));

  const port = freePort();
  const server = new Deno.Command(JUPYTER_NOTEBOOK, {
    args: [
      "--no-browser",
      "--allow-root",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=0",
      `--NotebookApp.token=${TOKEN}`,
      `--notebook-dir=${dir}`,
      // Only saved outputs are looked at: no kernel starts for the notebooks opened.
      `--KernelSpecManager.allowed_kernelspecs=["none"]`,
    ],
    env,
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  const base = `http://127.0.0.1:${port}`;
  const close = async () => {
    server.kill("SIGTERM");
    await server.status;
  };
  try {
    await pollUntil(
      async () => {
        try {
          return (await fetch(`${base}/api?token=${TOKEN}`)).ok;
        } catch {
          return false;
        }
      },
      "the Notebook server",
      60_000,
    );
  } catch (e) {
    await close();
    throw e;
  }
  return { url: (name) => `${base}/notebooks/${name}.ipynb?token=${TOKEN}`, close };
}

/** A port nothing listens on now (the system picks it). */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
