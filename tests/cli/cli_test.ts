/**
 * `deno task sim` end to end, as a subprocess: the files it writes; its refusals of bad input are in
 * bad_input_test.ts.
 */
import { assert, assertEquals, assertMatch, assertRejects, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import { parseRequest, type SimRequest } from "@lib/cli/sim.ts";
import {
  checkConfig,
  ConfigError,
  MAX_CONFIG_BYTES,
  parseConfig,
  parseSweepText,
  readConfig,
} from "@lib/io/config.ts";
import { simulators } from "@lib/models/index.ts";
import { checkValue, ParamError, parseDecimal } from "@lib/engine/params.ts";
import { bostromParams } from "@lib/models/bostrom/params.ts";
import { sim as run } from "../support/sim_process.ts";

/** `deno task sim` with these arguments, as the task runs it. */
const sim = (...args: string[]) => run(args);

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

Deno.test("several --sweep flags are crossed; ranges include stop; columns follow the source document's names", async () => {
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
  assertEquals(manifest.files.find((f: { file: string }) => f.file === "timeseries.csv").rows, df.height);
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
  assertEquals(JSON.parse(await Deno.readTextFile(`${a}/manifest.json`)).seed, 7, "the seed as given");
  assertEquals((await sim("honey", "--runs", "3", "--seed", "7", "--format", "parquet", "--out", b)).code, 0);
  const csv = pl.readCSV(`${a}/timeseries.csv`);
  const parquet = pl.readParquet(`${b}/timeseries.parquet`);
  assertEquals(parquet.height, csv.height);
  assertEquals(parquet.getColumn("price").toArray(), csv.getColumn("price").toArray());
  for (const dir of [a, b]) await Deno.remove(dir, { recursive: true });
});

Deno.test("scenarios and config files: the source notebook's zipped 3 × 3 grid, flags override files", async () => {
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
  // The configuration lives outside the output folder, which holds only what sim writes.
  const config = `${await Deno.makeTempDir()}/run.toml`;
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

/** A checked request, for tests that look at the plan without running it. */
async function request(...args: string[]): Promise<SimRequest> {
  const r = await parseRequest(args);
  assert(r !== "help");
  return r;
}

Deno.test("flags override files, later files earlier ones; a parameter is set or swept, never both", async () => {
  const dir = await Deno.makeTempDir();
  // The configuration lives outside the output folder, which holds only what sim writes.
  const config = `${await Deno.makeTempDir()}/run.toml`;
  // --set overrides the scenario's sweep of throttle; its zipped partner stays swept.
  const a = await request("honey", "--scenario", "final-experiment", "--set", "throttle=0.004");
  assertEquals(a.plan.sweptNames, ["target_reserve_ratio"]);
  assertEquals(a.plan.subsets.length, 9);
  assert(a.plan.subsets.every((s) => s.params.throttle === 0.004));
  // --sweep replaces a file's set value.
  await Deno.writeTextFile(config, "steps = 3\n[set]\ngrowth = 0.01\n");
  const b = await request("honey", "--config", config, "--sweep", "growth=0.01,0.02", "--steps", "5");
  assertEquals(b.plan.sweptNames, ["growth"]);
  assertEquals([b.plan.subsets.length, b.plan.steps], [2, 5]);
  // --config overrides the scenario both ways: its set replaces a sweep, its sweep replaces a set.
  await Deno.writeTextFile(
    config,
    "runs = 2\n[set]\nthrottle = 0.002\n[sweep]\nproductivity = [0.87, 0.9]\n",
  );
  const c = await request("honey", "--scenario", "final-experiment", "--config", config);
  assertEquals(c.plan.sweptNames, ["target_reserve_ratio", "productivity"]);
  assertEquals([c.plan.subsets.length, c.plan.runs, c.plan.steps], [18, 2, 120]);
  assert(c.plan.subsets.every((s) => s.params.throttle === 0.002));
  // A comma list in a file's string is read with the command line's grammar.
  await Deno.writeTextFile(config, '[sweep]\nthrottle = "0.002, 0.004"\n');
  const d = await request("honey", "--config", config);
  assertEquals(d.plan.subsets.map((s) => s.params.throttle), [0.002, 0.004]);
  // On the command line, or within one file, a parameter is given once.
  for (
    const args of [
      ["--set", "throttle=0.1", "--sweep", "throttle=0.1,0.2"],
      ["--sweep", "throttle=0.1,0.2", "--sweep", "throttle=0.3"],
      ["--set", "throttle=0.1", "--set", "throttle=0.2"],
    ]
  ) {
    await assertRejects(() => parseRequest(["honey", ...args]), Error, "'throttle' is given twice");
  }
  await Deno.writeTextFile(config, "[set]\nthrottle = 0.1\n[sweep]\nthrottle = [0.1, 0.2]\n");
  await assertRejects(() => readConfig(config), ConfigError, "'throttle' is both in [set] and in [sweep]");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("one decimal grammar: plain decimal only, finite, at most 64 characters, refused fast", () => {
  for (const [text, value] of [["1", 1], ["-1.5e3", -1500], [".5", 0.5], ["5.", 5], ["+2", 2], [" 3 ", 3]]) {
    assertEquals(parseDecimal(text as string), value);
  }
  for (const text of ["", " ", "0x10", "0b1", "1_000", "1e", "1.2.3", "Infinity", "NaN", "--1", "1e5.5"]) {
    assertThrows(() => parseDecimal(text), ParamError, "not a number");
  }
  assertThrows(() => parseDecimal("1e309"), ParamError, "beyond the finite numbers");
  assertThrows(() => parseDecimal("1".repeat(65)), ParamError, "too long for a number");
  // A long non-number is refused at once: by its length, before the grammar looks at it (the message says so).
  assertThrows(() => parseDecimal("1".repeat(100_000) + "x"), ParamError, "at most 64 characters");
  assertThrows(() => parseDecimal("1".repeat(63) + "x"), ParamError, "not a number");
  // Ranges and configuration files use the same grammar.
  assertEquals(parseSweepText("0.1:0.3:0.1"), [0.1, 0.2, 0.3]);
  assertThrows(() => parseSweepText("0x0:0x1:0x1"), ParamError, "'0x0' is not a number");
  assertThrows(() => parseSweepText("0:1e999:1"), ParamError, "beyond the finite numbers");
  assertThrows(
    () => parseConfig('[sweep]\nthrottle = "0x0:0x1:0x1"\n', "x.toml"),
    ConfigError,
    "x.toml: sweep.throttle: range",
  );
});

Deno.test("numbers are finite; seeds are safe whole numbers or short plain strings, kept as given", async () => {
  for (const value of [Infinity, -Infinity, NaN]) {
    assertThrows(() => checkValue(bostromParams, "extra_links", value, "bostrom"), ParamError, "finite");
  }
  assertEquals((await request("honey", "--seed", "7")).plan.seed, 7);
  assertEquals((await request("honey", "--seed", "007")).plan.seed, "007");
  assertEquals((await request("honey", "--seed", "run-7.b")).plan.seed, "run-7.b");
  assertEquals((await request("honey", "--seed", "9007199254740993")).plan.seed, "9007199254740993");
  assertEquals((await request("honey")).plan.seed, 42);
  assertEquals(parseConfig("seed = 9007199254740991", "x.toml").seed, 9007199254740991);
  for (const seed of ["inf", "nan", "-1", "1.5", '"a b"', `"${"x".repeat(65)}"`]) {
    assertThrows(() => parseConfig(`seed = ${seed}`, "x.toml"), ConfigError, "x.toml: 'seed' must be");
  }
});

Deno.test("names are looked up as own keys: prototype members are unknown models and parameters", async () => {
  for (const name of ["constructor", "__proto__", "toString"]) {
    await assertRejects(() => parseRequest([name]), Error, `unknown model '${name}'; models: honey`);
    await assertRejects(() => parseRequest(["honey", "--set", `${name}=1`]), ParamError, "unknown parameter");
  }
  // TOML keeps a [set] key named __proto__ as a key, so it is refused rather than silently dropped.
  const config = parseConfig("[set]\n__proto__ = 1\nconstructor = 2\n", "x.toml");
  assertEquals(Object.keys(config.set), ["__proto__", "constructor"]);
  assertThrows(
    () => checkConfig(config, simulators.honey),
    ConfigError,
    "x.toml: unknown parameter '__proto__'",
  );
});

Deno.test("configuration files larger than the limit are refused, reading no more than limit + 1", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/big.toml`;
  await Deno.writeTextFile(path, "#".repeat(MAX_CONFIG_BYTES));
  assertEquals((await readConfig(path)).set, {});
  await Deno.writeTextFile(path, "#".repeat(MAX_CONFIG_BYTES + 1));
  await assertRejects(() => readConfig(path), ConfigError, `larger than ${MAX_CONFIG_BYTES} bytes`);
  await assertRejects(() => readConfig("/dev/zero"), ConfigError, "/dev/zero is not a regular file");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("--lhs N samples each --sweep interval once per stratum, reproducibly for the seed", async () => {
  const dir = await Deno.makeTempDir();
  const args = ["honey", "--lhs", "12", "--sweep", "throttle=0.002:0.034", "--sweep", "growth=0:0.02"];
  const run = async (out: string, ...extra: string[]) => {
    const r = await sim(...args, "--runs", "1", "--steps", "3", "--out", out, ...extra);
    assertEquals(r.code, 0, r.stderr);
    return JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
  };
  const manifest = await run(`${dir}/a`);
  assertEquals(manifest.subsets.length, 12);
  for (const [name, lo, hi] of [["throttle", 0.002, 0.034], ["growth", 0, 0.02]] as const) {
    const strata = manifest.subsets.map((s: { params: Record<string, number> }) =>
      Math.min(11, Math.floor(((s.params[name] - lo) / (hi - lo)) * 12))
    ).sort((a: number, b: number) => a - b);
    assertEquals(strata, [...Array(12).keys()], name);
  }
  assertEquals((await run(`${dir}/b`)).subsets, manifest.subsets, "same seed, same samples");
  assert(
    (await run(`${dir}/c`, "--seed", "9")).subsets[0].params.throttle !== manifest.subsets[0].params.throttle,
  );
  const bad = await sim("honey", "--lhs", "5", "--sweep", "throttle=0.002,0.004", "--out", `${dir}/d`);
  assertEquals(bad.code, 2);
  assertMatch(bad.stderr, /with --lhs give an interval lo:hi/);
  await Deno.remove(dir, { recursive: true });
});
