/**
 * Bad input to `deno task sim`, run as the task runs it (its own permission flags): every case exits with
 * status 2 and one line, `sim: error: ...`, that names the problem, holds no control character (whatever
 * the input held), and nothing is written: the case's folder is exactly as before. The cases are a list,
 * so that its length is the count of bad inputs tried.
 */
import { assert, assertEquals, assertMatch } from "@std/assert";
import { join } from "node:path";
import { MAX_CONFIG_BYTES } from "@lib/io/config.ts";
import { sim } from "../support/sim_process.ts";

/** Shared input files, written once for every case. */
const FILES = Deno.makeTempDirSync({ prefix: "bad-input-files-" });
const file = (name: string, text: string) => {
  Deno.writeTextFileSync(join(FILES, name), text);
  return join(FILES, name);
};

const LONG = "1".repeat(100_000);

interface Case {
  /** The arguments after `deno task sim`; `--out <the case's out>` is appended. */
  readonly args: readonly string[];
  /** What the message says after `sim: error: `. */
  readonly error: RegExp;
  readonly env?: Record<string, string>;
  /** Run with only PATH, HOME and DENO_DIR in the environment (no scheduler's index). */
  readonly clearEnv?: boolean;
  /** Prepares the case's folder and returns the --out to give; by default `<folder>/out`, absent. */
  readonly out?: (dir: string) => string;
}

/** A folder holding a file this tool did not write, like a project's own folder. */
function foreign(dir: string): string {
  Deno.mkdirSync(join(dir, "notebooks"));
  Deno.writeTextFileSync(join(dir, "notebooks", "mine.ipynb"), "{}\n");
  return join(dir, "notebooks");
}

const CASES: readonly Case[] = [
  // The model and the command line's shape.
  { args: [], error: /^no model named; models: honey/ },
  { args: ["nope"], error: /^unknown model 'nope'/ },
  { args: ["constructor"], error: /^unknown model 'constructor'; models: honey/ },
  { args: ["__proto__"], error: /^unknown model '__proto__'; models: honey/ },
  { args: ["toString"], error: /^unknown model 'toString'; models: honey/ },
  { args: ["honey", "gonka"], error: /^one model at a time, got honey gonka/ },
  { args: ["honey", "--bogus"], error: /^unknown option '--bogus' \(--help for usage\)$/ },
  { args: ["honey", "-x"], error: /^unknown option '-x'/ },
  { args: ["honey", "--seed"], error: /^--seed needs a value$/ },
  { args: ["honey", "--runs", "--steps", "3"], error: /^--runs needs a value$/ },
  { args: ["honey", "--help=3"], error: /--help.* does not take an argument/ },
  { args: ["honey", "--steps", "1", "--steps", "2"], error: /^--steps is given more than once/ },
  { args: ["honey", "--format", "csv", "--format", "csv"], error: /^--format is given more than once/ },
  // Parameters.
  { args: ["honey", "--set", "throttel=0.1"], error: /unknown parameter 'throttel'/ },
  { args: ["honey", "--set", "constructor=0.1"], error: /unknown parameter 'constructor'/ },
  { args: ["honey", "--set", "throttle"], error: /^--set expects name=value, got 'throttle'/ },
  { args: ["honey", "--set", "throttle=fast"], error: /'throttle'.*not a number/ },
  { args: ["honey", "--set", "throttle=0x10"], error: /'throttle'.*'0x10' is not a number/ },
  { args: ["honey", "--set", `throttle=${LONG}x`], error: /'throttle'.*too long for a number \(at most 64/ },
  { args: ["bostrom", "--set", "extra_links=1e309"], error: /'extra_links'.*'1e309' is beyond the finite/ },
  { args: ["honey", "--set", "p_pull=1.5"], error: /'p_pull'.*1\.5.*\[0, 1\]/ },
  { args: ["honey", "--set", "p_pull=-0.5"], error: /'p_pull'.*-0\.5.*\[0, 1\]/ },
  { args: ["honey", "--sweep", "p_pull=0.5,2"], error: /'p_pull'.*2/ },
  {
    args: ["honey", "--sweep", "throttle=0x0:0x1:0x1"],
    error: /^--sweep throttle: range '0x0:0x1:0x1': '0x0' is not a number/,
  },
  {
    args: ["honey", "--set", "throttle=0.1", "--sweep", "throttle=0.1,0.2"],
    error: /'throttle' is given twice/,
  },
  {
    args: ["honey", "--sweep", "throttle=0.1", "--sweep", "throttle=0.2"],
    error: /'throttle' is given twice/,
  },
  { args: ["honey", "--set", "throttle=0.1", "--set", "throttle=0.2"], error: /'throttle' is given twice/ },
  {
    args: ["honey", "--lhs", "5", "--sweep", "throttle=0.002,0.004"],
    error: /with --lhs give an interval lo:hi/,
  },
  {
    args: ["honey", "--lhs", "1", "--sweep", "throttle=0:1"],
    error: /^--lhs expects a whole number ≥ 2, got '1'/,
  },
  // Control characters typed or read are shown escaped, on one line.
  { args: ["honey", "--set", "a\nb=1"], error: /^unknown parameter 'a\\nb' for model honey/ },
  { args: ["honey", "--scenario", "\u001b[31mred"], error: /^unknown scenario '\\u001b\[31mred'/ },
  {
    args: ["honey", "--format", "csv\r\u0007"],
    error: /^--format must be csv or parquet, got 'csv\\r\\u0007'/,
  },
  {
    args: ["honey", "--config", file("nul-key.toml", '[set]\n"a\\u0000b" = 1\n')],
    error: /nul-key\.toml: unknown parameter 'a\\u0000b' for model honey/,
  },
  {
    args: ["honey", "--config", file("newline-key.toml", '"x\\ny" = 1\n')],
    error: /newline-key\.toml: unknown key 'x\\ny'; accepted keys/,
  },
  {
    args: ["honey", "--config", file("bidi-steps.toml", 'steps = "1\\u202e2"\n')],
    error: /bidi-steps\.toml: 'steps' must be a whole number ≥ 0, got '1\\u202e2'/,
  },
  // Counts, seeds, shards and workers.
  { args: ["honey", "--steps", "-3"], error: /^--steps expects a whole number ≥ 0, got '-3'/ },
  { args: ["honey", "--runs", "0"], error: /^--runs expects a whole number ≥ 1, got '0'/ },
  { args: ["honey", "--runs", "2.5"], error: /^--runs expects a whole number ≥ 1, got '2\.5'/ },
  {
    args: ["honey", "--seed", "-3"],
    error: /^--seed must be a whole number in \[0, 2\^53 - 1\] or .*; got '-3'/,
  },
  { args: ["honey", "--seed", "a/b"], error: /^--seed must be a whole number/ },
  { args: ["honey", "--seed", "x".repeat(65)], error: /^--seed must be a whole number/ },
  {
    args: ["honey", "--shard", "-1/3"],
    error: /^--shard -1\/3: the shard index must be a whole number ≥ 0, got '-1'/,
  },
  {
    args: ["honey", "--shard", "0/0"],
    error: /^--shard 0\/0: the shard count must be a whole number ≥ 1, got '0'/,
  },
  {
    args: ["honey", "--shard", "3/3"],
    error: /^--shard 3\/3: the shard index must be below the count, from 0 to 2/,
  },
  { args: ["honey", "--shard", "1"], error: /^--shard expects I\/N \(e\.g\. 0\/4, or env\/4\), got '1'/ },
  {
    args: ["honey", "--shard", "x/3"],
    error: /^--shard x\/3: the shard index must be a whole number ≥ 0, got 'x'/,
  },
  {
    args: ["honey", "--shard", "env/4"],
    clearEnv: true,
    error: /^--shard env\/N: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set/,
  },
  {
    args: ["honey", "--shard", "env/4"],
    env: { SLURM_ARRAY_TASK_ID: "4" },
    error:
      /^--shard env\/4: the shard index in SLURM_ARRAY_TASK_ID must be below the count, from 0 to 3; got 4/,
  },
  {
    args: ["honey", "--shard", "env/4"],
    env: { JOB_COMPLETION_INDEX: "one" },
    clearEnv: true,
    error: /^--shard env\/4: the shard index in JOB_COMPLETION_INDEX must be a whole number ≥ 0, got 'one'/,
  },
  { args: ["honey", "--workers", "0"], error: /^--workers expects a whole number from 1 to 256, got '0'/ },
  {
    args: ["honey", "--workers", "1000"],
    error: /^--workers expects a whole number from 1 to 256, got '1000'/,
  },
  // Output format, tables and size.
  { args: ["honey", "--format", "xlsx"], error: /^--format must be csv or parquet, got 'xlsx'/ },
  {
    args: ["honey", "--tables", "nope"],
    error: /^--tables: model honey writes no table 'nope'; tables: timeseries/,
  },
  { args: ["datadao", "--tables", "agents,agents"], error: /^--tables names 'agents' twice/ },
  {
    args: ["honey", "--max-output", "5XB"],
    error: /^--max-output expects a size such as 500MB or 20GB, got '5XB'/,
  },
  {
    args: ["honey", "--runs", "1000", "--max-output", "1MB"],
    error: /^this run would write about 121,000 rows, ~[\d.]+MB \(limit 1MB\); raise the limit/,
  },
  // Configuration files and scenarios.
  {
    args: ["honey", "--config", file("bad.toml", "steps = 10\n[set\nthrottle = 1\n")],
    error: /bad\.toml: malformed TOML at line 2/,
  },
  { args: ["honey", "--config", file("unknown.toml", "stepz = 10\n")], error: /unknown key 'stepz'/ },
  { args: ["honey", "--config", file("inf.toml", "seed = inf\n")], error: /inf\.toml: 'seed' must be/ },
  {
    args: ["honey", "--config", file("neg.toml", "seed = -1\n")],
    error: /neg\.toml: 'seed' must be .*got -1/,
  },
  {
    args: ["honey", "--config", file("nan.toml", "[set]\np_pull = nan\n")],
    error: /nan\.toml: parameter 'p_pull'.*NaN is not a finite number/,
  },
  {
    args: ["honey", "--config", file("proto.toml", "[set]\n__proto__ = 1\n")],
    error: /proto\.toml: unknown parameter '__proto__'/,
  },
  {
    args: ["honey", "--config", file("both.toml", "[set]\nthrottle = 0.1\n[sweep]\nthrottle = [0.1, 0.2]\n")],
    error: /both\.toml: 'throttle' is both in \[set\] and in \[sweep\]/,
  },
  {
    args: ["honey", "--config", file("zip.toml", 'zip = [["p_pull"]]\n[sweep]\np_pull = [0.6]\n')],
    error: /zip\.toml: 'zip' only applies with product = true/,
  },
  {
    args: ["honey", "--config", file("big.toml", "#".repeat(MAX_CONFIG_BYTES + 1))],
    error: /big\.toml is larger than 1048576 bytes/,
  },
  { args: ["honey", "--config", "/dev/zero"], error: /\/dev\/zero is not a regular file/ },
  { args: ["honey", "--config", FILES], error: /bad-input-files-\w+ is not a regular file/ },
  {
    args: ["honey", "--config", join(FILES, "missing.toml")],
    error: /^cannot read configuration .*missing\.toml/,
  },
  { args: ["honey", "--scenario", "nope"], error: /^unknown scenario 'nope'.*final-experiment/ },
  { args: ["honey", "--scenario", "constructor"], error: /^unknown scenario 'constructor'/ },
  // Output folders that are not this tool's to write.
  {
    args: ["honey"],
    out: foreign,
    error: /notebooks holds files this tool did not write \(e\.g\. mine\.ipynb\); choose another --out/,
  },
  {
    args: ["honey", "--shard", "0/2"],
    out: foreign,
    error: /notebooks holds files this tool did not write \(e\.g\. mine\.ipynb\)/,
  },
  {
    args: ["honey", "--shard", "1/2"],
    out: (dir) => {
      Deno.mkdirSync(join(dir, "job", "shards"), { recursive: true });
      Deno.writeTextFileSync(join(dir, "job", "shards", "notes.txt"), "mine\n");
      return join(dir, "job");
    },
    error: /job holds files this tool did not write \(e\.g\. shards\/notes\.txt\)/,
  },
  {
    args: ["honey"],
    out: (dir) => {
      Deno.writeTextFileSync(join(dir, "out"), "a file\n");
      return join(dir, "out");
    },
    error: /out exists and is not a folder$/,
  },
  {
    args: ["honey"],
    out: (dir) => {
      Deno.writeTextFileSync(join(dir, "file"), "a file\n");
      return join(dir, "file", "out");
    },
    error: /^cannot create .*\/file: /,
  },
  {
    args: ["honey", "--runs", "1"],
    out: () => "/",
    error: /^cannot write a dataset at \/: choose a folder in it/,
  },
];

/** Every character a terminal would act on rather than print (the trailing newline is trimmed off). */
// deno-lint-ignore no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Every entry under `dir`, folders included (an empty staging folder is something written), with its bytes. */
async function tree(dir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const walk = async (sub: string) => {
    for await (const e of Deno.readDir(join(dir, sub))) {
      const rel = join(sub, e.name);
      if (e.isDirectory) {
        found.set(`${rel}/`, "");
        await walk(rel);
      } else found.set(rel, await Deno.readTextFile(join(dir, rel)));
    }
  };
  await walk("");
  return new Map([...found].sort(([a], [b]) => a < b ? -1 : 1));
}

async function check(c: Case, dir: string): Promise<void> {
  const out = c.out ? c.out(dir) : join(dir, "out");
  const before = await tree(dir);
  const r = await sim([...c.args, "--out", out], { env: c.env, clearEnv: c.clearEnv });
  const what = JSON.stringify(c.args).slice(0, 100);
  assertEquals(r.code, 2, `${what}: ${r.stderr}`);
  assert(
    !CONTROL.test(r.stderr),
    `${what}: the message holds a control character: ${JSON.stringify(r.stderr)}`,
  );
  const lines = r.stderr.split("\n");
  assertEquals(lines.length, 1, `${what} should print one line: ${r.stderr}`);
  assertMatch(lines[0], /^sim: error: /);
  assertMatch(lines[0].slice("sim: error: ".length), c.error, what);
  assert(lines[0].length < 500, `${what}: the line is short`);
  assertEquals(r.stdout, "", `${what}: printed on stdout`);
  assertEquals(await tree(dir), before, `${what}: changed its folder`);
}

Deno.test(`${CASES.length} bad inputs: each exits 2 with one line naming the problem, and writes nothing`, async () => {
  const root = await Deno.makeTempDir({ prefix: "bad-input-" });
  try {
    const failures: string[] = [];
    // A few subprocesses at a time: each loads the models.
    for (let i = 0; i < CASES.length; i += 6) {
      await Promise.all(
        CASES.slice(i, i + 6).map(async (c, j) => {
          const dir = join(root, `case-${i + j}`);
          await Deno.mkdir(dir);
          await check(c, dir).catch((e) => failures.push(`case ${i + j}: ${(e as Error).message}`));
        }),
      );
    }
    assertEquals(failures, [], `${failures.length} of ${CASES.length} cases failed`);
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(FILES, { recursive: true });
  }
});
