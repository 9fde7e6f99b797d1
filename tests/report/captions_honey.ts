/**
 * The honey report's captions against the data they describe: each number a caption states is recomputed
 * from the CSV attached to its chart or table — or, where a chart's data are too large to attach or are
 * counted per run, from the appendix table of the same analysis — at the precision the caption prints it.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { change, compare, describeRange, num as fmt, share } from "@lib/notebook/caption.ts";
import { type Captioned, captioned, captionOf, checkRobustness, column, num } from "./captioned.ts";

const pct = (x: number) => `${num(100 * x, 2)}%`;
const points = (x: number) => `${num(100 * x, 2)} percentage points`;
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const numbers = (c: Captioned, name: string) => column(c, name).map(Number);
const distinct = (xs: readonly number[]) => [...new Set(xs)].sort((a, b) => a - b);
/** The failure and success thresholds of a run's saturation trend. */
const [FAILURE, SUCCESS] = [0.1, 0.8];

/** Mean of `value` per distinct `key`, in ascending order of the key (equal runs per cell: the pooled share). */
function meansBy(keys: readonly number[], values: readonly number[]): { at: number; share: number }[] {
  return distinct(keys).map((at) => ({ at, share: mean(values.filter((_, i) => keys[i] === at)) }));
}
const span = (xs: readonly { share: number }[]) =>
  Math.max(...xs.map((x) => x.share)) - Math.min(...xs.map((x) => x.share));

/** Analysis 1: the trend chart and the five-productivity bands, against the chart's CSV and the appendix table. */
function analysis1(html: string): void {
  const table = captioned(html, "Analysis 1, one row per productivity");
  const productivity = numbers(table, "productivity");
  const failed = numbers(table, "share_failed");
  const saturated = numbers(table, "share_saturated");
  const months = numbers(table, "median_months_to_saturation");

  const chart = captioned(html, "Saturation trend after 10 years against productivity");
  const order = numbers(chart, "productivity (dimensionless)").map((p, i) => [p, i]).sort((a, b) =>
    a[0] - b[0]
  );
  const grid = order.map(([p]) => p);
  const trend = order.map(([, i]) =>
    Number(
      chart.rows[i][
        chart.header.indexOf(
          "median saturation trend (share of market)",
        )
      ],
    )
  );
  assertStringIncludes(
    chart.caption,
    `at ${grid.length} productivities from ${grid[0]} to ${grid.at(-1)} (step ${num(grid[1] - grid[0])})`,
  );
  const both = productivity.filter((_, i) => failed[i] > 0 && saturated[i] > 0);
  assertStringIncludes(
    chart.caption,
    `Runs of both outcomes occur from productivity ${Math.min(...both)} to ${Math.max(...both)}`,
  );
  // The median run fails up to `lower` (every grid value from the bottom) and saturates from `upper` up.
  let lower = -1;
  while (trend[lower + 1] < FAILURE) lower++;
  let upper = grid.length;
  while (trend[upper - 1] > SUCCESS) upper--;
  assertStringIncludes(
    chart.caption,
    `between productivity ${grid[lower]} and ${grid[upper]} (a step of ${num(grid[upper] - grid[lower])})`,
  );
  // The step over root seeds is the "narrow step" claim's measured value and spread in the verdict table.
  const step = chart.caption.match(/the step is ([\d.]+) at the median \(5–95%: ([\d.]+)–([\d.]+)\)/);
  assert(step, "the caption states the step over root seeds");
  // The verdict table prints the value and its spread in separate elements: compare the text a reader sees.
  assertStringIncludes(html.replace(/<[^>]+>/g, ""), `${step[1]} (${step[2]}–${step[3]})`);

  const bands = captioned(html, "Market saturation over time at five productivities");
  const picked = distinct(numbers(bands, "productivity"));
  assertEquals(picked.length, 5);
  const runs = Number(bands.header.find((h) => h.includes("percentile of"))!.match(/of (\d+) runs/)![1]);
  assertStringIncludes(bands.caption, `the line is the median over ${runs} runs`);
  for (const p of picked) {
    const i = productivity.indexOf(p);
    assertStringIncludes(
      bands.caption,
      `${p}: ${pct(saturated[i])}` + (months[i] <= 120 ? ` (median run by month ${months[i]})` : ""),
    );
  }
}

/** Analysis 2: the bands by pair (too large to attach), both heatmaps, against the appendix table of pairs. */
function analysis2(html: string): void {
  const table = captioned(html, "Analysis 2, one row per (target, throttle) pair");
  const target = numbers(table, "target_reserve_ratio");
  const throttle = numbers(table, "throttle");
  const saturated = numbers(table, "share_saturated");
  const byTarget = meansBy(target, saturated);
  const byThrottle = meansBy(throttle, saturated);

  const bands = captionOf(html, "Saturation over time for every (target reserve ratio, throttle) pair");
  assertStringIncludes(bands, byTarget.map((t) => `${t.at}: ${pct(t.share)}`).join(", "));
  const from = byTarget.find((_, i) => byTarget.slice(i).every((t) => t.share > 0.5))?.at;
  assertStringIncludes(
    bands,
    from === undefined
      ? "At no target do more than half the runs saturate."
      : `More than half the runs saturate at every target from ${from} up.`,
  );

  const saturation = captioned(html, "Final market saturation");
  const sTarget = numbers(saturation, "target reserve ratio (pool / total supply)");
  const sMedian = numbers(saturation, "median final saturation (share of market)");
  const rows = distinct(sTarget).map((t) => {
    const m = sMedian.filter((_, i) => sTarget[i] === t);
    return `${t}: ${num(Math.min(...m), 2)}–${num(Math.max(...m), 2)}`;
  });
  assertStringIncludes(saturation.caption, `over the nine throttles is ${rows.join("; ")}.`);
  const [targetSpan, throttleSpan] = [span(byTarget), span(byThrottle)];
  assertStringIncludes(
    saturation.caption,
    `varies by ${points(targetSpan)} across targets and by ${
      points(throttleSpan)
    } across throttles, so the ` +
      `${targetSpan > throttleSpan ? "target reserve ratio" : "throttle"} matters more`,
  );

  const price = captioned(html, "Final price");
  const pTarget = numbers(price, "target reserve ratio (pool / total supply)");
  const pThrottle = numbers(price, "throttle (share of supply per month)");
  const pMedian = numbers(price, "median final price (USD/HNY)");
  const targets = distinct(pTarget);
  const throttles = distinct(pThrottle);
  const at = (t: number, th: number) => pMedian[pTarget.findIndex((x, i) => x === t && pThrottle[i] === th)];
  const rowMean = (t: number) => mean(throttles.map((th) => at(t, th)));
  const [lowT, highT] = [targets[0], targets.at(-1)!];
  assertStringIncludes(
    price.caption,
    `it is ${num(rowMean(lowT))} USD/HNY at target ${lowT} and ${
      num(rowMean(highT))
    } at ${highT}. At target ` +
      `${highT} it goes from ${num(at(highT, throttles[0]))} at throttle ${throttles[0]} to ` +
      `${num(at(highT, throttles.at(-1)!))} at ${throttles.at(-1)}.`,
  );
}

/** Analysis 3: both heatmaps of the share of runs saturating, from their own CSV. */
function analysis3(html: string): void {
  const byProductivity = captioned(html, "Share of runs that saturate, by productivity");
  const productivity = numbers(byProductivity, "productivity");
  const shares = numbers(byProductivity, "share of runs saturated (0–1)");
  const panels = distinct(productivity).map((p) => shares.filter((_, i) => productivity[i] === p));
  const ps = distinct(productivity);
  assertStringIncludes(
    byProductivity.caption,
    "Cells range " +
      panels.map((s, i) => `${pct(Math.min(...s))}–${pct(Math.max(...s))} at ${ps[i]}`).join(", "),
  );
  const effect = mean(panels.at(-1)!) - mean(panels[0]);
  const policy = mean(panels.map((s) => Math.max(...s) - Math.min(...s)));
  assertStringIncludes(
    byProductivity.caption,
    `to ${ps.at(-1)} changes the mean share by ${points(effect)}; within a panel the policy moves it by ` +
      `${points(policy)} on average`,
  );

  const price = captioned(html, "Share of runs that saturate, by price variance and pull");
  const pull = numbers(price, "price pull (probability of moving towards target)");
  const variance = numbers(price, "price variance (s.d. of a monthly move, fraction of price)");
  const share3 = numbers(price, "share of runs saturated (0–1)");
  const describe = (key: readonly number[]) => {
    const by = meansBy(key, share3);
    return `${by.at(-1)!.share > by[0].share ? "raises" : "lowers"} ` +
      by.map((x) => `${x.at}: ${pct(x.share)}`).join(", ");
  };
  const [byPull, byVariance] = [describe(pull), describe(variance)];
  assertStringIncludes(price.caption, `A stronger pull ${byPull.replace(" ", " the share (")})`);
  assertStringIncludes(price.caption, `larger variance ${byVariance.replace(" ", " it (")})`);
}

/** The "Analysis" paragraph: the phase chart's run counts; the dependence table against the PRCC chart. */
function analysisParagraph(html: string): void {
  const chart = captioned(html, "Market cap, price and circulating supply at productivity");
  const runs = Number(chart.header.find((h) => h.includes("percentile of"))!.match(/of (\d+) runs/)![1]);
  assertStringIncludes(chart.caption, `line: median of ${runs} runs`);
  // The saturated runs the chart counts are the ones the claims' spreads are taken over.
  const settled = chart.caption.match(/(\d+) runs saturate by month (\d+)/);
  assert(settled, "the caption counts the runs saturated before the closing window");
  assertStringIncludes(html, `5–95% of ${settled[1]} saturated runs`);

  const prcc = captioned(html, "What moves the readings over the plausible ranges");
  const outcome = column(prcc, "outcome");
  const parameter = column(prcc, "parameter");
  const coefficient = numbers(prcc, "partial rank correlation (−1 to 1)");
  const flip = Number(prcc.caption.match(/\|PRCC\| is at least ([\d.]+)/)![1]);
  const table = captioned(html, "Each reading over its sample");
  const readings = column(table, "reading");
  const flips = column(table, "flips");
  readings.forEach((reading, k) => {
    const named = outcome.flatMap((o, i) => o === reading && Math.abs(coefficient[i]) >= flip ? [i] : [])
      .sort((a, b) => Math.abs(coefficient[b]) - Math.abs(coefficient[a])).slice(0, 3)
      .map((i) => parameter[i]);
    // The chart writes a parameter's name in words ("p pull" for p_pull).
    assertEquals(flips[k].replaceAll("_", " "), named.join(", ") || "none", `${reading}: what flips it`);
  });
}

/** The published experiments: every column compared, and the rank-sum test's count. */
function publishedComparison(html: string): void {
  const table = captioned(html, "Published statistic at month 120");
  const experiments = column(table, "experiment");
  const columns = table.header.filter((h) => !["experiment", "setting", "rank_sum_rejected"].includes(h));
  assertEquals(columns.length, 6, "every published column is compared");
  const rankSum = numbers(table, "rank_sum_rejected");
  const counts = ["final experiment", "productivity range"].map((name) => {
    const rows = experiments.flatMap((e, i) => (e === name ? [i] : []));
    const cells = rows.flatMap((i) => columns.map((c) => table.rows[i][table.header.indexOf(c)]));
    const rejected = cells.filter((c) => c.endsWith("✗")).length;
    const outside = cells.filter((c) => c.endsWith("†")).length + rejected;
    const label = name === "final experiment" ? "Final experiment" : "productivity range";
    assertStringIncludes(
      table.caption,
      `${label}: ${outside} of ${cells.length} outside, ${rejected} rejected`,
    );
    return `${rows.reduce((s, i) => s + rankSum[i], 0)} of ${cells.length} (${name})`;
  });
  assertStringIncludes(table.caption, `rejects ${counts[0]} and ${counts[1]}`);
  // The runs a cell the caption gives are those the published claims were judged on (their details).
  const runs = [...table.caption.matchAll(/([\d,]+) a cell in the (final experiment|productivity range)/g)];
  assertEquals(runs.map((m) => m[2]), ["final experiment", "productivity range"]);
  const text = html.replace(/<[^>]+>/g, "");
  for (const [, n, name] of runs) {
    // The claim's measured quantity, from its title to its criterion.
    const from = text.indexOf(`Published ${name} reproduced`);
    const quantity = text.slice(from, text.indexOf("Criterion:", from));
    assert(from >= 0 && quantity.includes(`; ${n} reproduced runs a cell`), `${name}: ${n} runs`);
  }
  assert(experiments.length === 13, "9 final-experiment and 4 productivity-range cells");
}

/** A source figure's bands at its last month, one per (target, throttle) setting. */
function settingBands(html: string, title: string, value: string) {
  const chart = captioned(html, title);
  const month = numbers(chart, "month");
  const end = Math.max(...month);
  const [target, throttle, median] = [
    numbers(chart, "target reserve ratio"),
    numbers(chart, "throttle (fraction of supply per month)"),
    numbers(chart, value),
  ];
  const low = numbers(chart, chart.header.find((h) => h.endsWith(": low"))!);
  const high = numbers(chart, chart.header.find((h) => h.endsWith(": high"))!);
  const bands = month.flatMap((m, i) =>
    m === end
      ? [{ target: target[i], throttle: throttle[i], median: median[i], lo: low[i], hi: high[i] }]
      : []
  );
  return { caption: chart.caption, end, bands };
}
type Band = ReturnType<typeof settingBands>["bands"][number];
const setting = (b: Band) => `target ${b.target} / throttle ${b.throttle}`;
const byMedian = (bands: readonly Band[]) => [...bands].sort((a, b) => b.median - a.median);
const against = (a: number, b: number, what: string) => {
  const c = change(a, b);
  return `${c} ${/(higher|lower)$/.test(c) ? "than" : "as"} ${what}`;
};

/** The source notebook's figures: every number of their captions at their last month. */
function sourceFigures(html: string): void {
  const supply = captioned(html, "Reserve, circulation and total supply by throttle");
  const month = numbers(supply, "month");
  const end = Math.max(...month);
  const variable = column(supply, "variable");
  const throttle = numbers(supply, "throttle (fraction of supply per month)");
  const median = numbers(supply, "median balance (HNY)");
  const low = numbers(supply, supply.header.find((h) => h.endsWith(": low"))!);
  const high = numbers(supply, supply.header.find((h) => h.endsWith(": high"))!);
  const endOf = (name: string) =>
    month.flatMap((m, i) => (m === end && variable[i] === name ? [i] : []))
      .sort((a, b) => throttle[a] - throttle[b]);
  const medians = (name: string) => describeRange(endOf(name).map((i) => median[i]), "HNY");
  assertStringIncludes(
    supply.caption,
    `At month ${end} the median total supply is ${medians("total supply")} across the throttles`,
  );
  assertStringIncludes(
    supply.caption,
    `the median reserve ${medians("reserve")} and the median circulation ${medians("circulation")}.`,
  );
  const total = endOf("total supply");
  const width = (i: number) => high[i] - low[i];
  const [first, last] = [total[0], total.at(-1)!];
  assertStringIncludes(
    supply.caption,
    `spans ${fmt(width(first))} HNY at throttle ${throttle[first]} against ${fmt(width(last))} HNY at ` +
      `${throttle[last]} (${change(width(last), width(first))}).`,
  );

  const net = settingBands(
    html,
    "Netflow of the common pool over time",
    "median netflow (inflow − outflow) (HNY/month)",
  );
  const positive = net.bands.filter((b) => b.median > 0);
  const widest = [...net.bands].sort((a, b) => (b.hi - b.lo) - (a.hi - a.lo))[0];
  assertStringIncludes(
    net.caption,
    `the median netflow is ${describeRange(net.bands.map((b) => b.median), "HNY/month")} across the nine ` +
      `settings; it is positive (inflows exceed the 5% outflow) at ${
        share(positive.length, net.bands.length)
      }` +
      ` settings` + (positive.length ? ` (${positive.map(setting).join("; ")})` : ""),
  );
  assertStringIncludes(
    net.caption,
    `The widest month-${net.end} band is at ${setting(widest)}, from ${fmt(widest.lo)} to ${fmt(widest.hi)}`,
  );

  const adjustment = settingBands(
    html,
    "Minting (+) and burning (−) by the supply policy over time",
    "median adjustment (mint + / burn −) (HNY/month)",
  );
  const burning = adjustment.bands.filter((b) => b.median < 0);
  assertStringIncludes(
    adjustment.caption,
    `the median run burns at ${share(burning.length, adjustment.bands.length)} settings` +
      (burning.length ? ` (${burning.map(setting).join("; ")})` : "") +
      ` and mints at the others; medians range ` +
      `${describeRange(adjustment.bands.map((b) => b.median), "HNY/month")}.`,
  );
  // The settings at the cap: the table beside the chart holds its month-120 medians (the same numbers) and
  // each setting's median total supply; the cap is throttle × that supply, "within 5%" is `compare`'s.
  const caps = captioned(html, "The supply policy's adjustment at month");
  const [capTarget, capThrottle, capAdjustment, capSupply, capOf] = [
    "target_reserve_ratio",
    "throttle",
    "adjustment",
    "total_supply",
    "cap",
  ].map((name) => numbers(caps, name));
  assertEquals(capTarget.length, adjustment.bands.length);
  for (const b of adjustment.bands) {
    const i = capTarget.findIndex((t, k) => t === b.target && capThrottle[k] === b.throttle);
    assert(i >= 0, `the cap table has ${setting(b)}`);
    assertEquals(capAdjustment[i], b.median, `${setting(b)}: the chart's month-${adjustment.end} median`);
    assert(
      Math.abs(capOf[i] - b.throttle * capSupply[i]) <= 1e-9 * capOf[i],
      `${setting(b)}: cap = throttle × supply`,
    );
  }
  const atCap = capAdjustment.filter((a, i) => compare(Math.abs(a), capOf[i]) === "about the same").length;
  assertStringIncludes(
    adjustment.caption,
    `at ${share(atCap, capAdjustment.length)} settings the month-${adjustment.end} median is within 5% of ` +
      "that cap",
  );

  const saturation = settingBands(
    html,
    "Market saturation over time",
    "median saturation (fraction of market)",
  );
  const high2 = saturation.bands.filter((b) => b.median > SUCCESS);
  const low2 = saturation.bands.filter((b) => b.median < FAILURE);
  const wide = saturation.bands.filter((b) => b.lo < FAILURE && b.hi > SUCCESS);
  const n = saturation.bands.length;
  assertStringIncludes(
    saturation.caption,
    `the median run is above ${SUCCESS} at ${share(high2.length, n)} settings` +
      (high2.length ? ` (${high2.map(setting).join("; ")})` : "") +
      ` and below ${FAILURE} at ${share(low2.length, n)}. At ${wide.length} settings the 5–95% band spans`,
  );

  const price = settingBands(html, "Honey price over time", "median price (USD/HNY)");
  const genesisPrice = Number(price.caption.match(/genesis ([\d.]+)\)/)![1]);
  const [top, bottom] = [byMedian(price.bands)[0], byMedian(price.bands).at(-1)!];
  assertStringIncludes(
    price.caption,
    `the median price is ${describeRange(price.bands.map((b) => b.median), "USD/HNY")}: highest at ` +
      `${setting(top)} (${against(top.median, genesisPrice, "at genesis")}), lowest at ${setting(bottom)}. ` +
      `The 95th percentile reaches ${fmt(Math.max(...price.bands.map((b) => b.hi)))} USD/HNY and the 5th ` +
      `percentile is as low as ${fmt(Math.min(...price.bands.map((b) => b.lo)))} USD/HNY.`,
  );

  const cap = settingBands(html, "Market cap over time", "median market cap (USD)");
  // Genesis market cap: the supply chart's month-0 total supply × the genesis price.
  const genesisSupply = median[month.findIndex((m, i) => m === 0 && variable[i] === "total supply")];
  const genesisCap = genesisSupply * genesisPrice;
  assertStringIncludes(cap.caption, `genesis ${fmt(genesisCap)} USD`);
  const capTop = byMedian(cap.bands)[0];
  const above = cap.bands.filter((b) => compare(b.median, genesisCap) === "higher");
  assertStringIncludes(
    cap.caption,
    `the median market cap is ${
      describeRange(cap.bands.map((b) => b.median), "USD")
    }; it is higher than at ` +
      `genesis at ${share(above.length, cap.bands.length)} settings, and highest at ${setting(capTop)} ` +
      `(${against(capTop.median, genesisCap, "at genesis")}).`,
  );

  const utility = settingBands(html, "Utility over time", "median utility (dimensionless, 0–10)");
  const [uTop, uBottom] = [byMedian(utility.bands)[0], byMedian(utility.bands).at(-1)!];
  assertStringIncludes(
    utility.caption,
    `the median utility is ${describeRange(utility.bands.map((b) => b.median))}: highest at ${
      setting(uTop)
    }, ` +
      `lowest at ${setting(uBottom)}; ${
        share(utility.bands.filter((b) => b.median > 6).length, n)
      } settings ` +
      "have a median above 6.",
  );
}

/** Honey: every caption that states numbers, against the data it describes. */
export function honeySupplyCaptions(html: string): void {
  analysis1(html);
  analysis2(html);
  analysis3(html);
  analysisParagraph(html);
  publishedComparison(html);
  sourceFigures(html);
  checkRobustness(html);
}
