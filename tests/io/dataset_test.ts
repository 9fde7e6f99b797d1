/**
 * One folder, one dataset, as `sim` leaves it: an interrupted, failed or disk-full run leaves the
 * previous dataset whole and nothing beside it; a second writer is refused by the lock; a change of
 * format leaves no stale table; a folder holding anything else is refused; the manifest is true.
 */
import { assert, assertEquals, assertMatch } from "@std/assert";
import { basename, join } from "node:path";
import {
  assertDataset,
  assertSameFiles,
  entries,
  merge,
  type Ran,
  sim,
  snapshot,
  startSim,
} from "../support/sim_process.ts";

/** A small dataset to be replaced (or not) by the run under test. */
const SMALL = ["honey", "--runs", "1", "--steps", "5", "--workers", "1"];

function ok(r: Ran, what: string): Ran {
  assertEquals(r.code, 0, `${what}: ${r.stderr}`);
  return r;
}

/** Waits until `found` holds, polling every few milliseconds, or fails after `seconds`. */
async function until(found: () => Promise<boolean>, seconds: number, what: string): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  while (!(await found())) {
    assert(performance.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The staging folder beside `out` in `parent`, if there is one. */
async function stagingOf(parent: string): Promise<string | undefined> {
  const name = (await entries(parent)).find((n) => n.startsWith(".out.staging-"));
  return name && join(parent, name);
}

/**
 * Whether rows are being written into a staging folder: at least `count` Arrow parts of its timeseries
 * (a shard, or a Parquet table before its conversion), or at least `bytes` of its CSV table appended.
 */
async function rowsIn(staging: string, count = 1, bytes = 1): Promise<boolean> {
  const parts = await entries(join(staging, "parts", "timeseries")).catch(() => []);
  const csv = await Deno.stat(join(staging, "timeseries.csv")).then((s) => s.size, () => 0);
  return parts.length >= count || csv >= bytes;
}

// Signals land while a CSV table's rows are appended (workers running), while Parquet parts are written,
// or while the Parquet table is being streamed from them (Polars writing in its own threads).
const SIGNALS = [
  {
    signal: "SIGINT",
    code: 130,
    moment: "rows",
    format: "csv",
    runs: "10000",
    while: "CSV rows are appended",
  },
  {
    signal: "SIGTERM",
    code: 143,
    moment: "rows",
    format: "csv",
    runs: "10000",
    while: "CSV rows are appended",
  },
  {
    signal: "SIGINT",
    code: 130,
    moment: "rows",
    format: "parquet",
    runs: "10000",
    while: "Parquet parts are written",
  },
  {
    signal: "SIGINT",
    code: 130,
    moment: "table",
    format: "parquet",
    runs: "6000",
    while: "the Parquet table is streamed",
  },
] as const;

for (const { signal, code, moment, format, runs, while: when } of SIGNALS) {
  Deno.test(`${signal} while ${when} leaves the previous dataset whole and nothing beside it`, async () => {
    const parent = await Deno.makeTempDir();
    try {
      const out = join(parent, "out");
      ok(await sim([...SMALL, "--out", out]), "the previous dataset");
      const before = await snapshot(out);
      // Seconds of work (10,000 runs would write ~300 MB of CSV): the signal comes long before the end.
      const run = startSim(["honey", "--runs", runs, "--format", format, "--out", out]);
      if (moment === "rows") {
        // A few parts, or a few MB of rows, in the staging folder, so that the signal lands mid-write.
        const rows = async () => {
          const staging = await stagingOf(parent);
          return staging !== undefined && await rowsIn(staging, 3, 4e6);
        };
        await until(() => rows().catch(() => false), 20, "rows in the staging folder");
      } else {
        const table = async () => {
          const staging = await stagingOf(parent);
          return staging !== undefined && (await entries(staging)).includes("timeseries.parquet");
        };
        await until(() => table().catch(() => false), 30, "the table in the staging folder");
      }
      run.child.kill(signal);
      const r = await run.done;
      // Killed by the signal itself (no handler) would also give 128 + n: what is left beside tells.
      assertEquals(r.code, code, `exit status after ${signal}: ${r.stderr}`);
      assertEquals(
        await entries(parent),
        ["out"],
        "nothing beside the dataset: no staging folder, lock or part",
      );
      assertSameFiles(await snapshot(out), before, "the previous dataset");
      await assertDataset(out);
    } finally {
      await Deno.remove(parent, { recursive: true });
    }
  });
}

/**
 * A writer that gets SIGINT at an awkward moment, raised from inside the file operations it wraps:
 * `open`, between taking the lock and creating the staging folder; `swap`, just after the previous
 * dataset was moved aside. An asynchronous operation waits until the signal is delivered: the dataset's
 * own handler, listening since the lock was taken, runs first and exits; the writer goes on (and the test
 * fails) only if it did not.
 */
const SIGNALLED_WRITER = `
import pl from "nodejs-polars";
import { StagedDataset } from "${new URL("../../lib/io/dataset.ts", import.meta.url).href}";
const [target, moment] = Deno.args;
const raise = () => Deno.kill(Deno.pid, "SIGINT");
const delivered = () => new Promise((resolve) => {
  Deno.addSignalListener("SIGINT", resolve);
  raise();
});
const { mkdir, rename, renameSync } = Deno;
Deno.mkdir = async (path, options) => {
  if (moment === "open" && String(path).includes(".staging-")) await delivered();
  return mkdir(path, options);
};
Deno.rename = async (from, to) => {
  await rename(from, to);
  if (moment === "swap" && String(from) === target) await delivered();
};
Deno.renameSync = (from, to) => {
  renameSync(from, to);
  if (moment === "swap" && String(from) === target) raise();
  if (moment === "kill" && String(from) === target) Deno.kill(Deno.pid, "SIGKILL");
};
const staged = await StagedDataset.open(target);
staged.writePart("timeseries", pl.DataFrame({ x: [1, 2, 3] }));
await staged.finish("csv");
await staged.commit({ model: "signalled" });
`;

/** Runs SIGNALLED_WRITER into `out` (in `parent`) for `moment`; returns its exit status. */
async function signalledWriter(
  parent: string,
  out: string,
  moment: "open" | "swap" | "kill",
): Promise<number> {
  const script = join(parent, "writer.js");
  await Deno.writeTextFile(script, SIGNALLED_WRITER);
  const config = new URL("../../deno.json", import.meta.url).pathname;
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", config, script, out, moment],
    stdout: "piped",
    stderr: "piped",
  }).output();
  await Deno.remove(script);
  return r.code;
}

for (const [moment, outcome] of [["open", "the previous one"], ["swap", "the new one"]] as const) {
  Deno.test(`a signal during ${moment} leaves a whole dataset, ${outcome}, and nothing beside it`, async () => {
    const parent = await Deno.makeTempDir();
    try {
      const out = join(parent, "out");
      ok(await sim([...SMALL, "--out", out]), "the previous dataset");
      const before = await snapshot(out);
      assertEquals(await signalledWriter(parent, out, moment), 130);
      assertEquals(await entries(parent), ["out"], "nothing beside the dataset");
      const manifest = await assertDataset(out);
      if (moment === "open") assertSameFiles(await snapshot(out), before, "the previous dataset");
      else {assertEquals([manifest.model, manifest.files.map((f) => f.file)], ["signalled", [
          "timeseries.csv",
        ]]);}
    } finally {
      await Deno.remove(parent, { recursive: true });
    }
  });
}

/** Mounts a tmpfs of `size` at `dir` (root only); false when it cannot. */
async function mountTmpfs(dir: string, size: string): Promise<boolean> {
  try {
    const out = await new Deno.Command("mount", {
      args: ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir],
      stderr: "piped",
    })
      .output();
    if (out.success) return true;
    console.log(
      `dataset_test: full-disk test skipped: mount failed: ${new TextDecoder().decode(out.stderr).trim()}`,
    );
  } catch (e) {
    console.log(`dataset_test: full-disk test skipped: cannot run mount: ${(e as Error).message}`);
  }
  return false;
}

Deno.test("a full disk fails the run and leaves the previous dataset whole and nothing else", async () => {
  const disk = await Deno.makeTempDir();
  if (!(await mountTmpfs(disk, "2m"))) return await Deno.remove(disk);
  try {
    const out = join(disk, "out");
    ok(await sim([...SMALL, "--out", out]), "the previous dataset");
    const before = await snapshot(out);
    // 300 runs fill the disk while their CSV rows are appended, 1,000 in Parquet while their parts are
    // written; 90 in Parquet fit as parts but not with the table streamed from them, where Polars' writer
    // fails: each path must clean up.
    const cases = [["--runs", "300"], ["--runs", "1000", "--format", "parquet"], [
      "--runs",
      "90",
      "--format",
      "parquet",
    ]];
    for (const args of cases) {
      const r = await sim(["honey", ...args, "--workers", "1", "--out", out]);
      assert(r.code !== 0, `${args.join(" ")} fitted in 2 MB: ${r.stderr}`);
      assertMatch(r.stderr, /No space left on device/);
      assertEquals(await entries(disk), ["out"], `${args.join(" ")}: left something beside the dataset`);
      assertSameFiles(await snapshot(out), before, `${args.join(" ")}: the previous dataset`);
    }
  } finally {
    await new Deno.Command("umount", { args: [disk] }).output();
    await Deno.remove(disk, { recursive: true });
  }
});

/** The pid the lock beside `out` names, once its holder has written it. */
async function lockHolder(out: string): Promise<number | undefined> {
  const text = await Deno.readTextFile(`${out}.lock`).catch(() => "");
  const pid = /^pid (\d+) on /.exec(text)?.[1];
  return pid === undefined ? undefined : Number(pid);
}

Deno.test("six writers started at once into one folder: one writes, five exit 2 naming the lock", async () => {
  const parent = await Deno.makeTempDir();
  try {
    const out = join(parent, "out");
    const args = ["honey", "--runs", "2000", "--workers", "1", "--out", out];
    const writers = Array.from({ length: 6 }, () => startSim(args));
    // Whichever takes the lock is paused as soon as it is seen, so that it holds the lock until every
    // other writer has tried (each tries once, at start).
    let holder: number | undefined;
    await until(async () => (holder = await lockHolder(out)) !== undefined, 60, "a writer's lock");
    Deno.kill(holder!, "SIGSTOP");
    const winner = writers.find((w) => w.child.pid === holder);
    assert(winner, `the lock names pid ${holder}, none of the writers`);
    try {
      for (const w of writers.filter((w) => w !== winner)) {
        const r = await w.done;
        assertEquals(r.code, 2, r.stderr);
        assertMatch(
          r.stderr,
          // The holder's pid, unless it was read between the lock being taken and the pid written.
          new RegExp(
            `^sim: error: another run (\\(pid ${holder} on [^)]+\\) )?is writing ${out}; wait for it`,
          ),
        );
        assertEquals(r.stderr.split("\n").length, 1, r.stderr);
      }
    } finally {
      Deno.kill(holder!, "SIGCONT");
    }
    ok(await winner.done, "the writer holding the lock");
    const manifest = await assertDataset(out);
    assertEquals(manifest.files.map((f) => [f.file, f.rows]), [["timeseries.csv", 2000 * 121]]);
    assertEquals(await entries(parent), ["out"]);
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

Deno.test("--out d, d/ and ./d are one folder: reruns replace the dataset, and share one lock beside it", async () => {
  const parent = await Deno.makeTempDir();
  try {
    const out = join(parent, "d");
    for (const given of [`${out}/`, `${out}/`, out, `${parent}/./d//`]) {
      ok(await sim([...SMALL, "--out", given]), `--out ${given}`);
      assertEquals(
        await entries(parent),
        ["d"],
        `--out ${given}: nothing beside the dataset, nor a lock in it`,
      );
      await assertDataset(out);
    }
    // A run into d/ holds the lock that a run into d finds.
    const first = startSim(["honey", "--runs", "2000", "--workers", "1", "--out", `${out}/`]);
    let holder: number | undefined;
    await until(async () => (holder = await lockHolder(out)) !== undefined, 60, "the first run's lock");
    Deno.kill(holder!, "SIGSTOP");
    const second = await sim([...SMALL, "--out", out]).finally(() => Deno.kill(holder!, "SIGCONT"));
    assertEquals(second.code, 2, second.stderr);
    assertMatch(
      second.stderr,
      new RegExp(`^sim: error: another run (\\(pid ${holder} on [^)]+\\) )?is writing ${out};`),
    );
    ok(await first.done, "the first run");
    assertEquals((await assertDataset(out)).runs, 2000);
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

/**
 * Starts a long run with `args` and kills it with SIGKILL (or `signal`) once rows of `target` (its --out,
 * or its shard's folder) are being written into a new staging folder beside it; returns that folder's name.
 */
async function killWhileWriting(
  args: readonly string[],
  target: string,
  signal: "SIGKILL" | "SIGINT" = "SIGKILL",
): Promise<string> {
  const parent = join(target, "..");
  const stagings = async () =>
    (await entries(parent).catch(() => [])).filter((n) => n.startsWith(`.${basename(target)}.staging-`));
  const earlier = await stagings();
  const run = startSim(args);
  let staging: string | undefined;
  const writing = async () => {
    staging = (await stagings()).find((n) => !earlier.includes(n));
    if (staging === undefined) return false;
    return await rowsIn(join(parent, staging));
  };
  await until(writing, 60, `rows of ${target}`);
  run.child.kill(signal);
  const r = await run.done;
  if (signal === "SIGINT") assertEquals(r.code, 130, r.stderr);
  else {
    assertEquals(r.code, 137, "killed by SIGKILL");
    assert((await stagings()).includes(staging!), `SIGKILL left no staging folder beside ${target}`);
  }
  return staging!;
}

Deno.test("what SIGKILL leaves beside a dataset is removed by the next run of it, and nothing else", async () => {
  const parent = await Deno.makeTempDir();
  try {
    const [out, other, live] = ["out", "other", "live"].map((n) => join(parent, n));
    const big = ["honey", "--runs", "10000", "--workers", "1"];
    ok(await sim([...SMALL, "--out", out]), "the previous dataset");
    // Two killed runs of `out` (the second removes what the first left, then leaves its own), one of
    // `other`; and a run of `live` paused while it writes.
    await killWhileWriting([...big, "--out", out], out);
    const killed = await killWhileWriting([...big, "--out", out], out);
    const otherLeft = await killWhileWriting([...big, "--out", other], other);
    const paused = startSim(["honey", "--runs", "2000", "--workers", "1", "--out", live]);
    let holder: number | undefined;
    await until(async () => (holder = await lockHolder(live)) !== undefined, 60, "the live run's lock");
    await until(
      async () => (await entries(parent)).some((n) => n.startsWith(".live.staging-")),
      60,
      "staging",
    );
    Deno.kill(holder!, "SIGSTOP");
    const liveStaging = (await entries(parent)).find((n) => n.startsWith(".live.staging-"))!;
    try {
      assertEquals(
        await entries(parent),
        [killed, liveStaging, otherLeft, "live.lock", "other.lock", "out", "out.lock"].sort(),
      );
      ok(await sim([...SMALL, "--seed", "9", "--out", out]), "the next run of out");
      assertEquals((await assertDataset(out)).seed, 9);
      // Its own leftovers are gone; the other target's, and the paused run's, are untouched.
      assertEquals(
        await entries(parent),
        [liveStaging, otherLeft, "live.lock", "other.lock", "out"].sort(),
      );
    } finally {
      Deno.kill(holder!, "SIGCONT");
    }
    ok(await paused.done, "the paused run of live");
    ok(await sim([...SMALL, "--out", other]), "the next run of other");
    assertEquals(await entries(parent), ["live", "other", "out"]);
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

Deno.test("SIGKILL between moving the previous dataset aside and moving the new in: the next run puts it back", async () => {
  const parent = await Deno.makeTempDir();
  try {
    const out = join(parent, "out");
    ok(await sim([...SMALL, "--out", out]), "the previous dataset");
    const before = await snapshot(out);
    assertEquals(await signalledWriter(parent, out, "kill"), 137);
    const left = await entries(parent);
    assert(!left.includes("out") && left.some((n) => n.startsWith(".out.old-")), `left: ${left}`);
    // The next run puts the previous dataset back before it writes; interrupted, it leaves that one.
    await killWhileWriting(["honey", "--runs", "10000", "--workers", "1", "--out", out], out, "SIGINT");
    assertEquals(await entries(parent), ["out"], "nothing beside the dataset");
    assertSameFiles(await snapshot(out), before, "the previous dataset");
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

Deno.test("a shard killed by SIGKILL is seen as interrupted, rerun cleanly, and merges whole", async () => {
  const parent = await Deno.makeTempDir();
  try {
    const job = join(parent, "job");
    const shards = join(job, "shards");
    const plan = ["honey", "--runs", "6000", "--workers", "1"];
    ok(await sim([...plan, "--shard", "1/2", "--out", job]), "shard 1");
    await killWhileWriting([...plan, "--shard", "0/2", "--out", job], join(shards, "0"));
    const status = await merge([job, "--status"]);
    assertMatch(status.stdout, /shard 0\/2: failed: interrupted/, status.stderr);
    ok(await sim([...plan, "--shard", "0/2", "--out", job]), "shard 0 again");
    assertEquals(await entries(shards), ["0", "1"], "nothing left beside the shards");
    ok(await merge([job]), "merge");
    assertEquals((await assertDataset(job, ["shards"])).files.map((f) => f.rows), [6000 * 121]);
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

Deno.test("CSV then Parquet into one folder leaves only the Parquet tables, and the manifest lists them", async () => {
  const out = await Deno.makeTempDir();
  try {
    ok(await sim(["bitrewards", "--runs", "2", "--steps", "5", "--workers", "1", "--out", out]), "csv");
    assertEquals((await assertDataset(out)).files.map((f) => f.file), [
      "agent_outcomes.csv",
      "run_summary.csv",
      "timeseries.csv",
    ]);
    ok(
      await sim([
        "bitrewards",
        "--runs",
        "2",
        "--steps",
        "5",
        "--workers",
        "1",
        "--format",
        "parquet",
        "--out",
        out,
      ]),
      "parquet",
    );
    const manifest = await assertDataset(out);
    assertEquals(manifest.files.map((f) => f.file), [
      "agent_outcomes.parquet",
      "run_summary.parquet",
      "timeseries.parquet",
    ]);
    assertEquals(manifest.format, "parquet");
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("a folder holding a file this tool did not write is refused, named and left untouched", async () => {
  const parent = await Deno.makeTempDir();
  try {
    const out = join(parent, "out");
    // Beside a dataset this tool wrote, and in a folder that never held one.
    ok(await sim([...SMALL, "--out", out]), "a dataset");
    await Deno.writeTextFile(join(out, "notes.txt"), "mine\n");
    const other = join(parent, "other");
    await Deno.mkdir(join(other, "figures"), { recursive: true });
    for (const dir of [out, other]) {
      const before = await snapshot(dir);
      const r = await sim([...SMALL, "--out", dir]);
      assertEquals(r.code, 2, r.stderr);
      const name = dir === out ? "notes.txt" : "figures";
      assertMatch(
        r.stderr,
        new RegExp(`^sim: error: ${dir} holds files this tool did not write \\(e\\.g\\. ${name}\\)`),
      );
      assertSameFiles(await snapshot(dir), before, dir);
    }
    assertEquals(await entries(parent), ["other", "out"], "no lock or staging folder left");
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

Deno.test("every manifest entry's size and sha256 match its file", async () => {
  const root = await Deno.makeTempDir();
  try {
    const csv = join(root, "csv");
    const parquet = join(root, "parquet");
    const args = [
      "datadao",
      "--steps",
      "50",
      "--scenario",
      "reference",
      "--workers",
      "1",
      "--tables",
      "timeseries,transactions,agents",
    ];
    await Promise.all([
      sim([...args, "--out", csv]).then((r) => ok(r, "csv")),
      sim([...args, "--format", "parquet", "--out", parquet]).then((r) => ok(r, "parquet")),
    ]);
    for (const dir of [csv, parquet]) {
      const manifest = await assertDataset(dir);
      assertEquals(manifest.files.length, 3);
      assert(manifest.files.every((f) => typeof f.rows === "number" && f.rows > 0), "every table has rows");
    }
    // A file changed after writing no longer matches: the check above would catch it.
    await Deno.writeTextFile(join(csv, "agents.csv"), "changed\n", { append: true });
    let caught = false;
    await assertDataset(csv).catch(() => caught = true);
    assert(caught, "a changed file matches its manifest entry");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
