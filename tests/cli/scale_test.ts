/**
 * `sim` at scale, as a subprocess: any number of workers, and any split into shards merged back, give
 * the same bytes as one plain run; the up-front size check refuses what would not fit before running.
 */
import { assert, assertEquals, assertMatch } from "@std/assert";
import { join } from "node:path";
import { assertDataset, assertSameFiles, merge, type Ran, sim, snapshot } from "../support/sim_process.ts";

const FORMATS = ["csv", "parquet"] as const;

/** A subprocess that must have succeeded. */
function ok(r: Ran, what: string): Ran {
  assertEquals(r.code, 0, `${what}: ${r.stderr}`);
  return r;
}

/** The same run with 1, 2 and 3 workers, in both formats: every file (manifest included) the same. */
async function assertWorkersAgree(args: readonly string[]): Promise<void> {
  const root = await Deno.makeTempDir();
  try {
    for (const format of FORMATS) {
      const out = (workers: number) => join(root, `${format}-${workers}`);
      // All three at once: the machine's two cores stay busy while each process starts.
      await Promise.all(
        [1, 2, 3].map(async (w) =>
          ok(
            await sim([...args, "--format", format, "--workers", String(w), "--out", out(w)]),
            `${w} workers`,
          )
        ),
      );
      const one = await snapshot(out(1));
      assert([...one.keys()].some((f) => f.endsWith(`.${format}`)), `no ${format} table in ${out(1)}`);
      await assertDataset(out(1));
      for (const w of [2, 3]) assertSameFiles(await snapshot(out(w)), one, `${format}, ${w} workers`);
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("--workers 1, 2 and 3 write byte-identical files: honey", async () => {
  await assertWorkersAgree(["honey", "--runs", "3", "--steps", "20"]);
});

Deno.test("--workers 1, 2 and 3 write byte-identical files: bitrewards", async () => {
  await assertWorkersAgree(["bitrewards", "--runs", "3", "--steps", "20"]);
});

Deno.test("--workers 1, 2 and 3 write byte-identical files: datadao", async () => {
  // Two runs, so that the workers really split the units (one unit runs in process whatever --workers).
  await assertWorkersAgree([
    "datadao",
    "--steps",
    "100",
    "--scenario",
    "reference",
    "--runs",
    "2",
    "--tables",
    "timeseries,transactions,agents",
  ]);
});

/** 4 subsets × 3 runs = 12 units: 4 per shard of 3. */
const SWEEP = [
  "honey",
  "--sweep",
  "throttle=0.002:0.008:0.002",
  "--runs",
  "3",
  "--steps",
  "24",
  "--workers",
  "1",
];

Deno.test("shards merged give the unsharded run's bytes, tables and manifest, CSV and Parquet", async () => {
  const root = await Deno.makeTempDir();
  try {
    for (const format of FORMATS) {
      const single = join(root, `${format}-single`);
      const job = join(root, `${format}-job`);
      const args = [...SWEEP, "--format", format];
      await Promise.all([
        sim([...args, "--out", single]).then((r) => ok(r, "unsharded")),
        sim([...args, "--out", job, "--shard", "0/3"]).then((r) => ok(r, "shard 0")),
      ]);
      await Promise.all(
        ["1/3", "2/3"].map((s) => sim([...args, "--out", job, "--shard", s]).then((r) => ok(r, s))),
      );
      ok(await merge([job]), "merge");
      const merged = await snapshot(job);
      for (const name of merged.keys()) if (name.startsWith("shards/")) merged.delete(name);
      assertSameFiles(merged, await snapshot(single), `${format}: merged vs unsharded`);
      await assertDataset(job, ["shards"]);
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("inserting a value into a sweep leaves every other subset's rows byte-identical", async () => {
  const root = await Deno.makeTempDir();
  try {
    const rows = async (throttles: string) => {
      const out = join(root, throttles);
      const args = [
        "honey",
        "--sweep",
        `throttle=${throttles}`,
        "--runs",
        "2",
        "--steps",
        "12",
        "--workers",
        "1",
      ];
      ok(await sim([...args, "--out", out]), throttles);
      // The rows without their first field, `subset`: the position in the sweep, which the insertion moves.
      const lines = (await Deno.readTextFile(join(out, "timeseries.csv"))).trimEnd().split("\n");
      return lines.map((line) => line.slice(line.indexOf(",") + 1));
    };
    const [two, three] = [await rows("0.002,0.01"), await rows("0.002,0.006,0.01")];
    assertEquals(three[0], two[0], "the header");
    const of = (lines: string[], throttle: string) => lines.filter((l) => l.split(",")[2] === throttle);
    for (const throttle of ["0.002", "0.01"]) {
      assert(of(two, throttle).length === 2 * 13, `throttle ${throttle}: 2 runs × 13 rows`);
      assertEquals(of(three, throttle), of(two, throttle), `throttle ${throttle}`);
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("merge names missing, mismatched and damaged shards; re-running the missing one completes", async () => {
  const root = await Deno.makeTempDir();
  try {
    const job = join(root, "job");
    const single = join(root, "single");
    await Promise.all([
      sim([...SWEEP, "--out", single]).then((r) => ok(r, "unsharded")),
      sim([...SWEEP, "--out", job, "--shard", "0/3"]).then((r) => ok(r, "shard 0")),
    ]);
    // Shard 2 of another plan (another seed); shard 1 not run yet.
    ok(await sim([...SWEEP, "--seed", "7", "--out", job, "--shard", "2/3"]), "shard 2, seed 7");

    const status = ok(await merge([job, "--status"]), "merge --status");
    assertMatch(status.stdout, /^shard 0\/3: done \(units 0–3\)$/m);
    assertMatch(status.stdout, /^shard 1\/3: missing/m);
    assertMatch(status.stdout, /^shard 2\/3: mismatched: it ran another plan/m);
    assertMatch(status.stdout, /^1 of 3 shards done$/m);

    const refused = await merge([job]);
    assert(refused.code !== 0, "a merge with a missing shard must fail");
    assertMatch(
      refused.stderr,
      /2 of 3 shards not done: 1 \(missing: no output\), 2 \(mismatched: it ran another plan/,
    );
    assertEquals(await Deno.stat(join(job, "manifest.json")).catch(() => null), null, "nothing merged");

    // The right shard 2, then shard 1 with one of its part files cut short.
    ok(await sim([...SWEEP, "--out", job, "--shard", "2/3"]), "shard 2");
    ok(await sim([...SWEEP, "--out", job, "--shard", "1/3"]), "shard 1");
    const part = join(job, "shards", "1", "parts", "timeseries", "000000.arrow");
    const whole = await Deno.readFile(part);
    await Deno.writeFile(part, whole.subarray(0, whole.length - 100));
    const damaged = await merge([job]);
    assert(damaged.code !== 0, "a merge with a damaged shard must fail");
    assertMatch(
      damaged.stderr,
      /1 \(damaged: parts\/timeseries\/000000\.arrow differs from its manifest\)/,
    );

    // Re-running only that shard completes the dataset, byte-identical to the unsharded run.
    ok(await sim([...SWEEP, "--out", job, "--shard", "1/3"]), "shard 1 again");
    assertMatch(ok(await merge([job, "--status"]), "status").stdout, /^3 of 3 shards done$/m);
    ok(await merge([job]), "merge");
    const merged = await snapshot(job);
    for (const name of merged.keys()) if (name.startsWith("shards/")) merged.delete(name);
    assertSameFiles(merged, await snapshot(single), "merged vs unsharded");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("--shard env/3 takes its index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX", async () => {
  const root = await Deno.makeTempDir();
  try {
    const run = (env: Record<string, string>) =>
      sim([...SWEEP, "--out", root, "--shard", "env/3"], { env, clearEnv: true });
    const [slurm, k8s, none] = await Promise.all([
      run({ SLURM_ARRAY_TASK_ID: "2" }),
      run({ JOB_COMPLETION_INDEX: "1" }),
      run({}),
    ]);
    ok(slurm, "SLURM_ARRAY_TASK_ID");
    ok(k8s, "JOB_COMPLETION_INDEX");
    assertEquals(none.code, 2, none.stderr);
    assertMatch(none.stderr, /neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX/);
    const shards = await Promise.all(
      ["1", "2"].map(async (i) =>
        JSON.parse(await Deno.readTextFile(join(root, "shards", i, "manifest.json")))
      ),
    );
    assertEquals(shards.map((m) => [m.shard.index, m.shard.count, m.shard.units]), [[1, 3, [4, 8]], [2, 3, [
      8,
      12,
    ]]]);
    assertEquals(await Deno.stat(join(root, "shards", "0")).catch(() => null), null);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the up-front check refuses a huge output in one line naming --max-output, which raises it", async () => {
  const root = await Deno.makeTempDir();
  try {
    const out = join(root, "out");
    const huge = await sim(["honey", "--steps", "1000000000", "--out", out]);
    assertEquals(huge.code, 2, huge.stderr);
    assertEquals(huge.stderr.split("\n").length, 1, huge.stderr);
    assertMatch(
      huge.stderr,
      /^sim: error: this run would write about [\d,]+ rows, ~[\d.]+[KMGT]?B \(limit 20GB\)/,
    );
    assertMatch(huge.stderr, /--max-output \d/);

    // A small run under a smaller limit is refused; the limit the message suggests lets it run.
    const args = ["honey", "--runs", "3", "--steps", "20", "--workers", "1", "--out", out];
    const small = await sim([...args, "--max-output", "1KB"]);
    assertEquals(small.code, 2, small.stderr);
    const suggested = /--max-output (\S+)/.exec(small.stderr)![1];
    ok(await sim([...args, "--max-output", suggested]), `--max-output ${suggested}`);
    await assertDataset(out);
    assertEquals(await Deno.stat(join(root, "out.lock")).catch(() => null), null);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a sweep crossing past 10^6 subsets is refused without being built", async () => {
  const root = await Deno.makeTempDir();
  try {
    // 10^4 × ~10^4 ≈ 10^8 subsets; a heap too small for even 10^6 of them shows none were built.
    const r = await sim([
      "honey",
      "--sweep",
      "throttle=0.00001:0.1:0.00001",
      "--sweep",
      "target_reserve_ratio=0.001:1:0.0001",
      "--out",
      join(root, "out"),
    ], { heapMB: 128 });
    assertEquals(r.code, 2, r.stderr);
    assertMatch(
      r.stderr,
      /^sim: error: the sweep crosses into 9\.99e\+7 parameter subsets; a plan holds at most 1,000,000/,
    );
    assertEquals(await Deno.readDir(root)[Symbol.asyncIterator]().next(), { done: true, value: undefined });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
