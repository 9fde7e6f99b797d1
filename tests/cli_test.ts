/**
 * `deno task sim` end to end, as a subprocess: the files it writes, and what it refuses.
 */
import { assert, assertEquals, assertMatch } from "@std/assert";
import pl from "nodejs-polars";

const SIM = new URL("../lib/cli/sim.ts", import.meta.url).pathname;

async function sim(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SIM, ...args],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr).trim() };
}

const HONEY_COLUMNS = [
  "reserve",
  "circulation",
  "size",
  "saturation",
  "production",
  "utility",
  "price",
  "target_price",
  "netflow",
  "adjustment",
  "total_supply",
  "market_cap",
  "ratio",
];

Deno.test("several --sweep flags are crossed; ranges include stop; columns follow the seed's names", async () => {
  const dir = await Deno.makeTempDir();
  const r = await sim(
    "honey",
    "--sweep",
    "throttle=0.002:0.01:0.004",
    "--sweep",
    "target_reserve_ratio=0.1,0.2",
    "--runs",
    "2",
    "--steps",
    "6",
    "--out",
    dir,
  );
  assertEquals(r.code, 0, r.stderr);
  const df = pl.readCSV(`${dir}/timeseries.csv`);
  assertEquals(df.columns, [
    "subset",
    "run",
    "timestep",
    "throttle",
    "target_reserve_ratio",
    ...HONEY_COLUMNS,
  ]);
  assertEquals(df.height, 3 * 2 * 2 * 7);
  assertEquals(df.getColumn("throttle").unique().sort().toArray(), [0.002, 0.006, 0.01]);
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  assertEquals(manifest.model, "honey");
  assertEquals(manifest.seed, 42);
  assertEquals(manifest.tables["timeseries.csv"].rows, df.height);
  assertEquals(manifest.subsets.length, 6);
  assertEquals(manifest.subsets[5].params.throttle, 0.01);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the same seed writes byte-identical files; parquet holds the same rows", async () => {
  const [a, b] = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  for (const dir of [a, b]) {
    assertEquals((await sim("honey", "--runs", "3", "--seed", "7", "--out", dir)).code, 0);
  }
  assertEquals(await Deno.readFile(`${a}/timeseries.csv`), await Deno.readFile(`${b}/timeseries.csv`));
  assertEquals(await Deno.readFile(`${a}/manifest.json`), await Deno.readFile(`${b}/manifest.json`));
  assertEquals((await sim("honey", "--runs", "3", "--seed", "7", "--format", "parquet", "--out", b)).code, 0);
  const csv = pl.readCSV(`${a}/timeseries.csv`);
  const parquet = pl.readParquet(`${b}/timeseries.parquet`);
  assertEquals(parquet.height, csv.height);
  assertEquals(parquet.getColumn("price").toArray(), csv.getColumn("price").toArray());
  for (const dir of [a, b]) await Deno.remove(dir, { recursive: true });
});

Deno.test("scenarios and config files: the seed's zipped 3 × 3 grid, flags override files", async () => {
  const dir = await Deno.makeTempDir();
  const r = await sim("honey", "--scenario", "final-experiment", "--runs", "1", "--steps", "2", "--out", dir);
  assertEquals(r.code, 0, r.stderr);
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  assertEquals(manifest.subsets.length, 9);
  assertEquals(manifest.runs, 1);
  const pairs = manifest.subsets.map((
    s: { params: Record<string, number> },
  ) => [s.params.throttle, s.params.target_reserve_ratio]);
  assertEquals(pairs[4], [0.004, 0.2]);
  const config = `${dir}/run.toml`;
  await Deno.writeTextFile(
    config,
    'steps = 3\nruns = 2\nseed = "abc"\n[set]\ngrowth = 0.01\n[sweep]\np_pull = "0.5:0.7:0.1"\n',
  );
  assertEquals((await sim("honey", "--config", config, "--set", "growth=0.02", "--out", dir)).code, 0);
  const m2 = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  assertEquals([m2.steps, m2.runs, m2.seed, m2.subsets.length], [3, 2, "abc", 3]);
  assertEquals(m2.subsets[0].params.growth, 0.02);
  // product = true crosses every swept list, except those a zip group moves together.
  await Deno.writeTextFile(
    config,
    'steps = 1\nruns = 1\nproduct = true\nzip = [["p_pull", "p_variance"]]\n[sweep]\np_pull = [0.6, 0.7]\n' +
      "p_variance = [0.1, 0.2]\nthrottle = [0.002, 0.004, 0.008]\n",
  );
  assertEquals((await sim("honey", "--config", config, "--out", dir)).code, 0);
  const m3 = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  const combos = m3.subsets.map((
    s: { params: Record<string, number> },
  ) => [s.params.p_pull, s.params.p_variance]);
  assertEquals(m3.subsets.length, 6);
  assertEquals(
    combos.filter(([a, b]: number[]) => (a === 0.6) !== (b === 0.1)).length,
    0,
    "zipped pairs stay paired",
  );
  await Deno.writeTextFile(config, 'zip = [["p_pull"]]\n[sweep]\np_pull = [0.6]\n');
  assertEquals(
    (await sim("honey", "--config", config, "--out", dir)).code,
    2,
    "zip without product is refused",
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("bad input exits non-zero with one line naming the problem, and writes nothing", async () => {
  const root = await Deno.makeTempDir();
  const bad = `${root}/bad.toml`;
  await Deno.writeTextFile(bad, "steps = 10\n[set\nthrottle = 1\n");
  const unknownKey = `${root}/unknown.toml`;
  await Deno.writeTextFile(unknownKey, "stepz = 10\n");
  const cases: [string[], RegExp][] = [
    [["nope"], /unknown model 'nope'/],
    [["honey", "--set", "throttel=0.1"], /unknown parameter 'throttel'/],
    [["honey", "--set", "throttle=fast"], /'throttle'.*not a number/],
    [["honey", "--set", "p_pull=1.5"], /'p_pull'.*1\.5.*\[0, 1\]/],
    [["honey", "--sweep", "p_pull=0.5,2"], /'p_pull'.*2/],
    [["honey", "--steps", "-3"], /--steps/],
    [["honey", "--format", "xlsx"], /--format/],
    [["honey", "--config", bad], /bad\.toml: malformed TOML at line 2/],
    [["honey", "--config", unknownKey], /unknown key 'stepz'/],
    [["honey", "--config", `${root}/missing.toml`], /cannot read configuration/],
    [["honey", "--scenario", "nope"], /unknown scenario 'nope'.*final-experiment/],
    [["honey", "--bogus"], /--bogus/],
  ];
  for (const [args, expected] of cases) {
    const out = `${root}/out`;
    const r = await sim(...args, "--out", out);
    assert(r.code !== 0, `${args.join(" ")} should fail`);
    assertMatch(r.stderr.split("\n")[0], expected);
    assert(!r.stderr.includes("Stack backtrace") && !r.stderr.includes("    at "), r.stderr);
    let exists = true;
    await Deno.stat(out).catch(() => exists = false);
    assert(!exists, `${args.join(" ")} wrote ${out}`);
  }
  const file = `${root}/file`;
  await Deno.writeTextFile(file, "");
  const r = await sim("honey", "--runs", "1", "--out", `${file}/sub`);
  assert(r.code !== 0);
  assertMatch(r.stderr, /cannot write to output directory/);
  await Deno.remove(root, { recursive: true });
});
