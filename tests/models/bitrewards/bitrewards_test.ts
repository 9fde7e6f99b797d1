/**
 * BITrewards: parameters, the pieces of each phase by hand, and whole runs checked for conservation,
 * acyclicity, tracing and reproducibility (the design document's sections 3–7; see docs/models/bitrewards.md).
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import { AgentRegistry, runWorld } from "@lib/engine/agents.ts";
import { runAgents } from "@lib/engine/simulate.ts";
import { defaults, ParamError, resolveParams } from "@lib/engine/params.ts";
import { planRuns } from "@lib/engine/plan.ts";
import { streamFor } from "@lib/engine/random.ts";
import {
  type BitAgent,
  type Creator,
  derivativeTypes,
  drawQuality,
  estimatedRoi,
  fundingRanking,
  initiatorDomains,
  type Investor,
  investorAct,
  type Market,
  satisfactionOf,
  updateSatisfaction,
  usageRate,
  type User,
} from "@lib/models/bitrewards/agents.ts";
import { ContributionLedger, edgeSplit } from "@lib/models/bitrewards/contributions.ts";
import { type DesignWorld, roi } from "@lib/models/bitrewards/design.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";
import { DERIVATIVE_TYPES_BY_ROLE } from "@lib/models/bitrewards/design_params.ts";
import { contributionGraph } from "@lib/models/bitrewards/graph.ts";
import { type BitrewardsParams, bitrewardsParams } from "@lib/models/bitrewards/params.ts";
import { distributeReward } from "@lib/models/bitrewards/reward.ts";
import { agentStepsTable, bitrewardsTables } from "@lib/models/bitrewards/tables.ts";

const P = defaults(bitrewardsParams) as BitrewardsParams;
const small = { N_creators: 12, N_investors: 3, N_users: 24 };

Deno.test("every parameter of the design's section 6 exists with a unit or options, meaning and default", () => {
  const section6 = [
    "N_creators",
    "N_investors",
    "N_users",
    "initial_projects",
    "initial_initiator_contributions_per_project",
    "intrinsic_motivation_weight",
    "monetary_weight",
    "contribution_threshold",
    "beta",
    "p_new_initiator_base",
    "funding_cost",
    "min_expected_roi_mean",
    "min_expected_roi_std",
    "lambda_usage_per_step",
    "demand_reputation_weight",
    "quality_sensitivity",
    "gas_fee_share_rate",
    "investor_royalty_min",
    "investor_royalty_max",
    "default_derivative_split",
    "tracing_accuracy",
    "max_graph_depth",
    "max_ancestors_per_event",
    "aspiration_income_creators",
    "aspiration_income_investors",
    "aspiration_income_users",
    "satisfaction_k",
    "churn_threshold",
    "churn_steps",
  ];
  for (const name of section6) {
    const declared = (bitrewardsParams as Record<string, { unit?: string; description: string }>)[name];
    assert(declared, `missing ${name}`);
    assert(declared.description.length > 10 && (declared.unit ?? "").length > 0, name);
  }
  assertThrows(
    () => resolveParams(bitrewardsParams, { gas_fee_share_rate: 0.05 }, "bitrewards"),
    ParamError,
    "[0.001, 0.01]",
  );
  assertThrows(
    () => planRuns(bitrewards, { set: { investor_royalty_min: 0.05, investor_royalty_max: 0.01 } }),
    ParamError,
    "investor_royalty_min",
  );
});

Deno.test("satisfaction, churn, Gini and ROI by hand", () => {
  assertAlmostEquals(satisfactionOf(0, 0.02, 1.5), 1 / (1 + Math.exp(1.5)));
  assertAlmostEquals(satisfactionOf(0.02, 0.02, 1.5), 0.5, 1e-6);
  const agent = { satisfaction: 1, lowSteps: 0, active: true, income: 0, aspiration: 0.02 } as Creator;
  const p = { ...P, churn_threshold: 0.2, churn_steps: 3 };
  updateSatisfaction(agent, p);
  updateSatisfaction(agent, p);
  assertEquals([agent.lowSteps, agent.active], [2, true]);
  agent.income = 0.05;
  updateSatisfaction(agent, p);
  assertEquals(agent.lowSteps, 0, "one good step resets the count");
  agent.income = 0;
  for (let i = 0; i < 3; i++) updateSatisfaction(agent, p);
  assertEquals(agent.active, false);
  assertAlmostEquals(roi({ wealth: 165, initialBudget: 150 } as Investor), 0.1);
});

Deno.test("contributions: quality, splits by type, tracing, fundings", () => {
  const rng = streamFor("quality");
  for (let i = 0; i < 100; i++) {
    const q = drawQuality(0.5, P, rng);
    assert(q >= 0.2 + 0.6 * 0.5 - 0.1 - 1e-12 && q <= 0.2 + 0.6 * 0.5 + 0.1 + 1e-12);
  }
  assertEquals(drawQuality(1, { ...P, base_quality_mean: 0.9, quality_noise: 0 }, rng), 1, "clamped to 1");
  assertEquals([edgeSplit("review", P), edgeSplit("curation", P), edgeSplit("software_code", P)], [
    0.1,
    0.05,
    0.5,
  ]);
  assertEquals(edgeSplit("funding", P), 0.02);
  const ledger = new ContributionLedger(4);
  const root = ledger.startProject("software", "software_code", 0, 0, 0.7, P, rng);
  const child = ledger.add(0, "review", 1, 1, 0.5, [root.id], { ...P, tracing_accuracy: 1 }, rng);
  const lost = ledger.add(0, "bugfix", 1, 1, 0.5, [root.id], { ...P, tracing_accuracy: 0 }, rng);
  assertEquals(ledger.parentsOf(child.id), [root.id]);
  assertEquals(ledger.splitsOf(child.id), [0.1]);
  assertEquals(ledger.parentsOf(lost.id), [], "an untraced contribution is an independent initiator");
  assertEquals(lost.parents, [root.id], "it still cites its parent");
  const funding = ledger.fund(root.id, 9, 2, 0.025);
  assertEquals(ledger.parentsOf(root.id), [funding.id]);
  assertEquals(
    contributionGraph(ledger).getEdgeAttribute(String(funding.id), String(root.id), "split"),
    0.025,
  );
  // Using the review pays 10% to the code, and 2.5% of that on to the funder.
  const flow = distributeReward(ledger, child.id, 1, { maxDepth: 10, maxAncestors: 10 });
  assertEquals(flow.ids, [child.id, root.id, funding.id]);
  assertEquals(flow.amounts.map((a) => Number(a.toFixed(6))), [0.8975, 0.1, 0.0025]);
  assertEquals(ledger.projects[0].reputation, (0.7 + 0.5 + 0.5) / 3);
});

/** A run's world after `steps`, with the fees of every step summed. */
function run(set: Partial<BitrewardsParams>, steps: number, seed = 1) {
  const params = resolveParams(bitrewardsParams, { ...small, ...set }, "bitrewards") as BitrewardsParams;
  let fees = 0;
  const world = runWorld(bitrewards, params, {
    steps,
    seed,
    onStep: (w, t) => void (t > 0 && (fees += (w as DesignWorld).tally.feeDistributed)),
  }) as DesignWorld;
  return { world, fees, params };
}

Deno.test("a run conserves value: every fee paid out equals the royalties received", () => {
  const { world, fees } = run({}, 60);
  const agents = world.agents.all();
  // Users receive no royalties (their benefit is kept apart), so every agent's total income sums to the fees.
  const royalties = agents.reduce((s, a) => s + a.totalIncome, 0);
  assert(fees > 0);
  assertAlmostEquals(royalties, fees, 1e-9 * fees);
  const users = world.agents.ofType("user") as readonly User[];
  assert(users.every((u) => u.totalIncome === 0 && u.totalBenefit! > 0 && u.wealth === u.totalBenefit));
  for (const inv of world.agents.ofType("investor") as readonly Investor[]) {
    assert(inv.budget >= 0);
    assertAlmostEquals(inv.wealth, inv.budget + inv.totalIncome, 1e-9);
    assertAlmostEquals(inv.funded.size, inv.totalInvested / P.funding_cost, 1e-9, "each target funded once");
  }
});

Deno.test("the contribution graph is acyclic, its graphology picture holds every link, and tracing is respected", () => {
  const { world } = run({ tracing_accuracy: 0.5 }, 60);
  const { contributions } = world.ledger;
  const graph = contributionGraph(world.ledger);
  assertEquals(graph.order, contributions.length);
  let edges = 0;
  for (const c of contributions) {
    const parents = world.ledger.parentsOf(c.id);
    const splits = world.ledger.splitsOf(c.id);
    edges += parents.length;
    parents.forEach((parent, k) => {
      assertEquals(graph.getEdgeAttribute(String(parent), String(c.id), "split"), splits[k]);
    });
  }
  assertEquals(graph.size, edges);
  // Depth-first search for a back edge.
  const state = new Map<string, number>();
  const visit = (node: string): boolean => {
    state.set(node, 1);
    for (const next of graph.outNeighbors(node)) {
      if (state.get(next) === 1) return true;
      if (!state.has(next) && visit(next)) return true;
    }
    state.set(node, 2);
    return false;
  };
  assert(!graph.nodes().some((n) => !state.has(n) && visit(n)), "no cycle");
  const cited = contributions.reduce((s, c) => s + c.parents.length, 0);
  const traced = contributions.filter((c) => c.type !== "funding").reduce(
    (s, c) => s + world.ledger.parentsOf(c.id).filter((p) => contributions[p].type !== "funding").length,
    0,
  );
  assert(
    traced > 0.4 * cited && traced < 0.6 * cited,
    `about half the cited edges are traced: ${traced}/${cited}`,
  );
});

Deno.test("tracing_accuracy 0 makes every contribution an independent initiator: no royalties flow up", () => {
  const { world } = run({ tracing_accuracy: 0, tracing_false_positive_rate: 0, N_investors: 0 }, 40);
  assert(world.ledger.contributions.every((c) => world.ledger.parentsOf(c.id).length === 0));
  assertEquals(contributionGraph(world.ledger).size, 0);
});

Deno.test("the three tables: columns, one row per run, per agent and per step; same seed, same tables", () => {
  const plan = planRuns(bitrewards, {
    set: small,
    sweep: { gas_fee_share_rate: [0.003, 0.005] },
    runs: 2,
    steps: 30,
    seed: 5,
  });
  const tables = bitrewardsTables(runAgents(bitrewards, plan));
  const again = bitrewardsTables(runAgents(bitrewards, plan));
  for (const name of ["timeseries", "run_summary", "agent_outcomes"] as const) {
    assertEquals(tables[name].writeCSV().toString(), again[name].writeCSV().toString(), name);
  }
  const ts = tables.timeseries;
  for (
    const c of [
      "run_id",
      "step",
      "total_contributions",
      "contributions_review",
      "active_creators",
      "active_investors",
      "active_users",
      "total_usage_events",
      "total_fee_distributed",
      "gini_creators_wealth",
      "gini_all_wealth",
      "mean_creator_income",
      "mean_investor_roi",
      "mean_tracing_depth",
      "tracing_true_links",
      "tracing_detected_true_links",
      "tracing_missed_true_links",
      "tracing_false_positive_links",
      "mean_creator_satisfaction",
      "mean_investor_satisfaction",
      "mean_user_satisfaction",
    ]
  ) assert(ts.columns.includes(c), c);
  assertEquals(ts.height, 4 * 31);
  const summary = tables.run_summary;
  assertEquals(summary.height, 4);
  assertEquals(summary.getColumn("random_seed").toArray(), ["5/1", "5/2", "5/1", "5/2"]);
  for (
    const c of [
      "avg_total_contributions",
      "final_active_creators",
      "avg_mean_investor_roi",
      "median_investor_roi",
      "fraction_creators_below_min_income",
      "fraction_investors_positive_roi",
      "collapse_indicator",
      "gas_fee_share_rate",
    ]
  ) assert(summary.columns.includes(c), c);
  const agents = tables.agent_outcomes;
  assertEquals(agents.height, 4 * (12 + 3 + 24));
  assertEquals(agents.getColumn("agent_type").unique().sort().toArray(), [
    "CreatorAgent",
    "InvestorAgent",
    "UserAgent",
  ]);
  const creators = agents.filter(pl.col("agent_type").eq(pl.lit("CreatorAgent")));
  const counted = creators.toRecords().map((r) =>
    Object.values(JSON.parse(r.contributions_by_type as string) as Record<string, number>).reduce(
      (s, n) => s + n,
      0,
    )
  );
  assertEquals(counted, creators.getColumn("contributions_count").toArray());
  // The timeseries' mean satisfaction of a class at the last step is the mean of its agents' final satisfaction.
  const last = ts.filter(pl.col("step").eq(30)).sort("run_id");
  for (
    const [column, type] of [
      ["mean_creator_satisfaction", "CreatorAgent"],
      ["mean_investor_satisfaction", "InvestorAgent"],
      ["mean_user_satisfaction", "UserAgent"],
    ] as const
  ) {
    const means = agents.filter(pl.col("agent_type").eq(pl.lit(type))).groupBy("run_id")
      .agg(pl.col("final_satisfaction").mean()).sort("run_id").getColumn("final_satisfaction")
      .toArray() as number[];
    (last.getColumn(column).toArray() as number[]).forEach((x, i) => assertAlmostEquals(x, means[i], 1e-12));
  }
});

Deno.test("work per usage event follows the ancestors reached, not the size of the graph", () => {
  // A chain of 5 ancestors buried in a ledger of 20,000 unrelated contributions costs the same walk.
  const rng = streamFor("scale");
  const ledger = new ContributionLedger(4);
  const chain = [ledger.startProject("software", "software_code", 0, 0, 0.5, P, rng).id];
  for (let i = 0; i < 5; i++) {
    chain.push(
      ledger.add(0, "software_code", 0, 1, 0.5, [chain.at(-1)!], { ...P, tracing_accuracy: 1 }, rng).id,
    );
  }
  for (let i = 0; i < 20_000; i++) ledger.add(0, "dataset", 0, 1, 0.5, [], P, rng);
  let lookups = 0;
  const counting = {
    parentsOf: (id: number) => (lookups++, ledger.parentsOf(id)),
    splitsOf: (id: number) => ledger.splitsOf(id),
  };
  const flow = distributeReward(counting, chain.at(-1)!, 1, { maxDepth: 100, maxAncestors: 100 });
  assertEquals(flow.ids.length, 6);
  assertEquals(lookups, 6, "one parent lookup per contribution reached");
});

Deno.test("false-positive links: a missed parent replaced by an edge to another contribution", () => {
  const rng = streamFor("false positives");
  const ledger = new ContributionLedger(4);
  const root = ledger.startProject("software", "software_code", 0, 0, 0.7, P, rng);
  const other = ledger.add(0, "dataset", 0, 0, 0.6, [], P, rng);
  ledger.fund(root.id, 9, 0, 0.02);
  const never = { ...P, tracing_accuracy: 0, tracing_false_positive_rate: 0 };
  assertEquals(ledger.parentsOf(ledger.add(0, "bugfix", 1, 1, 0.5, [root.id], never, rng).id), []);
  // Every missed link is replaced: the only candidates are the root (a true parent, so nothing) and the
  // dataset (fundings are never drawn). Over many draws both happen, and only the dataset is ever linked.
  const always = { ...P, tracing_accuracy: 0, tracing_false_positive_rate: 1 };
  const linked = new Set<number>();
  for (let i = 0; i < 40; i++) {
    const c = ledger.add(0, "bugfix", 1, 1, 0.5, [root.id], always, rng);
    assertEquals(ledger.parentsOf(c.id), c.falseParents);
    for (const p of c.falseParents) linked.add(p);
    assert(c.falseParents.every((p) => p !== root.id && ledger.contributions[p].type !== "funding"));
    assertEquals(ledger.splitsOf(c.id), c.falseParents.map(() => P.split_bugfix));
  }
  assert(linked.has(other.id), "some missed links point at the dataset");
  // Traced links are never doubled by a false positive.
  const traced = ledger.add(0, "review", 1, 1, 0.5, [root.id], { ...always, tracing_accuracy: 1 }, rng);
  assertEquals([ledger.parentsOf(traced.id), traced.falseParents], [[root.id], []]);
});

Deno.test("supporting derivative split: a supporting role's main-module work takes its own split", () => {
  assertEquals([edgeSplit("dataset", P, true), edgeSplit("dataset", P, false)], [0.25, 0.5]);
  assertEquals(edgeSplit("review", P, true), 0.1, "a whitepaper type keeps its percent");
  // A tester that only writes code: its code's edges carry supporting_derivative_split.
  const testerCodes = {
    tester_makes_test_case: 0,
    tester_makes_bugfix: 0,
    tester_makes_software_code: 1,
    supporting_creator_fraction: 0.7,
    supporting_derivative_split: 0.3,
    tracing_accuracy: 1,
    N_creators: 30,
  };
  const { world } = run(testerCodes, 20);
  const testers = new Set(
    world.agents.ofType("creator").filter((c) => c.role === "tester").map((c) => c.id),
  );
  const byTesters = world.ledger.contributions.filter((c) => testers.has(c.owner) && c.parents.length > 0);
  assert(byTesters.length > 0);
  assert(byTesters.every((c) => c.type === "software_code" && c.baseRoyaltyPercent === 0.3));
});

Deno.test("role → type tables and usage weights are parameters; a role's table must sum to 1", () => {
  for (const [role, types] of Object.entries(DERIVATIVE_TYPES_BY_ROLE)) {
    for (const type of types) assert(`${role}_makes_${type}` in bitrewardsParams, `${role}_makes_${type}`);
    const table = derivativeTypes(role as Creator["role"], P);
    assertAlmostEquals(table.reduce((s, [, x]) => s + x, 0), 1, 1e-12, role);
  }
  assertEquals(derivativeTypes("reviewer", P), [["review", 0.8], ["annotation", 0.2]]);
  assertThrows(
    () => planRuns(bitrewards, { set: { developer_makes_software_code: 0.5 } }),
    ParamError,
    "role developer",
  );
  planRuns(bitrewards, { set: { developer_makes_software_code: 0.5, developer_makes_dataset: 0.2 } });
  // The domains a core role starts projects in, likewise.
  assertEquals(initiatorDomains("scientist", P), [["biology", 0.7], ["chemistry", 0.3]]);
  assertThrows(
    () => planRuns(bitrewards, { set: { scientist_starts_in_chemistry: 0.5 } }),
    ParamError,
    "role scientist: scientist_starts_in_biology + scientist_starts_in_chemistry must sum to 1, got 1.2",
  );
  // Developers who start only education projects and scientists only biology ones: every project started
  // during the run (the seeded ones are set up apart) is in one of those two.
  const { world } = run({
    developer_starts_in_software: 0,
    developer_starts_in_education: 1,
    scientist_starts_in_biology: 1,
    scientist_starts_in_chemistry: 0,
  }, 40);
  const started = world.ledger.projects.filter((pr) =>
    world.ledger.contributions[pr.initiator].createdStep > 0
  );
  assert(started.length > 0);
  assert(started.every((pr) => pr.domain === "education" || pr.domain === "biology"));
  // Usage weights: a review weighted 0 is never usable; weight 2 doubles its pick weight.
  const rng = streamFor("usage weights");
  const pickOf = (weight: number) => {
    const ledger = new ContributionLedger(4);
    const root = ledger.startProject("software", "software_code", 0, 0, 1, P, rng);
    const review = ledger.add(0, "review", 1, 1, 1, [root.id], { ...P, usage_weight_review: weight }, rng);
    const project = ledger.projects[0];
    return { usable: project.usable.includes(review.id), weights: project.usableWeights };
  };
  assertEquals(pickOf(0), { usable: false, weights: [1] });
  assertEquals(pickOf(2), { usable: true, weights: [1, 3] });
});

Deno.test("risk aversion discounts an investor's estimate by the spread of project fees", () => {
  const ledger = new ContributionLedger(2);
  const rng = streamFor("risk");
  ledger.startProject("software", "software_code", 0, 0, 0.7, P, rng);
  ledger.projects[0].revenueNow = 0.1;
  ledger.closeRevenue(0);
  ledger.projects[0].revenueNow = 0.3;
  ledger.closeRevenue(1);
  const project = ledger.projects[0];
  assertAlmostEquals(project.recentRevenue, 0.2, 1e-12);
  assertAlmostEquals(project.revenueSpread, 0.1, 1e-12);
  const p = { ...P, funding_cost: 0.1 };
  assertAlmostEquals(estimatedRoi(project, 0.02, p), 0.2 * 0.02 / 0.1, 1e-12, "risk-neutral: the mean");
  assertAlmostEquals(estimatedRoi(project, 0.02, { ...p, risk_aversion: 1 }), 0.1 * 0.02 / 0.1, 1e-12);
  // An investor that requires more than a steady project's return funds nothing when fully risk-averse.
  const averse = run({ risk_aversion: 100 }, 30).world;
  const neutral = run({}, 30).world;
  const fundings = (w: DesignWorld) => w.ledger.countByType.get("funding")!;
  assert(fundings(averse) < fundings(neutral), `${fundings(averse)} < ${fundings(neutral)}`);
});

Deno.test("investors fund from one ranking a step: best estimated ROI first, above their own requirement", () => {
  const ledger = new ContributionLedger(1);
  const rng = streamFor("ranking");
  // Four initiators: fees 0.3, 0.1, 0.3 and 0.5 a step; the last is below the quality investors accept.
  for (const [quality, fees] of [[0.7, 0.3], [0.7, 0.1], [0.9, 0.3], [0.4, 0.5]]) {
    const { project } = ledger.startProject("software", "software_code", 0, 0, quality, P, rng);
    ledger.projects[project].revenueNow = fees;
  }
  ledger.closeRevenue(0);
  const p = { ...P, funding_cost: 0.1, investor_max_funding_per_step: 1 };
  const market: Market = { ledger, usage: [], agents: new AgentRegistry<BitAgent>() };
  // Estimated ROI = fees × mean royalty (0.02) / funding cost: 0.06, 0.02, 0.06.
  const ranked = fundingRanking(market, p, 1);
  assertEquals(ranked.map((t) => t.id), [0, 2, 1], "equal estimates: the older project first");
  assertAlmostEquals(ranked[2].roi, 0.1 * 0.02 / 0.1, 1e-12);
  assertEquals(fundingRanking(market, p, 1), ranked, "built once a step");
  const investor = (minExpectedRoi: number) =>
    ({
      type: "investor",
      budget: 1,
      wealth: 1,
      totalInvested: 0,
      funded: new Set(),
      minExpectedRoi,
    }) as unknown as Investor;
  const ctx = { rng, timestep: 1 } as Parameters<typeof investorAct>[3];
  const keen = investor(0);
  const picky = investor(0.03);
  for (let k = 0; k < 3; k++) {
    investorAct(keen, market, p, ctx);
    investorAct(picky, market, p, ctx);
  }
  assertEquals([...keen.funded], [0, 2, 1], "one a step, each target once, best first");
  assertEquals([...picky.funded], [0, 2], "0.02 is below its required 0.03");
});

Deno.test("price sensitivity lowers usage as the fee share rises", () => {
  assertEquals(usageRate(P), P.lambda_usage_per_step, "0: the design's users");
  assertAlmostEquals(usageRate({ ...P, price_sensitivity: 50, gas_fee_share_rate: 0.01 }), 2.5, 1e-12);
  assertEquals(usageRate({ ...P, price_sensitivity: 200, gas_fee_share_rate: 0.01 }), 0, "never negative");
  const { world, fees } = run({ price_sensitivity: 100, gas_fee_share_rate: 0.01 }, 10);
  assertEquals(fees, 0, "a fee share of 1% deters all usage");
  assert((world.agents.ofType("user") as readonly User[]).every((u) => u.totalBenefit === 0));
});

Deno.test("agent rows: initial state, royalties apart from users' benefit, and one row per agent per step", () => {
  const plan = planRuns(bitrewards, { set: small, runs: 2, steps: 12, seed: 4 });
  const result = runAgents(bitrewards, plan, { events: ["agent_steps"] });
  const outcomes = bitrewardsTables(result).agent_outcomes;
  const byType = (type: string) => outcomes.filter(pl.col("agent_type").eq(pl.lit(type))).toRecords();
  for (const c of byType("CreatorAgent")) {
    assert((c.skill as number) >= P.skill_min && (c.skill as number) <= P.skill_max);
    assert((c.intrinsic_motivation as number) >= 0.3 && (c.intrinsic_motivation as number) <= 1);
    assertEquals([c.aspiration, c.preferences, c.user_benefit], [P.aspiration_income_creators, "{}", 0]);
  }
  for (const u of byType("UserAgent")) {
    const preferences = Object.values(JSON.parse(u.preferences as string) as Record<string, number>);
    assertAlmostEquals(preferences.reduce((s, x) => s + x, 0), 1, 1e-12);
    assertEquals([u.total_income, u.skill, u.aspiration], [0, 0, P.aspiration_income_users]);
    assert((u.user_benefit as number) > 0);
  }
  for (const i of byType("InvestorAgent")) {
    assertAlmostEquals(i.total_invested as number, (i.fundings as number) * P.funding_cost, 1e-9);
  }
  // Conservation in the table: the fees of a run equal its agents' total_income.
  const fees = result.timeseries.groupBy("run").agg(pl.col("total_fee_distributed").sum().alias("fees"));
  const income = result.agents!.groupBy("run").agg(pl.col("total_income").sum().alias("income"));
  for (const row of fees.join(income, { on: "run" }).toRecords()) {
    assertAlmostEquals(row.fees as number, row.income as number, 1e-9);
  }
  const steps = agentStepsTable(result.events.agent_steps, plan);
  assertEquals(steps.height, 2 * 13 * (12 + 3 + 24));
  // The last step's rows are the outcomes; the steps' royalties add up to each agent's total income.
  const last = steps.filter(pl.col("step").eq(12)).sort(["run_id", "agent_id"]);
  const sorted = outcomes.sort(["run_id", "agent_id"]);
  assertEquals(last.getColumn("wealth").toArray(), sorted.getColumn("final_wealth").toArray());
  assertEquals(last.getColumn("active").toArray(), sorted.getColumn("active_at_end").toArray());
  const summed = steps.groupBy(["run_id", "agent_id"]).agg(
    pl.col("income").sum(),
    pl.col("benefit").sum(),
  ).sort(["run_id", "agent_id"]);
  const close = (xs: unknown[], ys: unknown[]) =>
    xs.forEach((x, k) => assertAlmostEquals(x as number, ys[k] as number, 1e-9));
  close(summed.getColumn("income").toArray(), sorted.getColumn("total_income").toArray());
  close(summed.getColumn("benefit").toArray(), sorted.getColumn("user_benefit").toArray());
  assertEquals(Object.keys(runAgents(bitrewards, plan, { events: [] }).events), [], "off unless asked");
});
