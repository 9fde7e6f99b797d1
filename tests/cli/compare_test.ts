/**
 * `deno task compare`, through the task's own permissions, on datasets `deno task sim` wrote: what
 * differs, each dataset's spread at the final step checked against the written files, subset pairing,
 * and the refusals (exit 2, one line).
 */
import { assert, assertEquals, assertMatch } from "@std/assert";
import pl from "nodejs-polars";
import { compareValues } from "@lib/cli/compare.ts";
import { formatNumber } from "@lib/cli/summary.ts";
import { quantile } from "@lib/analysis/quantiles.ts";
import { task } from "../support/task.ts";

async function sim(out: string, ...args: string[]): Promise<string> {
  const r = await task("sim", [
    "honey",
    "--runs",
    "8",
    "--steps",
    "12",
    "--workers",
    "1",
    "--out",
    out,
    ...args,
  ]);
  assertEquals(r.code, 0, r.stderr);
  return out;
}

/** The one line a refused command prints, checked: exit 2, nothing but that line. */
function refusal(r: { code: number; stderr: string; stdout: string }): string {
  assertEquals(r.code, 2, r.stderr);
  assertEquals(r.stdout, "");
  const lines = r.stderr.split("\n").filter((l) => !l.startsWith("Task"));
  assertEquals(lines.length, 1, r.stderr);
  return lines[0];
}

Deno.test("the difference of medians and its bootstrap interval, worked by hand", () => {
  // Constant runs: every resample has the same medians, so the interval is the difference itself.
  const same = compareValues("x", [1, 1, 1], [3, 3, 3], 42);
  assertEquals([same.difference, same.interval], [2, [2, 2]]);
  // A = 1…5, B = A + 10: a resample's median of B lies in 11…15 and of A in 1…5, so every resampled
  // difference lies in [6, 14], and the interval excludes 0.
  const shifted = compareValues("x", [1, 2, 3, 4, 5], [11, 12, 13, 14, 15], 42);
  assertEquals(shifted.difference, 10);
  assert(
    shifted.interval![0] >= 6 && shifted.interval![1] <= 14 && shifted.interval![0] < 10,
    `${shifted.interval}`,
  );
  // One run on a side: no resample varies, so no interval is claimed.
  assertEquals(compareValues("x", [1], [2, 3], 42).interval, undefined);
  // Seeded: the same seed gives the same interval, another seed (almost surely) another.
  const a = [0.3, 1.2, 2.5, 0.1, 4.2, 1.9, 3.3];
  const b = [1.3, 2.2, 0.5, 3.1, 5.2, 2.9, 1.1];
  assertEquals(compareValues("x", a, b, 1).interval, compareValues("x", a, b, 1).interval);
  assert(String(compareValues("x", a, b, 1).interval) !== String(compareValues("x", a, b, 2).interval));
});

Deno.test("compare: what differs, both spreads from the written files, the interval stated", async () => {
  const root = await Deno.makeTempDir();
  const a = await sim(`${root}/a`);
  const b = await sim(`${root}/b`, "--set", "throttle=0.03", "--seed", "7");
  const r = await task("compare", [a, b]);
  assertEquals(r.code, 0, r.stderr);
  const lines = r.stdout.split("\n");
  assertEquals(lines[0], `honey: A = ${a}, B = ${b}`);
  assertEquals(lines[1], "differ: seed 42 → 7 · throttle 0.008 → 0.03");
  assertMatch(r.stdout, /2,000 bootstrap resamples of each dataset's runs\s+\(seed 42\)/);
  assert(lines.includes("subset 0 of A vs subset 0 of B: 8 vs 8 runs, timestep 12 vs 12"), r.stdout);
  // Each dataset's median and 5–95 % of reserve, from the files as written.
  const final = (dir: string) =>
    pl.readCSV(`${dir}/timeseries.csv`).filter(pl.col("timestep").eq(12)).getColumn("reserve")
      .toArray() as number[];
  const spread = (v: number[]) => [0.5, 0.05, 0.95].map((q) => formatNumber(quantile(v, q)));
  const row = lines.find((l) => /^\s+reserve\s/.test(l))!;
  const match = /^\s+reserve\s+(\S+)\s+(\S+) – (\S+)\s+(\S+)\s+(\S+) – (\S+)\s+(\S+)$/.exec(row);
  assert(match, row);
  assertEquals(match.slice(1, 4), spread(final(a)));
  assertEquals(match.slice(4, 7), spread(final(b)));
  assertEquals(match[7], formatNumber(quantile(final(b), 0.5) - quantile(final(a), 0.5)));
  // The interval block: every model column once, with whether its interval excludes 0.
  const interval = lines.find((l) => /^\s+reserve\s+\S+ – \S+\s+(yes|no)$/.test(l));
  assert(interval, r.stdout);
  assert(
    !lines.some((l) => /^\s+(throttle|subset|run|timestep)\s/.test(l)),
    "keys and parameters are not outputs",
  );
  // The same datasets compared again give the same text (the bootstrap is seeded).
  assertEquals((await task("compare", [a, b])).stdout, r.stdout);
  await Deno.remove(root, { recursive: true });
});

Deno.test("compare: sweeps subset by subset when the swept values match, else --subset I:J", async () => {
  const root = await Deno.makeTempDir();
  const a = await sim(`${root}/a`, "--sweep", "throttle=0.01,0.02");
  const b = await sim(`${root}/b`, "--sweep", "throttle=0.01,0.02", "--set", "productivity=0.9");
  const one = await sim(`${root}/one`, "--set", "throttle=0.02");
  const paired = await task("compare", [a, b]);
  assertEquals(paired.code, 0, paired.stderr);
  assertMatch(paired.stdout, /^differ: productivity 0\.88 → 0\.9$/m);
  assertMatch(paired.stdout, /^subset 0 of A \(throttle 0\.01\) vs subset 0 of B: 8 vs 8 runs/m);
  assertMatch(paired.stdout, /^subset 1 of A \(throttle 0\.02\) vs subset 1 of B: 8 vs 8 runs/m);
  // Subset 1 of the sweep is the single run's parameters with another seed stream: nothing differs.
  assertMatch(refusal(await task("compare", [a, one])), /without the same swept values; .*--subset I:J/);
  const chosen = await task("compare", [a, one, "--subset", "1:0"]);
  assertEquals(chosen.code, 0, chosen.stderr);
  assertMatch(chosen.stdout, /^differ: nothing \(same parameters, seed and steps\)$/m);
  assertMatch(chosen.stdout, /^subset 1 of A \(throttle 0\.02\) vs subset 0 of B/m);
  await Deno.remove(root, { recursive: true });
});

Deno.test("compare refuses two models, a folder that is no dataset, a missing table, bad options: one line, exit 2", async () => {
  const root = await Deno.makeTempDir();
  const a = await sim(`${root}/a`);
  const r = await task("sim", [
    "bostrom",
    "--runs",
    "1",
    "--steps",
    "2",
    "--workers",
    "1",
    "--out",
    `${root}/bostrom`,
  ]);
  assertEquals(r.code, 0, r.stderr);
  const b = await sim(`${root}/b`);
  await Deno.remove(`${b}/timeseries.csv`);
  await Deno.mkdir(`${root}/empty`);
  const cases: [string[], RegExp][] = [
    [[a, `${root}/bostrom`], /^compare: error: A is a dataset of model honey, B of model bostrom/],
    [[a, `${root}/empty`], /B \(.*empty\) is not a dataset written by 'deno task sim'/],
    [[`${root}/nowhere`, a], /A \(.*nowhere\) does not exist/],
    [[a, b], /b\/timeseries\.csv is missing \(the manifest of B lists it\)/],
    [[a], /compare takes two dataset folders, DIR_A and DIR_B; got 1/],
    [[a, a, "--subset", "0-0"], /--subset expects I:J/],
    [[a, a, "--subset", "0:3"], /B has subsets 0 to 0, not 3/],
    [[a, a, "--subst", "0:0"], /unknown option '--subst'; did you mean --subset\?/],
  ];
  for (const [args, expected] of cases) assertMatch(refusal(await task("compare", args)), expected);
  const help = await task("compare", ["--help"]);
  assertEquals(help.code, 0, help.stderr);
  assertMatch(help.stdout, /^usage: deno task compare DIR_A DIR_B \[--subset I:J\] \[--seed S\]$/m);
  await Deno.remove(root, { recursive: true });
});

Deno.test("compare reads BITrewards' final step from its 'step' column, in Parquet too", async () => {
  const root = await Deno.makeTempDir();
  const args = ["bitrewards", "--runs", "3", "--steps", "4", "--workers", "1", "--format", "parquet"];
  for (const [dir, extra] of [["a", []], ["b", ["--set", "N_users=40"]]] as const) {
    const r = await task("sim", [...args, ...extra, "--out", `${root}/${dir}`]);
    assertEquals(r.code, 0, r.stderr);
  }
  const r = await task("compare", [`${root}/a`, `${root}/b`]);
  assertEquals(r.code, 0, r.stderr);
  assertMatch(r.stdout, /^differ: N_users 60 → 40$/m);
  const final = pl.readParquet(`${root}/b/timeseries.parquet`).filter(pl.col("step").eq(4));
  const values = final.getColumn("total_contributions").toArray() as number[];
  assertEquals(values.length, 3);
  const row = r.stdout.split("\n").find((l) => /^\s+total_contributions\s/.test(l))!;
  assertEquals(row.trim().split(/\s+/)[5], formatNumber(quantile(values, 0.5)), row);
  assert(!/^\s+(run_id|step)\s/m.test(r.stdout), "keys are not outputs");
  await Deno.remove(root, { recursive: true });
});
