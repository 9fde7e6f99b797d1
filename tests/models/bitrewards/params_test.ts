/**
 * BITrewards parameter groups: shared, design only, reference only. Each parameter is in one group; a
 * variant's runs do not depend on the other variant's own parameters; `--help` lists the groups; and a
 * parameter of any group is still set by its name alone.
 */
import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { join } from "node:path";
import type { NumberParam, ParamSpec } from "@lib/engine/params.ts";
import { planRuns } from "@lib/engine/plan.ts";
import { runAgents } from "@lib/engine/simulate.ts";
import { designParams } from "@lib/models/bitrewards/design_params.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";
import { bitrewardsParams } from "@lib/models/bitrewards/params.ts";
import { referenceParams } from "@lib/models/bitrewards/reference_params.ts";
import { sharedParams } from "@lib/models/bitrewards/shared_params.ts";
import { bitrewardsTables } from "@lib/models/bitrewards/tables.ts";
import { sim } from "../../support/sim_process.ts";

const GROUPS = { shared: sharedParams, design: designParams, reference: referenceParams };
const small = { N_creators: 10, N_investors: 3, N_users: 20 };

Deno.test("every parameter but rules is in exactly one group, and the schema is the groups' union", () => {
  const names = Object.values(GROUPS).flatMap((g) => Object.keys(g));
  assertEquals(new Set(names).size, names.length, "no parameter in two groups");
  assertEquals(["rules", ...names].sort(), Object.keys(bitrewardsParams).sort());
  for (const [name, spec] of Object.entries(bitrewardsParams as Record<string, ParamSpec>)) {
    const group = Object.values(GROUPS).find((g) => Object.hasOwn(g, name));
    assertEquals(spec.group, group === undefined ? undefined : Object.values(group)[0].group, name);
  }
});

/** Another accepted value for a number parameter: a step towards the far end of its range. */
function another(spec: NumberParam): number {
  const [lo, hi] = [spec.min ?? spec.default - 1, spec.max ?? spec.default + 1];
  const far = hi - spec.default >= spec.default - lo
    ? Math.min(hi, spec.default + 1)
    : Math.max(lo, spec.default - 1);
  const value = spec.integer ? far : (spec.default + far) / 2;
  assertNotEquals(value, spec.default);
  return value;
}

/** Every number parameter of a group set to another accepted value. */
const changed = (group: Readonly<Record<string, ParamSpec>>) =>
  Object.fromEntries(
    Object.entries(group).flatMap(([name, spec]) => spec.kind === "number" ? [[name, another(spec)]] : []),
  );

/** A run's time series and agent outcomes as text. */
function tablesOf(set: Record<string, unknown>): string[] {
  const plan = planRuns(bitrewards, { set: { ...small, ...set }, runs: 2, steps: 40, seed: 3 });
  const tables = bitrewardsTables(runAgents(bitrewards, plan));
  return [tables.timeseries.writeCSV().toString(), tables.agent_outcomes.writeCSV().toString()];
}

Deno.test("a variant's runs do not depend on the other variant's own parameters", () => {
  for (const [rules, other] of [["design", referenceParams], ["reference", designParams]] as const) {
    const before = tablesOf({ rules });
    assertEquals(tablesOf({ rules, ...changed(other) }), before, `${rules} runs`);
    // ...while a shared one does change them (the comparison can fail).
    assertNotEquals(tablesOf({ rules, usage_probability: 0.3 }), before, `${rules} runs, usage changed`);
  }
});

Deno.test("CLI: --help lists the parameters by group; --set takes a parameter of any group by its name", async () => {
  const help = await sim(["bitrewards", "--help"]);
  assertEquals(help.code, 0, help.stderr);
  const lines = help.stdout.split("\n");
  const listed = (heading: string) => {
    const from = lines.indexOf(heading);
    assert(from >= 0, `--help shows '${heading}'`);
    const to = lines.indexOf("", from);
    // A parameter's first line is indented by two spaces; its wrapped lines by more.
    return lines.slice(from + 1, to).filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(" ")[0]);
  };
  assertEquals(listed("parameters:"), ["rules"]);
  assertEquals(listed("parameters shared by both rule sets:"), Object.keys(sharedParams));
  assertEquals(listed("parameters of the design rules only (rules = design):"), Object.keys(designParams));
  assertEquals(
    listed("parameters of the reference rules only (rules = reference):"),
    Object.keys(referenceParams),
  );
  const out = await Deno.makeTempDir();
  const set = { rules: "reference", tracing_accuracy: 0.5, funding_cost: 0.02, royalty_batch_interval: 5 };
  const ran = await sim([
    "bitrewards",
    ...Object.entries(set).flatMap(([name, value]) => ["--set", `${name}=${value}`]),
    "--runs",
    "1",
    "--steps",
    "3",
    "--out",
    out,
  ]);
  assertEquals(ran.code, 0, ran.stderr);
  const manifest = JSON.parse(await Deno.readTextFile(join(out, "manifest.json")));
  for (const [name, value] of Object.entries(set)) {
    assertEquals(manifest.subsets[0].params[name], value, name);
  }
  await Deno.remove(out, { recursive: true });
});
