/**
 * `sim` writes each model's own tables: the columns its documentation promises, byte-identical for the
 * same seed, Parquet and on-request tables, scenarios. End to end, as subprocesses (so outside
 * `deno task test:fast`); the models' formulas are tested in process under tests/models/.
 */
import { assert, assertEquals, assertRejects } from "@std/assert";
import pl from "nodejs-polars";
import { AGENT_TYPES } from "@lib/models/datadao/params.ts";
import { sim } from "../support/sim_process.ts";

Deno.test("CLI: a scenario's three tables, byte-identical for the same seed, Parquet on request", async () => {
  const [a, b] = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  const run = (out: string, ...extra: string[]) =>
    sim([
      "bitrewards",
      "--scenario",
      "high_funding_share",
      "--runs",
      "1",
      "--steps",
      "15",
      "--seed",
      "9",
      "--out",
      out,
      ...extra,
    ]);
  for (const dir of [a, b]) assertEquals((await run(dir)).code, 0);
  for (const table of ["timeseries", "run_summary", "agent_outcomes"]) {
    assertEquals(await Deno.readFile(`${a}/${table}.csv`), await Deno.readFile(`${b}/${table}.csv`), table);
  }
  const summary = pl.readCSV(`${a}/run_summary.csv`);
  assertEquals(summary.height, 4, "the scenario's 2 × 2 sweep, one run each");
  assertEquals(
    summary.getColumn("investor_royalty_min").toArray(),
    summary.getColumn("investor_royalty_max").toArray(),
  );
  assertEquals((await run(b, "--format", "parquet")).code, 0);
  assertEquals(
    pl.readParquet(`${b}/agent_outcomes.parquet`).height,
    pl.readCSV(`${a}/agent_outcomes.csv`).height,
  );
  // The per-step agent rows only on request.
  await assertRejects(() => Deno.stat(`${a}/agent_steps.csv`), Deno.errors.NotFound);
  assertEquals((await run(b, "--tables", "agent_outcomes,agent_steps")).code, 0);
  const steps = pl.readCSV(`${b}/agent_steps.csv`);
  assertEquals(steps.height, 4 * 16 * (30 + 6 + 60), "every agent at steps 0–15 of the 4 runs");
  for (const dir of [a, b]) await Deno.remove(dir, { recursive: true });
});

Deno.test("CLI: the four original scenarios write the three tables; same seed, same bytes", async () => {
  const names = ["baseline", "low_tracing_accuracy", "high_funding_share", "high_investor_share"];
  const dirs = await Promise.all([...names, "again"].map(() => Deno.makeTempDir()));
  const run = (name: string, out: string) =>
    sim(["bitrewards", "--scenario", `original_${name}`, "--runs", "1", "--steps", "25", "--out", out]);
  const outputs = await Promise.all([...names.map((n, i) => run(n, dirs[i])), run("baseline", dirs[4])]);
  for (const out of outputs) assertEquals(out.code, 0, out.stderr);
  for (const table of ["timeseries", "run_summary", "agent_outcomes"]) {
    assertEquals(
      await Deno.readFile(`${dirs[0]}/${table}.csv`),
      await Deno.readFile(`${dirs[4]}/${table}.csv`),
      table,
    );
  }
  for (const [i, name] of names.entries()) {
    const summary = pl.readCSV(`${dirs[i]}/run_summary.csv`);
    assertEquals(summary.height, 4, `${name}: the 2 × 2 sweep, one run each`);
    assertEquals(pl.readCSV(`${dirs[i]}/timeseries.csv`).height, 4 * 26);
    const agents = pl.readCSV(`${dirs[i]}/agent_outcomes.csv`);
    assertEquals(agents.height, 4 * 96);
    const roles = new Set(
      agents.filter(pl.col("agent_type").eq(pl.lit("CreatorAgent"))).getColumn("role").toArray() as string[],
    );
    assert(
      [...roles].every((r) => ["developer", "scientist", "reviewer", "curator", "community"].includes(r)),
    );
    const manifest = JSON.parse(await Deno.readTextFile(`${dirs[i]}/manifest.json`));
    assertEquals(JSON.stringify(manifest).includes('"rules":"reference"'), true, name);
  }
  for (const dir of dirs) await Deno.remove(dir, { recursive: true });
});

Deno.test("CLI: `sim datadao` writes the two promised tables and the agents, byte-identical per seed", async () => {
  const [a, b, byDefault] = [await Deno.makeTempDir(), await Deno.makeTempDir(), await Deno.makeTempDir()];
  const args = ["datadao", "--scenario", "reference", "--steps", "30"];
  // The transaction log is written when --tables names it; by default only the other two tables.
  const all = ["--tables", "timeseries,transactions,agents"];
  for (const dir of [a, b]) assertEquals((await sim([...args, ...all, "--out", dir])).code, 0);
  assertEquals((await sim([...args, "--out", byDefault])).code, 0);
  const written = (dir: string) => Array.from(Deno.readDirSync(dir), (e) => e.name).sort();
  assertEquals(written(byDefault), ["agents.csv", "manifest.json", "timeseries.csv"]);
  assertEquals(written(a), ["agents.csv", "manifest.json", "timeseries.csv", "transactions.csv"]);
  for (const file of ["timeseries.csv", "transactions.csv", "agents.csv"]) {
    assertEquals(await Deno.readFile(`${a}/${file}`), await Deno.readFile(`${b}/${file}`), file);
  }
  for (const file of ["timeseries.csv", "agents.csv"]) {
    assertEquals(await Deno.readFile(`${byDefault}/${file}`), await Deno.readFile(`${a}/${file}`), file);
  }
  const ts = pl.readCSV(`${a}/timeseries.csv`);
  assertEquals(ts.height, 31);
  const required = [
    "price",
    "lp_ddt_reserve",
    "lp_xdai_reserve",
    "lp_total_shares",
    "pie_ddt",
    "pie_distributed",
  ];
  for (const name of required) assert(ts.columns.includes(name), name);
  for (const t of AGENT_TYPES) {
    for (const m of ["count", "avg_ddt", "avg_xdai"]) assert(ts.columns.includes(`${m}_${t}`), `${m}_${t}`);
  }
  const tx = pl.readCSV(`${a}/transactions.csv`);
  assertEquals(tx.columns, [
    "subset",
    "run",
    "timestep",
    "agent_id",
    "agent_type",
    "action",
    "ddt",
    "xdai",
    "price_after",
  ]);
  const manifest = JSON.parse(await Deno.readTextFile(`${a}/manifest.json`));
  assertEquals(manifest.subsets[0].params.pie_payout, "destroyed");
  assertEquals(manifest.files.find((f: { file: string }) => f.file === "transactions.csv").rows, tx.height);
  for (const dir of [a, b, byDefault]) await Deno.remove(dir, { recursive: true });
});

Deno.test("CLI: one row per epoch, exact integers printed in full, mainnet scenario", async () => {
  const dir = await Deno.makeTempDir();
  const run = (...args: string[]) => sim(["gonka", ...args, "--out", dir]);
  assertEquals((await run("--steps", "5")).code, 0);
  const lines = (await Deno.readTextFile(`${dir}/timeseries.csv`)).trim().split("\n");
  const header = lines[0].split(",");
  for (
    const c of [
      "epochs_since_genesis",
      "epoch",
      "epoch_reward",
      "total_minted",
      "remaining_to_cap",
      "reward_per_gpu_gonka",
    ]
  ) {
    assert(header.includes(c), c);
  }
  assertEquals(lines.length, 7);
  const row = Object.fromEntries(lines[2].split(",").map((v, i) => [header[i], v]));
  assertEquals([row.epochs_since_genesis, row.epoch, row.epoch_reward], ["1", "2", "284864657146472"]);
  assertEquals(row.total_minted, "569864657146472");
  assertEquals(row.remaining_to_cap, "599430135342853528");
  assertEquals((await run("--steps", "1", "--scenario", "mainnet")).code, 0);
  const mainnet = (await Deno.readTextFile(`${dir}/timeseries.csv`)).trim().split("\n")[1].split(",");
  assertEquals(mainnet[header.indexOf("epoch_reward")], "323000000000000");
  assertEquals(mainnet[header.indexOf("remaining_to_cap")], "679677000000000000");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("CLI: the network's columns, and the bonus factors swept from the command line", async () => {
  const dir = await Deno.makeTempDir();
  const out = await sim([
    "gonka",
    "--steps",
    "1",
    "--sweep",
    "utilization_bonus_factor=0,0.5,1",
    "--out",
    dir,
  ]);
  assertEquals(out.code, 0, out.stderr);
  const lines = (await Deno.readTextFile(`${dir}/timeseries.csv`)).trim().split("\n");
  const header = lines[0].split(",");
  for (const c of ["work_coins", "reward_coins", "reward_coins_max", "reward_coins_min", "reward_gini"]) {
    assert(header.includes(c), c);
  }
  assert(header.includes("utilization_bonus_factor"));
  assertEquals(lines.length, 7);
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(",").map((x, i) => [header[i], x])));
  const genesis = rows.filter((r) => r.timestep === "0");
  assertEquals(genesis.map((r) => r.reward_coins), Array(3).fill("285000000000000"));
  assertEquals(new Set(genesis.map((r) => r.reward_coins_max)).size, 3);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("CLI: the participants table, exact per participant and summing to the timeseries", async () => {
  const dir = await Deno.makeTempDir();
  // participants=7 with a 600,000-gonka cap: the cap cuts epoch 2's reward and epoch 3 mints nothing.
  await Deno.writeTextFile(
    `${dir}/run.toml`,
    "[sweep]\nparticipants = [2, 7]\nsupply_cap = [600000000, 600000]\n",
  );
  const out = await sim(["gonka", "--steps", "3", "--config", `${dir}/run.toml`, "--out", `${dir}/out`]);
  assertEquals(out.code, 0, out.stderr);
  const read = async (name: string) => {
    const [head, ...rows] = (await Deno.readTextFile(`${dir}/out/${name}.csv`)).trim().split("\n");
    const header = head.split(",");
    return rows.map((l) => Object.fromEntries(l.split(",").map((x, i) => [header[i], x])));
  };
  const series = await read("timeseries");
  const people = await read("participants");
  assertEquals(people.length, 4 * 2 + 4 * 7);
  // The hand case above: two participants at genesis.
  assertEquals(
    people.filter((r) => r.subset === "0" && r.timestep === "0").map((r) => [r.weight, r.reward_coins]),
    [["47360", "95937224575669"], ["93332", "189062775424331"]],
  );
  assertEquals(series.filter((r) => r.subset === "1").map((r) => r.minted).slice(2), [
    String(600_000_000_000_000n - 285_000_000_000_000n - 284_864_657_146_472n),
    "0",
  ]);
  for (const row of series) {
    const mine = people.filter((r) => r.subset === row.subset && r.timestep === row.timestep);
    const sum = (k: string) => mine.reduce((s, r) => s + BigInt(r[k]), 0n);
    assertEquals(sum("reward_coins"), BigInt(row.reward_coins));
    assertEquals(sum("reward_coins"), BigInt(row.minted));
    assertEquals(sum("work_coins"), BigInt(row.work_coins));
  }
  await Deno.remove(dir, { recursive: true });
});
