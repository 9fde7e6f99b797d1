/**
 * The honey model against its documentation (docs/models/honey.md), with the first step worked by hand.
 */
import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { honey, priceMove, targetPrice } from "@lib/models/honey/model.ts";
import type { HoneyParams } from "@lib/models/honey/params.ts";
import { honeyGenesis } from "@lib/models/honey/state.ts";
import { defaults, ParamError, resolveParams } from "@lib/engine/params.ts";
import { simulate } from "@lib/engine/simulate.ts";
import { streamFor } from "@lib/engine/random.ts";
import { unitSeed } from "@lib/engine/plan.ts";

const close = (actual: number, expected: number) =>
  assertAlmostEquals(actual, expected, 1e-9 * Math.abs(expected) + 1e-12);

/** Timestep-1 values of every column for one run. */
function firstStep(set: Record<string, number>, seed = 1) {
  const r = simulate(honey, { set, runs: 1, steps: 1, seed });
  const v = r.columns.values;
  return Object.fromEntries(Object.keys(v).map((k) => [k, v[k][1] as number]));
}

Deno.test("genesis state is the source document's", () => {
  assertEquals(honey.initialState(defaults(honey.params)), {
    reserve: 7473,
    circulation: 18765,
    size: 100000,
    saturation: 0,
    production: 0,
    utility: 0,
    price: 10,
    target_price: 10,
    netflow: 0,
    adjustment: 0,
  });
});

Deno.test("first step by hand, published defaults (throttle binds at −0.008)", () => {
  const s = firstStep({});
  // outflow = 7473 · 0.05 = 373.65; inflow = 100000 · 0 / 10 = 0.
  close(s.netflow, -373.65);
  // R' = 7099.35, C' = 19138.65, supply 26238, ratio 0.27057… > 0.2, so e = (1 − ratio/0.2)/12 < −0.008.
  close(s.adjustment, -0.008 * 26238);
  close(s.reserve, 7473 - 373.65 - 0.008 * 26238);
  close(s.circulation, 18765 + 373.65);
  // production = 0.88² · 0 + 1.88 · 373.65 · 10 = 7024.62
  close(s.production, 7024.62);
  close(s.utility, 10 * 7024.62 / 107024.62);
  close(s.saturation, 1 / (1 + Math.exp(6 - 10 * 7024.62 / 107024.62)));
  close(s.size, 100000);
  // target = (100000/26238) · (2/max(0.5, 0)) / (18765/26238)²
  close(s.target_price, (100000 / 26238) * 4 / (18765 / 26238) ** 2);
  close(s.total_supply, s.reserve + s.circulation);
  close(s.ratio, s.reserve / s.total_supply);
  close(s.market_cap, s.total_supply * s.price);
});

Deno.test("first step by hand, unbounded throttle, target 0.3, productivity 0.9, growth 1%", () => {
  const s = firstStep({ throttle: 0, target_reserve_ratio: 0.3, productivity: 0.9, growth: 0.01 });
  const ratio = 7099.35 / 26238;
  const e = (1 - ratio / 0.3) / 12; // 0.00817…: above 0.008, applied in full because throttle 0 is unbounded
  close(s.adjustment, e * 26238);
  close(s.reserve, 7473 - 373.65 + e * 26238);
  close(s.production, 1.9 * 373.65 * 10);
  close(s.size, 101000);
  close(s.target_price, (100000 / 26238) * 4 / (18765 / 26238) ** 2);
});

Deno.test("second step by hand uses step-1 saturation for inflow and target price", () => {
  const r = simulate(honey, { runs: 1, steps: 2, seed: 3 });
  const v = r.columns.values;
  const at = (k: string, t: number) => v[k][t] as number;
  const inflow = 100000 * at("saturation", 1) / at("target_price", 1);
  const outflow = at("reserve", 1) * 0.05;
  close(at("netflow", 2), inflow - outflow);
  close(at("production", 2), 0.88 ** 2 * at("production", 1) + 1.88 * outflow * at("price", 1));
  const supply = at("reserve", 1) + at("circulation", 1);
  const expectedTarget = (100000 / supply) * (2 / Math.max(0.5, at("saturation", 1))) /
    (at("circulation", 1) / supply) ** 2;
  close(at("target_price", 2), expectedTarget);
});

Deno.test("price moves by |N(0, p_variance)| towards the target with probability p_pull", () => {
  const p = defaults(honey.params) as HoneyParams;
  const s = honeyGenesis;
  // Below target: u < p_pull moves up, u ≥ p_pull moves down; size |z|·p_variance.
  assertEquals(priceMove(p, s, 30, 0.5, 0.4), 10 * (1 + 0.1));
  assertEquals(priceMove(p, s, 30, 0.8, -0.4), 10 * (1 - 0.1));
  // Above target: towards means down.
  assertEquals(priceMove(p, s, 5, 0.1, 2), 10 * (1 - 0.5));
  // No floor: a large move crosses zero, as in the original.
  assertEquals(priceMove(p, s, 5, 0.1, 8), 10 * (1 - 2));
  close(targetPrice(p, s), (100000 / 26238) * 4 / (18765 / 26238) ** 2);
});

Deno.test("the engine draws price from the run's own stream: u first, then a normal", () => {
  const s = firstStep({}, 9);
  const rng = streamFor(unitSeed(9, 1));
  const u = rng.random();
  const z = rng.normal();
  const p = defaults(honey.params) as HoneyParams;
  close(s.price, priceMove(p, honeyGenesis, targetPrice(p, honeyGenesis), u, z));
});

Deno.test("parameters outside their documented ranges are refused", () => {
  assertThrows(() => resolveParams(honey.params, { p_pull: 1.5 }, "honey"), ParamError, "p_pull");
  assertThrows(() => resolveParams(honey.params, { target_reserve_ratio: 0 }, "honey"), ParamError);
  assertThrows(() => resolveParams(honey.params, { productivty: 0.9 }, "honey"), ParamError, "unknown");
});

Deno.test("reserve + circulation changes only by the adjustment (netflow moves, never creates)", () => {
  const r = simulate(honey, { runs: 3, steps: 120, seed: 5 });
  const { total_supply, adjustment } = r.columns.values;
  for (let i = 1; i < r.rows; i++) {
    if (r.columns.timestep[i] === 0) continue;
    close(total_supply[i] as number, (total_supply[i - 1] as number) + (adjustment[i] as number));
  }
});
