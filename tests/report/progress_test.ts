/**
 * A long run in a real Deno kernel shows its progress in place (display_data, then update_display_data
 * under one display id, then emptied), and the report's runner drops the emptied display, so the executed
 * notebook keeps no progress line. And `task report` keeps that run in the run cache unless --no-cache.
 */
import { assert, assertEquals } from "@std/assert";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { executeNotebook } from "@lib/report/execute.ts";
import { ensureJupyter } from "@lib/system/packages.ts";
import { task } from "../support/task.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/progress.ipynb", import.meta.url));

interface Recorded {
  seconds: number;
  rows: number;
  calls: { bundle: Record<string, string>; options: { display_id: string; update?: boolean } }[];
}

Deno.test("a run over 2 s shows its progress in the kernel; the executed notebook keeps none of it", async () => {
  await ensureJupyter();
  const dir = await Deno.makeTempDir({ prefix: "progress-test-" });
  try {
    const executed = join(dir, "progress.ipynb");
    // The cache off: the run must really run.
    await executeNotebook(FIXTURE, executed, { env: { RUN_CACHE: "off" } });
    const cells = JSON.parse(await Deno.readTextFile(executed)).cells;
    assertEquals(cells[2].outputs, [], "the run's cell: its progress line dropped once emptied");
    const recorded: Recorded = cells[3].outputs[0].data["application/json"];
    assert(recorded.seconds > 2.2, `the run took ${recorded.seconds} s, too short to show progress`);
    assertEquals(recorded.rows, 48 * 241);
    const { calls } = recorded;
    assert(calls.length >= 3, `${calls.length} display calls`);
    assertEquals(new Set(calls.map((c) => c.options.display_id)).size, 1, "one display id");
    assertEquals(calls.map((c) => c.options.update === true), [false, ...calls.slice(1).map(() => true)]);
    assert(/^bitrewards: \d+ of 48 runs/.test(calls[0].bundle["text/plain"]), calls[0].bundle["text/plain"]);
    assertEquals(calls.at(-1)!.bundle, { "text/plain": "" });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("task report keeps the notebooks' runs in the run cache, and --no-cache keeps none", async () => {
  const dir = await Deno.makeTempDir({ prefix: "report-cache-test-" });
  const saved = { RUN_CACHE: Deno.env.get("RUN_CACHE"), RUN_CACHE_DIR: Deno.env.get("RUN_CACHE_DIR") };
  // The task's kernels inherit this environment.
  Deno.env.set("RUN_CACHE", "on");
  Deno.env.set("RUN_CACHE_DIR", `${dir}/cache`);
  const cached = () => {
    try {
      return [...Deno.readDirSync(`${dir}/cache`)].filter((e) => e.name.endsWith(".run")).length;
    } catch {
      return 0;
    }
  };
  try {
    const fixture = "tests/report/fixtures/progress.ipynb";
    const bypassed = await task("report", ["--notebooks", fixture, "--out", `${dir}/a`, "--no-cache"]);
    assertEquals(bypassed.code, 0, bypassed.stderr);
    assertEquals(cached(), 0, "--no-cache: nothing kept");
    const kept = await task("report", ["--notebooks", fixture, "--out", `${dir}/b`]);
    assertEquals(kept.code, 0, kept.stderr);
    assertEquals(cached(), 1, "the fixture's one run kept");
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) Deno.env.delete(name);
      else Deno.env.set(name, value);
    }
    await Deno.remove(dir, { recursive: true });
  }
});
