// Writes a throwaway Jupyter kernelspec for the Deno kernel, so executing notebooks needs no global
// `deno jupyter --install` and always uses the same deno binary as the running program.

export const KERNEL_NAME = "deno";

/** A temporary directory to put on JUPYTER_PATH; it holds kernels/deno/kernel.json. */
export interface Kernelspec extends AsyncDisposable {
  jupyterPath: string;
}

export async function createKernelspec(): Promise<Kernelspec> {
  const jupyterPath = await Deno.makeTempDir({ prefix: "report-kernelspec-" });
  const kernelDir = `${jupyterPath}/kernels/${KERNEL_NAME}`;
  await Deno.mkdir(kernelDir, { recursive: true });
  const spec = {
    argv: [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno",
    language: "typescript",
    env: { NO_COLOR: "1" },
  };
  await Deno.writeTextFile(`${kernelDir}/kernel.json`, JSON.stringify(spec, null, 2) + "\n");
  return {
    jupyterPath,
    [Symbol.asyncDispose]: () => Deno.remove(jupyterPath, { recursive: true }),
  };
}
