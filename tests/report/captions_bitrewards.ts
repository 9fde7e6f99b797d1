/**
 * Bitrewards caption checks for the planned analyses and the run counts: creators' mean satisfaction, the
 * number of runs each caption says a chart or table summarises, the Latin-hypercube ranges and outcomes,
 * the derivative split sweep's Gini and depth, and the highest values the target regions name. Each number
 * is read from the rendered caption and recomputed from the CSV of the chart or table it describes (or, for
 * a run count, of the table that counts those runs).
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { formatPercent } from "@lib/analysis/format.ts";
import { describeRange, listValues } from "@lib/notebook/caption.ts";
import { type Captioned, captioned, column, num } from "./captioned.ts";

const pct = (x: number) => formatPercent(x, {});
const numbers = (c: Captioned, name: string) => column(c, name).map(Number);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const distinct = (xs: readonly string[]) => [...new Set(xs)];

/** The run count a caption states as `words N runs` (e.g. "median of 48 runs"), as a number. */
function runsSaid(caption: string, before: string, after = "runs"): number {
  const found = caption.match(new RegExp(`${before} (\\d+) ${after}`));
  if (!found) throw new Error(`no "${before} N ${after}" in: ${caption}`);
  return Number(found[1]);
}

/** Every check of this module, on a rendered Bitrewards report. */
export function bitrewardsPlannedCaptions(html: string): void {
  satisfactionCaption(html);
  runCountCaptions(html);
  lhsCaptions(html);
  splitCaption(html);
  regionCaption(html);
}

/** The mean satisfaction over the run is the chart's median line averaged over its weeks. */
function satisfactionCaption(html: string): void {
  const chart = captioned(html, "Creators' mean satisfaction over the run");
  const median = "median creators' mean satisfaction (0–1)";
  const scenarios = distinct(column(chart, "scenario"));
  const lines = scenarios.map((s) =>
    numbers(chart, median).filter((_, i) => column(chart, "scenario")[i] === s)
  );
  assertStringIncludes(chart.caption, `The median line averaged over the ${lines[0].length} weeks is `);
  // The CSV lists the scenarios alphabetically, the caption in the report's order.
  lines.forEach((xs, k) => assertStringIncludes(chart.caption, `${num(mean(xs))} (${scenarios[k]})`));
}

/** Each caption's run count is the count of the table that lists those runs. */
function runCountCaptions(html: string): void {
  // The scenarios: every scenario's runs, and the 2 × 2 points they are spread over.
  const scenarios = captioned(html, "The scenarios as run");
  const runs = numbers(scenarios, "runs");
  assertEquals(new Set(runs).size, 1, "every scenario runs as often");
  const points = column(scenarios, "gas")[0].split(" and ").length *
    column(scenarios, "funding")[0].split(" and ").length;
  assertStringIncludes(scenarios.caption, `runs every pair ${runs[0] / points} times`);
  for (
    const title of [
      "Active creators over time",
      "Active investors over time",
      "Inequality of creator wealth over time",
      "Creators' mean satisfaction over the run",
    ]
  ) {
    assertEquals(runsSaid(captioned(html, title).caption, "median of"), runs[0], title);
  }
  assertEquals(runsSaid(captioned(html, "Creators who have left").caption, "each scenario's"), runs[0]);
  const spread = captioned(html, "Outcomes per scenario with their spread");
  assertEquals(new Set(numbers(spread, "runs")), new Set(runs));
  assertEquals(runsSaid(captioned(html, "Outcomes per scenario: medians").caption, "medians of"), runs[0]);
  const pairs = numbers(captioned(html, "Each scenario against the control, with the spread"), "pairs");
  assertEquals(new Set(pairs), new Set(runs));
  const changes = captioned(html, "Each scenario against the control, run by run").caption;
  assertEquals(runsSaid(changes, "the median over", "pairs"), runs[0]);

  // The sweeps: the runs the Gini table counts per source, over the points their charts draw.
  const gini = captioned(html, "Creators' wealth Gini at the last week against their share of royalties");
  const runsOf = (source: string) => Number(column(gini, "runs")[column(gini, "source").indexOf(source)]);
  const says = (titles: readonly string[], before: string, after: string, expected: number) =>
    titles.forEach((title) =>
      assertEquals(runsSaid(captioned(html, title).caption, before, after), expected, title)
    );
  const perCell = runsOf("gas fee × funding split map") /
    captioned(html, "Investors' share of royalties").rows.length;
  const maps = [
    "Investors' share of royalties",
    "Creators still active at the end",
    "Investors still active at the end",
  ];
  says(maps, "Median of", "runs per cell", perCell);
  says(["Investors' median ROI at the end"], "Median over", "runs per cell", perCell);
  const tracing = captioned(html, "Fees reaching ancestors against tracing accuracy");
  const accuracies =
    distinct(column(tracing, "tracing accuracy (probability a true link is recorded)")).length;
  says(
    ["Fees reaching ancestors against tracing accuracy", "Fees and upstream income"],
    "Medians of",
    "runs per tracing accuracy",
    runsOf("tracing sweep") / accuracies,
  );
  const splits = captioned(html, "The derivative split sweep, per split").rows.length;
  const perSplit = runsOf("derivative split sweep") / splits;
  says(["The derivative split sweep, per split"], "medians of", "runs", perSplit);
  says(["The derivative split: how much"], "Medians of", "runs per derivative split", perSplit);
  const limits = captioned(html, "The reward walk's limits");
  assertEquals(new Set(numbers(limits, "runs")).size, 1, "as many runs at every limit");
  says(["The reward walk's limits"], "medians of", "runs per value", numbers(limits, "runs")[0]);
  says(["Who receives the royalties"], "each scenario's", "runs", runs[0]);
}

/** The drivers chart's sample: its intervals, the values drawn in them, and its outcomes' ranges. */
function lhsCaptions(html: string): void {
  const sample = captioned(html, "The Latin-hypercube sample of the drivers chart");
  const [sets, runs] = [numbers(sample, "sets")[0], numbers(sample, "runs")[0]];
  assertStringIncludes(sample.caption, `${sets} parameter sets × ${runs} runs`);
  const drivers = captioned(html, "What drives creator retention and investor ROI");
  assertStringIncludes(drivers.caption, `over ${sets} parameter sets`);
  assertStringIncludes(drivers.caption, `), ${runs} runs of`);
  const intervals = column(sample, "interval");
  const [lowest, highest] = [numbers(sample, "lowest"), numbers(sample, "highest")];
  const name = (row: number) => column(sample, "quantity")[row].split(" (")[0];
  const parameters = intervals.flatMap((x, i) => (x === "outcome" ? [] : [i]));
  assertEquals(parameters.length, 5);
  assertStringIncludes(
    drivers.caption,
    `(${listValues(parameters.map((i) => `${name(i)} ${intervals[i]}`))})`,
  );
  for (const i of parameters) {
    // One value in each of `sets` equal strata: the lowest in the first, the highest in the last.
    const [lo, hi] = intervals[i].split("–").map(Number);
    const stratum = (hi - lo) / sets;
    assert(
      lowest[i] >= lo && lowest[i] < lo + stratum,
      `${name(i)}: lowest ${lowest[i]} in [${lo}, +1 stratum)`,
    );
    assert(
      highest[i] <= hi && highest[i] > hi - stratum,
      `${name(i)}: highest ${highest[i]} in (−1 stratum, ${hi}]`,
    );
  }
  const outcome = (label: string) => {
    const i = column(sample, "quantity").findIndex((q) => q.startsWith(label));
    return describeRange([lowest[i], highest[i]], undefined, { percent: true });
  };
  assertStringIncludes(drivers.caption, `Creator retention ranges ${outcome("creator retention")}`);
  assertStringIncludes(drivers.caption, `investors' median ROI ${outcome("investors' median ROI")} across`);
}

/** The derivative split sweep's Gini and depth ranges, from its table. */
function splitCaption(html: string): void {
  const split = captioned(html, "The derivative split sweep, per split");
  assertStringIncludes(
    split.caption,
    `The Gini of creators' wealth at the last week ranges ${describeRange(numbers(split, "gini"))} and ` +
      `the mean depth of paid ancestors ${describeRange(numbers(split, "depth"))} edges`,
  );
}

/** The targets' nearest values: in the table, in the caption, and on the map where they are a map cell. */
function regionCaption(html: string): void {
  const regions = captioned(html, "Where the");
  const reached = numbers(regions, "reached");
  const [nearest, at] = [numbers(regions, "nearest"), column(regions, "nearestWhere")];
  const roi = captioned(html, "Investors' median ROI at the end");
  const share = captioned(html, "Investors' share of royalties");
  // A map cell's value, in percent, where the label names one ("gas 0.01 × split 0.08").
  const onMap = (map: Captioned, label: string) => {
    const cell = label.match(/^gas ([\d.]+) × split ([\d.]+)$/);
    if (!cell) return undefined;
    const row = map.rows.find((r) => Number(r[0]) === Number(cell[1]) && Number(r[1]) === Number(cell[2]));
    return Number(row![2]);
  };
  if (reached[0] === 0) {
    assertStringIncludes(regions.caption, `the highest median is ${pct(nearest[0])} (${at[0]})`);
    // The highest over the settings is at least the map's highest, and is the map's value at its cell.
    assert(100 * nearest[0] >= Math.max(...roi.rows.map((r) => Number(r[2]))) - 1e-9);
    const value = onMap(roi, at[0]);
    if (value !== undefined) assertEquals(num(value), num(100 * nearest[0]));
    const lhs = captioned(html, "The Latin-hypercube sample of the drivers chart");
    const i = column(lhs, "quantity").findIndex((q) => q.startsWith("investors' median ROI"));
    assertStringIncludes(
      regions.caption,
      `the highest over the ${numbers(lhs, "sets")[0]} Latin-hypercube sets is ${
        pct(numbers(lhs, "highest")[i])
      }`,
    );
  }
  if (reached.at(-1) === 0) {
    assertStringIncludes(regions.caption, `their share nearest ½ is ${pct(nearest.at(-1)!)} (${at.at(-1)})`);
    // Royalties go to creators or investors: the creators' share is 100 minus the investors' on the map.
    const value = onMap(share, at.at(-1)!);
    if (value !== undefined) assertEquals(num(100 - value), num(100 * nearest.at(-1)!));
  }
}
