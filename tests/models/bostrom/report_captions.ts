/**
 * The Bostrom report's captions against the data they describe: every number a chart or table caption
 * states is recomputed from the CSV attached to it (or, where the caption quotes another chart's number,
 * from that chart's CSV), at the precision the caption prints it. Charts thinned to every 5th day are
 * checked to the day of their points: a day the caption names between two points must lie between them.
 * Run on the one render of all reports by tests/report/report_test.ts (CAPTION_CHECKS).
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import {
  type Captioned,
  captioned,
  type ChartPoint,
  checkRobustness,
  column,
  num,
  pct,
  seriesOf,
  yAt,
} from "../../report/captioned.ts";

const LAST = 3650;

/** The first point at or above `level`, and the point before it: the day the caption names lies between. */
function firstReaching(points: readonly ChartPoint[], level: number): [ChartPoint, ChartPoint] {
  const i = points.findIndex((p) => p.y >= level);
  assert(i > 0, `no point reaches ${level}`);
  return [points[i - 1], points[i]];
}

/** The day stated in `caption` after `before` (e.g. "passes 100,000 on day "). */
function dayAfter(caption: string, before: string): number {
  const at = caption.indexOf(before);
  assert(at >= 0, `'${before}' not in: ${caption}`);
  return Number(caption.slice(at + before.length).match(/^[\d,]+/)![0].replaceAll(",", ""));
}

/** The stated day lies within the thinned chart's step around its points' crossing. */
function dayBetween(day: number, [before, after]: [ChartPoint, ChartPoint], what: string) {
  assert(day > before.x && day <= after.x, `${what}: day ${day} not in (${before.x}, ${after.x}]`);
}

function supplyAndInflation(html: string) {
  const supply = captioned(html, "BOOT supply");
  const parts = ["liquid", "frozen", "bonded"].map((s) => seriesOf(supply, s));
  const total = (day: number) => parts.reduce((sum, p) => sum + yAt(p, day), 0);
  assertStringIncludes(supply.caption, `${num(total(0))} trillion at genesis`);
  assertStringIncludes(supply.caption, `${num(total(LAST), 4)} trillion on day ${LAST}`);
  assertStringIncludes(supply.caption, `(${pct(yAt(parts[2], LAST) / total(LAST))} on day ${LAST})`);

  const rate = seriesOf(captioned(html, "BOOT inflation rate"), "inflation rate");
  const inflation = captioned(html, "BOOT inflation rate").caption;
  const peak = rate.reduce((a, b) => (b.y > a.y ? b : a));
  assertStringIncludes(inflation, `rises from ${pct(rate[0].y)} to`);
  // The chart keeps every 5th day and the peak and floor days the caption names.
  assertStringIncludes(inflation, `to ${pct(peak.y)} on day ${peak.x}`);
  const floor = Math.min(...rate.map((p) => p.y));
  const floorDay = rate.find((p) => p.x > peak.x && p.y === floor)!.x;
  const fall = (peak.y - floor) / (floorDay - peak.x) * 365;
  assertStringIncludes(
    inflation,
    `by about ${num(100 * fall, 2)} points a year to the ${pct(floor)} floor, reached on day ${floorDay}`,
  );
  assertStringIncludes(inflation, Math.max(...rate.map((p) => p.y)) >= 0.15 ? "reaches" : "never reaches");
}

function hydrogenGiftNeurons(html: string) {
  const h = captioned(html, "H supply");
  assertStringIncludes(
    h.caption,
    `${num(yAt(seriesOf(h, "H supply"), LAST))} trillion H, ${num(yAt(seriesOf(h, "liquid H"), LAST))} ` +
      "trillion of it liquid",
  );

  const gift = captioned(html, "Gift claim");
  const claimed = seriesOf(gift, "claimed");
  const all = Math.max(...claimed.map((p) => p.y));
  const allDay = claimed.find((p) => p.y >= all * (1 - 1e-12))!.x;
  assertStringIncludes(gift.caption, `the day all the gift is claimed (day ${allDay})`);

  const neurons = captioned(html, "Neurons forecast");
  const count = seriesOf(neurons, "neurons");
  assertStringIncludes(neurons.caption, `Active neurons: ${num(1e6 * count[0].y)} at genesis`);
  assertStringIncludes(neurons.caption, `to ${num(yAt(count, LAST))} million after 10 years`);
  assertStringIncludes(neurons.caption, `the code's formula has ${num(1e6 * yAt(count, 30))} then`);
  dayBetween(dayAfter(neurons.caption, "passes 100,000 on day "), firstReaching(count, 0.1), "100,000");

  const growth = captioned(html, "Neurons: daily growth rate");
  assertStringIncludes(growth.caption, `${pct(yAt(seriesOf(growth, "growth"), 1))} on day 1`);
  assertStringIncludes(
    growth.caption,
    `the rate times the day is ${num(yAt(seriesOf(growth, "growth"), LAST) * LAST)}`,
  );
}

function ethereum(html: string) {
  const first = captioned(html, "Ethereum's active addresses, first 200 days");
  const [data, fit] = [seriesOf(first, "published data"), seriesOf(first, "README's fit")];
  assertStringIncludes(
    first.caption,
    `on day 0 the fit gives ${num(yAt(fit, 0))} against ${num(yAt(data, 0))}`,
  );
  assertStringIncludes(first.caption, `on day 200 ${num(yAt(fit, 200))} against ${num(yAt(data, 200))}`);
  const over = yAt(fit, 200) / yAt(data, 200);
  assertStringIncludes(
    first.caption,
    `(the fit ${over > 1 ? "above" : "below"} the data by ${pct(Math.abs(over - 1), 2)})`,
  );

  const overall = captioned(html, "Ethereum's active addresses, overall");
  const [all, allFit] = [seriesOf(overall, "published data"), seriesOf(overall, "README's fit")];
  const end = all.at(-1)!.x;
  assertStringIncludes(
    overall.caption,
    `on day ${end} (`,
  );
  const mid = Math.round(end / 2);
  assertStringIncludes(
    overall.caption,
    `on day ${mid} the fit gives ${pct(yAt(allFit, mid) / yAt(all, mid), 2)} of the published count`,
  );
  assertStringIncludes(
    overall.caption,
    `${num(yAt(allFit, end))} million against ${num(yAt(all, end))} million (${
      pct(yAt(allFit, end) / yAt(all, end), 2)
    })`,
  );
}

/** The README's two other Ethereum fits, drawn against the neurons (a lineChart: x, y and series columns). */
function ethereumFits(html: string) {
  const links = captioned(html, "Cyberlinks a day per neuron against neurons");
  const [neurons, perNeuron] = links.header.map((h) => column(links, h).map(Number));
  const last = neurons.length - 1;
  assertStringIncludes(
    links.caption,
    `a neuron makes ${num(perNeuron[0])} cyberlinks a day at ${num(neurons[0])} neurons`,
  );
  assertStringIncludes(links.caption, `and ${num(perNeuron[last])} at ${num(neurons[last] / 1e6)} million`);
  // The fit's exponent, from its two ends.
  const slope = Math.log(perNeuron[last] / perNeuron[0]) / Math.log(neurons[last] / neurons[0]);
  assert(Math.abs(slope + 0.3) < 1e-9, `slope ${slope}`);

  const cap = captioned(html, "Capitalization per neuron against neurons");
  const series = column(cap, cap.header[0]);
  const [x, y] = cap.header.slice(1).map((h) => column(cap, h).map(Number));
  const of = (name: string) => y.filter((_, i) => series[i] === name);
  const fit = of(series.find((s) => s.startsWith("fit "))!);
  const model = of("model (difference form)");
  const end = x.filter((_, i) => series[i] === "model (difference form)").at(-1)!;
  assertStringIncludes(cap.caption, `day by day from ${num(model[0])} ETH on day`);
  assertStringIncludes(
    cap.caption,
    `the fit gives ${num(fit[0])} ETH, at ${num(end / 1e6)} million ${num(fit.at(-1)!)} ETH`,
  );
  assertStringIncludes(
    cap.caption,
    `against the model's ${num(model.at(-1)!)} ETH (${num(model.at(-1)! / fit.at(-1)!)} times the fit)`,
  );
}

function capitalizationAndRevenue(html: string) {
  // Per neuron and in total are two units: each has its own chart, with one series.
  const perCap = captioned(html, "Capitalization per neuron");
  const perNeuron = seriesOf(perCap, "per neuron");
  assertEquals(new Set(perCap.rows.map((r) => r[1])).size, 1);
  assertStringIncludes(perCap.caption, `from ${num(yAt(perNeuron, 0))} to ${num(yAt(perNeuron, LAST))} ETH`);
  const cap = captioned(html, "BOOT capitalization");
  const total = seriesOf(cap, "total");
  assertEquals(new Set(cap.rows.map((r) => r[1])).size, 1);
  assertStringIncludes(cap.caption, `from ${num(yAt(total, 0))} ETH to ${num(yAt(total, LAST))} ETH`);

  const price = seriesOf(captioned(html, "GBOOT price"), "GBOOT price");
  assertStringIncludes(
    captioned(html, "GBOOT price").caption,
    `from ${num(yAt(price, 0))} ETH at genesis to ${num(yAt(price, LAST))} ETH on day ${LAST}`,
  );

  const gboot = captioned(html, "Validator revenue per day, in GBOOT");
  const perDay = seriesOf(gboot, "GBOOT/day");
  const peak = perDay.reduce((a, b) => (b.y > a.y ? b : a));
  assertStringIncludes(gboot.caption, `it peaks on day ${peak.x}`);
  assertStringIncludes(
    gboot.caption,
    `ends at ${num(yAt(perDay, LAST))} GBOOT a day, ${pct(yAt(perDay, LAST) / peak.y)} of its peak`,
  );

  const ethDay = seriesOf(captioned(html, "Validator revenue per day, in ETH"), "ETH/day");
  assertStringIncludes(
    captioned(html, "Validator revenue per day, in ETH").caption,
    `from ${num(yAt(ethDay, 2))} ETH a day on day 2`,
  );
  assertStringIncludes(
    captioned(html, "Validator revenue per day, in ETH").caption,
    `to ${num(yAt(ethDay, LAST))} on day ${LAST}`,
  );

  const eth = captioned(html, "Validator revenue per month, in ETH");
  const months = seriesOf(eth, "ETH/month");
  const last = months.at(-1)!;
  assertStringIncludes(
    eth.caption,
    `${num(months[0].y, 2)} ETH in month 1, ${num(last.y)} ETH in month ${last.x}, the last full month`,
  );
  const gbootMonths = seriesOf(captioned(html, "Validator revenue per month, in GBOOT"), "GBOOT/month");
  assertStringIncludes(
    captioned(html, "Validator revenue per month, in GBOOT").caption,
    `${num(gbootMonths[0].y)} GBOOT in month 1 and ${num(gbootMonths.at(-1)!.y)} in month ${
      gbootMonths.at(-1)!.x
    }`,
  );
}

/** The investmint variants' table: the crossing days the demand-and-supply captions quote. */
function crossings(html: string) {
  const variants = captioned(html, "First day cyberlink demand exceeds the V supply, over");
  const row = (name: string) => variants.rows[column(variants, "variant").indexOf(name)];
  const at = (name: string, col: string) => Number(row(name)[variants.header.indexOf(col)]);
  const code = "code: overwrite, random shares";

  const both = captioned(html, "Demand and supply of cyberlinks");
  assertStringIncludes(
    both.caption,
    `Demand overtakes supply on day ${at(code, "median")} in the median run`,
  );
  const around = captioned(html, "Demand and supply of cyberlinks around the crossing");
  assertStringIncludes(around.caption, `(days ${at(code, "earliest")} and ${at(code, "latest")})`);

  const chart = captioned(html, "V supply under the investmint variants");
  const gap = Math.abs(at("investmint_period_share = normal (README)", "median") - at(code, "median"));
  assertStringIncludes(chart.caption, `cross within ${gap} days of the code's`);
  const kept = "release_mode = accumulate";
  assertStringIncludes(
    chart.caption,
    `supply is ${at(kept, "final_v") > at(code, "final_v") ? "larger" : "smaller"}`,
  );
  assertStringIncludes(
    chart.caption,
    `overtakes it ${at(kept, "median") > at(code, "median") ? "later" : "earlier"}`,
  );

  const links = captioned(html, "Cyberlink demand forecast: cyberlinks made, in billions");
  const made = seriesOf(links, "cyberlinks");
  assertStringIncludes(links.caption, `${num(yAt(made, 912))} billion after 2.5 years (day 912)`);
  assertStringIncludes(links.caption, `${num(yAt(made, LAST))} billion on day ${LAST}`);
  dayBetween(
    dayAfter(links.caption, "1 billion links is reached on day "),
    firstReaching(made, 1),
    "1 billion",
  );
  if (Math.max(...made.map((p) => p.y)) < 100) {
    assertStringIncludes(links.caption, `100 billion not by day ${LAST}`);
  }
}

function tokensAndLoad(html: string) {
  // A and V are two units: one chart each, one token per axis, each caption from its own band.
  const ends: number[] = [];
  for (const token of ["A", "V"]) {
    const chart = captioned(html, `${token} supply`);
    assertEquals([...new Set(chart.rows.map((r) => r[1]))], [`${token} supply`]);
    const points = seriesOf(chart, `${token} supply`);
    const band = points.find((p) => p.x === LAST && Number.isFinite(p.lo))!;
    ends.push(yAt(points, LAST));
    assertStringIncludes(
      chart.caption,
      `${num(yAt(points, LAST))} million ${token} after 10 years (10–90%: ${num(band.lo)}–${num(band.hi)})`,
    );
  }
  assertStringIncludes(
    captioned(html, "V supply").caption,
    `there is ${num(ends[0] / ends[1])} times as much A as V (medians)`,
  );
  for (const token of ["A", "V"]) {
    const chart = captioned(html, `${token} minted per month (run 1)`);
    const months = seriesOf(chart, `${token} minted`);
    assertEquals(new Set(chart.rows.map((r) => r[1])).size, 1);
    const top = months.reduce((a, b) => (b.y > a.y ? b : a));
    const last = months.at(-1)!;
    assertStringIncludes(chart.caption, `The most, ${num(top.y)} million, in month ${top.x}`);
    assertStringIncludes(chart.caption, `${num(last.y)} million in month ${last.x}, the last full month`);
  }

  const cycles = captioned(html, "A and V halving cycles");
  const rates = [...new Set(seriesOf(cycles, "A and V mint rate").map((p) => p.y))];
  assertStringIncludes(
    cycles.caption,
    `${rates.slice(0, 3).map((r) => pct(r)).join(", ")}, … ${pct(rates.at(-1)!)}`,
  );

  const period = seriesOf(captioned(html, "Investmint maximum period"), "max period");
  assertStringIncludes(
    captioned(html, "Investmint maximum period").caption,
    `from ${num(yAt(period, 0))} days at genesis to ${num(yAt(period, LAST))} days on day ${LAST}`,
  );

  const tps = seriesOf(captioned(html, "Transactions per second"), "TPS");
  assertStringIncludes(
    captioned(html, "Transactions per second").caption,
    `Cyberlinks a second: ${num(yAt(tps, 1))} on day 1, ${num(yAt(tps, 912))} after 2.5 years (day 912) ` +
      `and ${num(yAt(tps, LAST))} on day ${LAST}`,
  );

  const memory = captioned(html, "GPU and CPU memory");
  const gpu = seriesOf(memory, "GPU memory");
  dayBetween(dayAfter(memory.caption, "(dashed) on day "), firstReaching(gpu, 8), "8 GB");
  assertStringIncludes(
    memory.caption,
    `on day ${LAST} the GPU needs ${num(yAt(gpu, LAST))} GB and the CPU ${
      num(yAt(seriesOf(memory, "RAM"), LAST))
    } GB`,
  );

  const time = captioned(html, "GPU and CPU time");
  const [g, c] = [yAt(seriesOf(time, "GPU time"), LAST), yAt(seriesOf(time, "CPU time"), LAST)];
  assertStringIncludes(
    time.caption,
    `${num(g)} s on the GPU and ${num(c)} s on the CPU, ${num(c / g)} times as long`,
  );
}

/** The halving × horizon grid and the minimum mint rate sweep. */
function sweeps(html: string) {
  const grid = captioned(html, "Day demand first exceeds the V supply: halving period × horizon");
  const [horizon, halving, day] = grid.header.map((h) => column(grid, h).map(Number));
  const cell = (h: number, z: number) => day[halving.findIndex((v, i) => v === h && horizon[i] === z)];
  const days = day.filter((d) => Number.isFinite(d));
  assertStringIncludes(
    grid.caption,
    `from ${num(Math.min(...days))} to ${num(Math.max(...days))} days over the grid`,
  );
  assertStringIncludes(
    grid.caption,
    `day ${num(cell(547, 547))}, ${num(cell(547, 547) / 365, 2)} years at the proposed`,
  );
  const inWindow = days.filter((d) => d / 365 >= 2 && d / 365 <= 3).length;
  assertStringIncludes(
    grid.caption,
    `${inWindow} of ${day.length} (${pct(inWindow / day.length, 2)}) cells cross`,
  );
  const closest = days.reduce((a, b) => (Math.abs(b - 912.5) < Math.abs(a - 912.5) ? b : a));
  const k = day.indexOf(closest);
  assertStringIncludes(
    grid.caption,
    `halving ${halving[k]} and horizon ${horizon[k]} days (day ${num(closest)}`,
  );
  assertStringIncludes(grid.caption, `(day ${num(cell(365, 547))} to ${num(cell(730, 547))})`);
  assertStringIncludes(grid.caption, `(day ${num(cell(547, 365))} to ${num(cell(547, 730))})`);

  const supply = captioned(html, "10-year BOOT supply increase: halving period × horizon");
  const increase = column(supply, supply.header[2]).map(Number);
  if (new Set(increase).size === 1) {
    assertStringIncludes(
      supply.caption,
      `${num(increase[0], 4)} % in every one of the ${increase.length} cells`,
    );
  }

  const floors = captioned(html, "Day demand first exceeds the V supply against the minimum mint rate");
  const [measure, floor, first] = [
    column(floors, floors.header[0]),
    ...floors.header.slice(1).map((h) => column(floors, h).map(Number)),
  ];
  const median = floor.flatMap((f, i) => (measure[i] === "median seed" ? [{ f, d: first[i] }] : []));
  const plain = median[0].d;
  const same = median.filter((m) => m.d === plain).map((m) => num(m.f));
  assertStringIncludes(
    floors.caption,
    `${same.slice(0, -1).join(", ")} and ${same.at(-1)} all give day ${num(plain)}`,
  );
  const rates = seriesOf(captioned(html, "A and V halving cycles"), "A and V mint rate");
  const lowest = Math.min(...rates.map((p) => p.y));
  assertStringIncludes(floors.caption, `down to ${num(lowest)}`);
  // The rate on the crossing day: the last change of the step schedule on or before it.
  const onDay = rates.filter((p) => p.x <= plain).at(-1)!.y;
  assertStringIncludes(floors.caption, `the V mint rate is still ${num(onDay)}`);
  const none = median.at(-1)!;
  assertStringIncludes(
    floors.caption,
    `at ${num(none.f)} (no halving at all) it comes on day ${num(none.d)}`,
  );

  const table = captioned(html, "The minimum mint rate sweep");
  const ratio = column(table, "demand_over_supply_end").map(Number);
  const rate = column(table, "mint_rate_min").map(Number);
  assertStringIncludes(
    floors.caption,
    `demand on day ${LAST} is ${num(ratio[0])} times the V supply at ${num(rate[0])} and ` +
      `${num(ratio.at(-1)!)} times at ${num(rate.at(-1)!)}`,
  );
  assertEquals(column(table, "crossing_day_median").map(Number), median.map((m) => m.d));

  const flat = captioned(html, "10-year BOOT supply increase against the minimum mint rate");
  const perFloor = column(flat, flat.header[1]).map(Number);
  if (new Set(perFloor).size === 1) {
    assertStringIncludes(flat.caption, `${num(perFloor[0], 4)} % for every floor`);
  }
}

/** The sensitivity chart names, for each verdict the sample flips, the parameters with |PRCC| ≥ 0.4. */
export function checkFlips(chart: Captioned, outcomes: Readonly<Record<string, string>>) {
  const [parameter, outcome, r] = [
    column(chart, "parameter"),
    column(chart, "outcome"),
    column(chart, chart.header[2]).map(Number),
  ];
  for (const [title, label] of Object.entries(outcomes)) {
    const at = chart.caption.indexOf(`${title}, `);
    assert(at >= 0, `'${title}' not in the sensitivity caption`);
    const said = chart.caption.slice(at + title.length + 2).match(/^[\d.]+% \(flipped by ([^)]+)\)/);
    if (!said) continue;
    const strong = parameter.flatMap((
      p,
      i,
    ) => (outcome[i] === label && Math.abs(r[i]) >= 0.4 ? [[p, Math.abs(r[i])] as const] : []))
      .sort((a, b) => b[1] - a[1]).map(([p]) => p.replaceAll(" ", "_"));
    assertEquals(said[1].split(", "), strong, title);
  }
}

/** Every numeric caption of the Bostrom report against its data. */
export function bostromCaptions(html: string): void {
  supplyAndInflation(html);
  hydrogenGiftNeurons(html);
  ethereum(html);
  ethereumFits(html);
  capitalizationAndRevenue(html);
  crossings(html);
  tokensAndLoad(html);
  sweeps(html);
  checkFlips(captioned(html, "What moves each conclusion's number"), {
    "BOOT supply grows 90% in 10 years": "BOOT supply +90% (conclusion 1)",
    "Demand passes the V supply in about 2.5 years": "crossing in 2–3 years (conclusion 3)",
  });
  checkRobustness(html);
}
