/**
 * `deno bench -A tests/io/write_bench.ts`: what users wait for, `sim` end to end as `deno task sim` runs
 * it, against what the machine allows in the same run:
 * - the honey sweep of 1,000 runs (9.8 M rows, 2.5 GB of CSV) against `dd` writing the same number of
 *   bytes to the same disk (no sync);
 * - dataDAO's default run against its simulation alone (in this thread, nothing written) followed by
 *   `dd` of its bytes;
 * - 2 workers against 1 for honey --runs 100 and BITrewards baseline --runs 16, beside the same work as
 *   two independent processes of half the runs at once (what a perfect split could reach on this machine
 *   for this workload), and a control group of plain arithmetic on 1 and 2 bare workers.
 * Each group's baseline is the yardstick, so `deno bench` prints the others as ratios measured in the
 * same run. Every run's output is checked for its rows, so a fast wrong run is never reported.
 * BENCH_HONEY_RUNS sets the first sweep's runs (default 1000) for a quicker look.
 */
import { join } from "node:path";
import { runInProcess } from "@lib/engine/executor.ts";
import { parseRequest } from "@lib/cli/sim.ts";
import { type Ran, sim } from "../support/sim_process.ts";
import { benchArithmeticControl } from "../support/arithmetic_control.ts";

const HONEY_RUNS = Deno.env.get("BENCH_HONEY_RUNS") ?? "1000";
const dir = await Deno.makeTempDir({ prefix: "write_bench" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

/** Runs sim into `out` (replacing what a previous iteration wrote); returns the bytes it wrote. */
async function simBytes(args: readonly string[], out: string): Promise<number> {
  const r: Ran = await sim([...args, "--out", out]);
  if (r.code !== 0) throw new Error(`sim ${args.join(" ")}: ${r.stderr}`);
  const manifest = JSON.parse(await Deno.readTextFile(join(out, "manifest.json")));
  const files = manifest.files as { file: string; bytes: number; rows?: number }[];
  if (!files.some((f) => (f.rows ?? 0) > 0)) throw new Error(`sim ${args.join(" ")} wrote no rows`);
  return files.reduce((n, f) => n + f.bytes, 0);
}

/** `dd` writing `bytes` (rounded up to whole MiB) from /dev/zero to a file in the bench's folder. */
async function dd(bytes: number): Promise<void> {
  const count = Math.ceil(bytes / 2 ** 20);
  const r = await new Deno.Command("dd", {
    args: ["if=/dev/zero", `of=${join(dir, "dd.bin")}`, "bs=1M", `count=${count}`],
    stderr: "null",
  }).output();
  if (!r.success) throw new Error("dd failed");
  await Deno.remove(join(dir, "dd.bin"));
}

// The sim case runs first and records its bytes, which its dd case then writes.
const written: Record<string, number> = {};

const HONEY = ["honey", "--scenario", "reserve-throttle", "--runs", HONEY_RUNS];
Deno.bench(`sim ${HONEY.join(" ")}`, { group: "honey sweep", n: 3, warmup: 0 }, async () => {
  written.honey = await simBytes(HONEY, join(dir, "honey"));
});
Deno.bench("dd of the same bytes", { group: "honey sweep", baseline: true, n: 3, warmup: 0 }, async () => {
  await dd(written.honey);
});

const DATADAO = ["datadao"];
Deno.bench("sim datadao", { group: "datadao default", n: 3, warmup: 1 }, async () => {
  written.datadao = await simBytes(DATADAO, join(dir, "datadao"));
});
const datadao = await parseRequest(DATADAO);
Deno.bench("datadao simulation in this thread, then dd of its bytes", {
  group: "datadao default",
  baseline: true,
  n: 3,
  warmup: 1,
}, async () => {
  if (datadao === "help") throw new Error("not a run");
  const result = runInProcess(datadao.model.model, datadao.plan, datadao.model.record(datadao.tables));
  if (result.tables.timeseries.rows === 0) throw new Error("datadao recorded no rows");
  await dd(written.datadao);
});

const WORKLOADS = {
  "honey --runs 100": { args: ["honey", "--scenario", "reserve-throttle"], runs: 100 },
  "bitrewards baseline --runs 16": { args: ["bitrewards", "--scenario", "baseline"], runs: 16 },
};
for (const [name, { args, runs }] of Object.entries(WORKLOADS)) {
  for (const workers of [1, 2]) {
    Deno.bench(`sim ${name}, --workers ${workers}`, {
      group: name,
      baseline: workers === 1,
      n: 3,
      warmup: 1,
    }, async () => {
      await simBytes(
        [...args, "--runs", String(runs), "--workers", String(workers)],
        join(dir, `${name}-${workers}`),
      );
    });
  }
  // The most 2 workers could give on this machine at this moment: the same work as two independent
  // processes of half the runs each, at once, sharing nothing but the cores (and memory bandwidth).
  Deno.bench(`ceiling: two processes of ${runs / 2} runs at once, --workers 1 each`, {
    group: name,
    n: 3,
    warmup: 1,
  }, async () => {
    await Promise.all([0, 1].map((half) =>
      simBytes(
        [...args, "--runs", String(runs / 2), "--seed", String(half), "--workers", "1"],
        join(dir, `${name}-half-${half}`),
      )
    ));
  });
}

benchArithmeticControl();
