// The kernel that `deno task kernel` registers for Jupyter and VS Code: it runs a deno that stays where it
// is (not one in npx's cache, which npx clears at will), and a real kernel starts from it.

import { assertEquals, assertRejects, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stableDeno } from "@lib/report/kernelspec.ts";
import { PackageError, SYSTEM_PYTHON } from "@lib/system/packages.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RUNNER = join(ROOT, "lib/report/execute_notebook.py");
const FIXTURE = join(ROOT, "tests/report/fixtures/outputs.ipynb");

Deno.test("a deno in npx's cache is passed over for one on PATH that lives elsewhere, or refused", async () => {
  await withTempDir(async (dir) => {
    // As npx lays it out: the binary in its package, a shim in node_modules/.bin first on PATH.
    const npx = join(dir, ".npm/_npx/0123abcd/node_modules");
    const cached = await executable(join(npx, "deno/deno"));
    await Deno.mkdir(join(npx, ".bin"));
    await Deno.symlink("../deno/deno", join(npx, ".bin/deno"));
    const installed = await executable(join(dir, "usr/lib/node_modules/deno/deno"));
    await Deno.mkdir(join(dir, "usr/bin"));
    await Deno.symlink(installed, join(dir, "usr/bin/deno"));
    await Deno.mkdir(join(dir, "empty"));
    const path = (...dirs: string[]) => dirs.join(":");

    assertEquals(await stableDeno(installed, path(join(npx, ".bin"))), installed);
    assertEquals(
      await stableDeno(cached, path(join(npx, ".bin"), join(dir, "empty"), join(dir, "usr/bin"))),
      installed,
    );
    const error = await assertRejects(
      () => stableDeno(cached, path(join(npx, ".bin"), join(dir, "empty"))),
      PackageError,
    );
    assertStringIncludes(error.message, `this deno (${cached}) lives in npx's cache`);
    assertStringIncludes(error.message, `npm install -g deno@${Deno.version.deno}`);
  });
});

Deno.test("deno task kernel registers a kernel that runs this deno, and a notebook runs on it", async () => {
  await withTempDir(async (dir) => {
    // Jupyter's user data directory, where Jupyter and VS Code find user kernels, moved into the test's.
    const env = { JUPYTER_DATA_DIR: join(dir, "jupyter") };
    const task = await new Deno.Command(Deno.execPath(), { args: ["task", "kernel"], cwd: ROOT, env })
      .output();
    const printed = new TextDecoder().decode(task.stderr);
    assertEquals(task.code, 0, printed);
    const spec = JSON.parse(await Deno.readTextFile(join(dir, "jupyter/kernels/deno/kernel.json")));
    assertEquals(spec.argv, [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"]);
    assertStringIncludes(
      printed,
      `kernel: registered the Deno kernel in ${join(dir, "jupyter/kernels/deno")}`,
    );

    // The runner finds the kernel as Jupyter does, with no JUPYTER_PATH of the report's.
    const executed = join(dir, "outputs.ipynb");
    const run = await new Deno.Command(SYSTEM_PYTHON, {
      args: [RUNNER, FIXTURE, executed, "--kernel", "deno"],
      env,
      stdout: "null",
    }).output();
    assertEquals(run.code, 0, new TextDecoder().decode(run.stderr));
    const cells = JSON.parse(await Deno.readTextFile(executed)).cells;
    assertEquals(cells[1].outputs[0].text, ["hello from the first cell\n"]);
  });
});

async function executable(path: string): Promise<string> {
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, "#!/bin/sh\n");
  await Deno.chmod(path, 0o755);
  return path;
}

async function withTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "report-kernelspec-test-" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
