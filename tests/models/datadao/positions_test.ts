/**
 * The degens' pool positions (lib/models/datadao/positions.ts) on a pool and degens worked by hand; no
 * model is run.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import {
  degenPositions,
  foundersShare,
  lastGainingEntry,
  type LpPosition,
  lpPosition,
  mostGaining,
  type NetAtStep,
  summariseNets,
  summarisePositions,
} from "@lib/models/datadao/positions.ts";
import { agentsOf, timeseriesOf } from "./tables.ts";

const close = (actual: number, expected: number) => assertAlmostEquals(actual, expected, 1e-12);

/** 30 xDAI against 60 dDT (price 0.5), 10 shares: the pool is worth 30 + 60 · 0.5 = 60 xDAI. */
const POOL = { xdaiReserve: 30, ddtReserve: 60, totalShares: 10, price: 0.5 };

Deno.test("lpPosition: share value, what was put in at the pool's price, and the net", () => {
  // 4 of 10 shares: 24 xDAI; put in 10 xDAI + 10 dDT · 0.5 = 15; net 1.5 + 24 − 15 = 10.5.
  const p = lpPosition({ shares: 4, fees: 1.5, xdaiIn: 10, ddtIn: 10 }, POOL);
  close(p.share_value, 24);
  assertEquals(p.deposit, 15);
  close(p.net, 10.5);
  // An empty pool issues no shares: the position is worth nothing, the net is fees minus the deposit.
  assertEquals(lpPosition({ shares: 0, fees: 2, xdaiIn: 10, ddtIn: 0 }, { ...POOL, totalShares: 0 }), {
    share_value: 0,
    deposit: 10,
    net: -8,
  });
});

Deno.test("degenPositions: every degen at the last step of each variant, with the step it entered", () => {
  const timeseries = timeseriesOf(["reference", "documented"].flatMap((variant) => [
    { variant, timestep: 0, price: 1 },
    {
      variant,
      timestep: 8,
      price: 0.5,
      lp_xdai_reserve: 30,
      lp_ddt_reserve: 60,
      lp_total_shares: 10,
    },
  ]));
  const agents = agentsOf([
    {
      variant: "reference",
      agent_id: 0,
      agent_type: "degen",
      entered: 0,
      lp_shares: 4,
      ...putIn(1.5, 10, 10),
    },
    { variant: "reference", agent_id: 1, agent_type: "power", entered: 0, lp_shares: 6 },
    { variant: "reference", agent_id: 2, agent_type: "degen", entered: 5, lp_shares: 6, ...putIn(0, 40, 10) },
    {
      variant: "documented",
      agent_id: 0,
      agent_type: "degen",
      entered: 0,
      lp_shares: 10,
      ...putIn(0, 10, 10),
    },
  ]);
  const positions = degenPositions(timeseries, agents);
  // Degen 2: 6 of 10 shares, 36 xDAI, against 40 + 10 · 0.5 = 45: net −9. The power user is not a degen.
  assertEquals(positions.reference.map((p) => [p.agent_id, p.entered, p.fees, p.deposit]), [
    [0, 0, 1.5, 15],
    [2, 5, 0, 45],
  ]);
  positions.reference.forEach((p, i) => close(p.net, [10.5, -9][i]));
  // The documented degen owns the whole pool: 60 against 15, net 45.
  assertEquals(positions.documented.map((p) => [p.share_value, p.net]), [[60, 45]]);
});

/** Fees collected and what was put in, as agent columns. */
function putIn(fees: number, xdai: number, ddt: number) {
  return { fees_collected: fees, lp_xdai_in: xdai, lp_ddt_in: ddt };
}

Deno.test("summariseNets: median, 5th and 95th percentiles (interpolated), share gaining", () => {
  // Sorted −2, −1, 0, 3, 10: median 0; 5th at rank 0.2: −2 + 0.2 · 1 = −1.8; 95th at rank 3.8: 3 + 0.8 · 7.
  const s = summariseNets([3, -1, 10, 0, -2]);
  assertEquals([s.degens, s.median, s.gaining], [5, 0, 0.4]);
  close(s.lo, -1.8);
  close(s.hi, 8.6);
  const none = summariseNets([]);
  assertEquals([none.degens, none.gaining], [0, 0]);
  assert(Number.isNaN(none.median));
});

const position = (agent_id: number, entered: number, share_value: number, net: number): LpPosition => ({
  agent_id,
  entered,
  fees: agent_id,
  share_value,
  deposit: 10 * agent_id,
  net,
});

Deno.test("summarisePositions, lastGainingEntry and foundersShare on three degens", () => {
  const ps = [position(1, 0, 30, 10.5), position(2, 0, 10, -9), position(3, 15, 60, -14.5)];
  const s = summarisePositions(ps);
  // Medians of 1, 2, 3 (fees), 30, 10, 60 (share value), 10, 20, 30 (put in), 10.5, −9, −14.5 (net).
  assertEquals([s.degens, s.fees, s.share_value, s.deposit, s.net, s.gaining], [3, 2, 30, 20, -9, 1 / 3]);
  // Net sorted −14.5, −9, 10.5: 5th at rank 0.1: −14.5 + 0.1 · 5.5; 95th at rank 1.9: −9 + 0.9 · 19.5.
  close(s.net_lo, -13.95);
  close(s.net_hi, 8.55);
  // Only degen 1 (entered at 0) gains; with degen 3 gaining too, the latest entry is 15.
  assertEquals(lastGainingEntry(ps), 0);
  assertEquals(lastGainingEntry([...ps, position(4, 15, 0, 0.01)]), 15);
  assertEquals(lastGainingEntry(ps.slice(1)), -1);
  // Two degens present at the start hold 30 + 10 of the 100 xDAI of pool value.
  assertEquals(foundersShare(ps), { n: 2, share: 0.4 });
});

Deno.test("mostGaining: the step of a variant with the largest share gaining, the earliest on a tie", () => {
  const row = (variant: "reference" | "documented", timestep: number, gaining: number): NetAtStep => ({
    variant,
    timestep,
    degens: 10,
    median: 0,
    lo: 0,
    hi: 0,
    gaining,
  });
  const rows = [row("reference", 20, 0.1), row("reference", 40, 0.3), row("reference", 60, 0.3)];
  rows.push(row("documented", 20, 0.9));
  assertEquals(mostGaining(rows, "reference").timestep, 40);
  assertEquals(mostGaining(rows, "documented").timestep, 20);
  assertThrows(() => mostGaining(rows.slice(0, 3), "documented"), Error, "no step of 'documented'");
});
