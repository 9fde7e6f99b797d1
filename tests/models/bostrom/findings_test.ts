/**
 * The README's other findings (lib/models/bostrom/findings.ts) on a small hand-made run, each value worked
 * by hand: the gift's claimed share and phases, the bonded share, the days the inflation rate moved against
 * the rule, neurons against Ethereum's fit, and the largest gap of the load formulas. Only run 1 of subset 0
 * is read; a second run with other numbers checks that. No model is run.
 */
import { assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import {
  bondedShareAt,
  ethereumAddresses,
  firstDayAtLeast,
  giftBooks,
  giftClaimedShare,
  giftPhases,
  inflationRuleBreaks,
  largestLoadGap,
  loadAgainstTestnet,
  loadMisses,
  neuronsOn,
  neuronsOverEthereum,
  significantDigits,
  toSignificant,
} from "@lib/models/bostrom/findings.ts";
import { runFrame } from "@lib/models/bostrom/experiments.ts";

/** A gift of 100 BOOT activated on day 2; a supply of 1000 BOOT; the bonding target 0.8. */
const GIFT = 100;
const ACTIVATION = 2;
const run1 = {
  timestep: [0, 1, 2, 3, 4, 5, 6],
  boot_claimed_supply: [0, 50, 85, 95, 100, 100, 100],
  boot_frozen_supply: [100, 100, 100, 90, 50, 1, 1],
  boot_to_distribution_supply: [0, 50, 85, 5, 0, 0, 3],
  boot_supply: [1000, 1000, 1000, 1000, 1000, 1000, 1000],
  boot_bonded_supply: [700, 750, 800, 820, 850, 800, 790],
  boot_inflation_rate: [0.05, 0.06, 0.07, 0.07, 0.08, 0.07, 0.06],
  agents_count: [750, 800, 900, 1000, 18_264, 20_000, 21_000],
};
/** Run 2 claims everything on day 1 and bonds nothing: any of its numbers read would show. */
const run2 = {
  ...run1,
  boot_claimed_supply: [0, 100, 100, 100, 100, 100, 100],
  boot_bonded_supply: [0, 0, 0, 0, 0, 0, 0],
};
const frame = pl.concat(
  [2, 1].map((run) =>
    pl.DataFrame({
      subset: run1.timestep.map(() => 0),
      run: run1.timestep.map(() => run),
      ...(run === 1 ? run1 : run2),
    })
  ),
);

Deno.test("giftClaimedShare, bondedShareAt, neuronsOverEthereum: one day of run 1", () => {
  assertEquals(giftClaimedShare(frame, ACTIVATION, GIFT), 0.85);
  assertEquals(bondedShareAt(frame, 4), 0.85);
  // Ethereum's fit at day 4: 2·16 + 100·4 + 8700 = 9132 addresses; 18,264 neurons are twice that.
  assertEquals(ethereumAddresses(4), 9132);
  assertEquals(neuronsOverEthereum(frame, 4), 2);
  assertThrows(() => bondedShareAt(frame, 9), Error, "no row for day 9");
});

Deno.test("inflationRuleBreaks: a rise while above the target counts, a share at the target never does", () => {
  // Previous day's share → change: 0.70 ↑, 0.75 ↑, 0.80 (target) =, 0.82 ↑ (against), 0.85 ↓, 0.80 (target) ↓.
  assertEquals(inflationRuleBreaks(frame, 0.8), { days: 6, against: 1 });
  // With a target of 0.9 every share is below it, so each of the two falls is against the rule.
  assertEquals(inflationRuleBreaks(frame, 0.9), { days: 6, against: 2 });
});

Deno.test("firstDayAtLeast: the first day of run 1 a column reaches a value", () => {
  assertEquals(firstDayAtLeast(frame, "boot_claimed_supply", 85), 2);
  assertEquals(firstDayAtLeast(frame, "boot_claimed_supply", 101), undefined);
});

Deno.test("giftPhases: all claimed, releases stopping at the last 1%, waiting BOOT emptying and growing again", () => {
  assertEquals(giftPhases(frame, GIFT, ACTIVATION), {
    allClaimed: 4,
    // After activation (day 2) the contract first holds at most 1 BOOT on day 5.
    releasesStop: 5,
    waitingEmpty: 4,
    waitingAgain: 6,
    waitingAtEnd: 0.03,
  });
  // Nothing waiting ever empties after activation: no day to wait again from.
  const waiting = frame.withColumns(pl.lit(1).alias("boot_to_distribution_supply"));
  const phases = giftPhases(waiting, GIFT, ACTIVATION);
  assertEquals([phases.waitingEmpty, phases.waitingAgain, phases.waitingAtEnd], [undefined, undefined, 0.01]);
});

Deno.test("largestLoadGap: the row furthest from the testnet, either side", () => {
  const row = (setting: string, relative_error: number) => ({
    setting,
    cyberlinks: 1e9,
    quantity: "RAM (GB)",
    model: 1,
    testnet: 1,
    relative_error,
  });
  const load = pl.DataFrame([row("a", 0.05), row("b", -0.2), row("c", 0.1)]);
  assertEquals(largestLoadGap(load).setting, "b");
  assertThrows(() => largestLoadGap(pl.DataFrame([])), Error, "largestLoadGap needs at least one row");
});

Deno.test("significantDigits: the README's numbers as written; toSignificant rounds to them", () => {
  const cases: [number, number][] = [[2, 1], [0.25, 2], [48, 2], [868, 3], [1200, 2], [4562, 4], [87000, 2]];
  for (const [x, digits] of cases) assertEquals(significantDigits(x), digits, String(x));
  assertThrows(() => significantDigits(0), Error, "has none");
  assertEquals([toSignificant(1.77477, 1), toSignificant(44, 2), toSignificant(870, 3)], [2, 44, 870]);
});

Deno.test("loadMisses: a value misses only when beyond both the tolerance and the README's precision", () => {
  const row = (model: number, testnet: number) => ({
    setting: "s",
    cyberlinks: 1,
    quantity: "q",
    model,
    testnet,
    digits: significantDigits(testnet),
    relative_error: model / testnet - 1,
  });
  // 1.77 is 11% below 2 but rounds to it at one digit; 44 is 4.3% below 46; 30 is 35% below 46.
  const load = pl.DataFrame([row(1.77, 2), row(44, 46), row(30, 46)]);
  assertEquals(loadMisses(load, 0.1).map((r) => r.model), [30]);
  assertEquals(loadMisses(load, 0.01).map((r) => r.model), [44, 30]);
  // The README's table: every formula value within 10% or at the README's precision.
  assertEquals(loadMisses(loadAgainstTestnet(), 0.1), []);
  assertEquals(loadMisses(loadAgainstTestnet(), 0.05).map((r) => `${r.setting}: ${r.quantity}`), []);
  // At 3%: 1B links' GPU memory (44 against 46) and 100B's (4,400 against 4,562); 6.2 s rounds to "6".
  assertEquals(loadMisses(loadAgainstTestnet(), 0.03).map((r) => r.model), [44, 4400]);
});

Deno.test("giftBooks: owed is claimed minus released; the toy run's waiting BOOT parts from it", () => {
  const books = giftBooks(frame, GIFT);
  // Day 4: 100 claimed, 50 released, so 50 owed; the run shows 0 waiting.
  assertEquals(books[4], { day: 4, claimed: 100, released: 50, frozen: 50, toDistribution: 0, owed: 50 });
});

Deno.test("giftBooks, neuronsOn: the code's model — the books part by day 120 and at the end", () => {
  const books = giftBooks(runFrame({ steps: 200 }));
  const T = 1e12;
  // Day 120: 693 T released (all but the last 1%), 658 T claimed: 35 T released that nobody had claimed,
  // while the model shows nothing waiting.
  assertEquals([books[120].released / T, Math.round(books[120].claimed / T)], [693, 658]);
  assertEquals(books[120].toDistribution, 0);
  // Day 181 on: all 700 T claimed, 7 T still frozen, yet 42.7 T "to distribution".
  assertEquals(Math.round(books[200].toDistribution / 1e11) / 10, 42.7);
  assertEquals(books[200].frozen / T, 7);
  // The closed form 750 + 9t² + 91t on day 30, against the README's 100,000 at activation.
  assertEquals(neuronsOn(runFrame({ steps: 40 }), 30), 750 + 9 * 30 * 30 + 91 * 30);
});
