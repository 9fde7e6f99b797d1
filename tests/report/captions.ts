/**
 * Captions say what their data show: report_test.ts renders the project's reports as a user renders them
 * (real kernel, once for all its checks), and for each caption checked here the numbers it states are
 * recomputed from the CSV attached to the same chart or table — the data a reader downloads (charts name its columns
 * by their axes, tables by their data's names) — at the precision the caption prints them.
 */
import { assertEquals, assertStringIncludes } from "@std/assert";
import { formatNumber, formatPercent } from "@lib/analysis/format.ts";
import { median } from "@lib/analysis/quantiles.ts";
import { describeRange, listValues, share } from "@lib/notebook/caption.ts";
import { type Captioned, captioned, checkRobustness, column, num } from "./captioned.ts";
import { bitrewardsPlannedCaptions } from "./captions_bitrewards.ts";
import { gonkaRewardsCaptions } from "./captions_gonka.ts";
import { honeySupplyCaptions } from "./captions_honey.ts";
import { bostromCaptions } from "../models/bostrom/report_captions.ts";
import { datadaoCaptions } from "../models/datadao/report_captions.ts";

/** Bitrewards: the published comparison, churn, target regions and reward-walk captions state their data. */
function bitrewardsCaptions(html: string): void {
  const published = captioned(html, "Every published quantity the reproduction records");
  const quantities = column(published, "quantities").map(Number);
  const total = quantities.reduce((a, b) => a + b, 0);
  assertStringIncludes(published.caption, `(${quantities[0]} per configuration, ${total} tests)`);
  const differ = column(published, "differ").map(Number);
  if (differ.every((x) => x === 0)) {
    assertStringIncludes(published.caption, "No quantity differs at the family-wise 5% level (Holm)");
  } else assertStringIncludes(published.caption, `${differ.reduce((a, b) => a + b, 0)} differ`);
  const p = column(published, "p").map(Number);
  assertStringIncludes(published.caption, `the lowest p-value is ${num(Math.min(...p))}`);

  const left = captioned(html, "Creators who have left, week by week");
  const weeks = column(left, "week").map(Number);
  const last = Math.max(...weeks);
  const departed = column(left, "creators who have left (mean of runs)").map(Number);
  const scenarios = column(left, "scenario");
  for (const s of new Set(scenarios)) {
    const i = weeks.findIndex((w, k) => w === last && scenarios[k] === s);
    assertStringIncludes(left.caption, `${num(departed[i])} (${s})`);
  }

  const regions = captioned(html, "Where the");
  const reached = column(regions, "reached").map(Number);
  const where = column(regions, "where");
  assertEquals(reached.map((n) => n === 0 ? "none" : ""), where.map((w) => w === "none" ? "none" : ""));
  if (reached[0] === 0) assertStringIncludes(regions.caption, "None reaches a 5% ROI");
  if (reached.at(-1) === 0) assertStringIncludes(regions.caption, "Nowhere do creators take about half");

  const limits = captioned(html, "The reward walk's limits");
  const limit = column(limits, "limit");
  const depth = column(limits, "mean_tracing_depth").map(Number);
  const values = column(limits, "value");
  for (const name of ["max_graph_depth", "max_ancestors_per_event"]) {
    const rows = limit.flatMap((l, i) => (l === name ? [i] : []));
    const [first, end] = [rows[0], rows.at(-1)!];
    assertStringIncludes(limits.caption, `from ${values[first]} to ${values[end]}`);
    assertStringIncludes(limits.caption, `${num(depth[first])} to ${num(depth[end])}`);
  }
  bitrewardsScenarioCaptions(html);
  bitrewardsSweepCaptions(html);
  bitrewardsPlannedCaptions(html);
  checkRobustness(html);
}

const pct = (x: number) => formatPercent(x, {});
const pctRange = (xs: number[]) => describeRange(xs, undefined, { percent: true });
/** The values of a column in the rows where another column has a value. */
const where = (c: Captioned, name: string, key: string, value: string) =>
  column(c, name).filter((_, i) => column(c, key)[i] === value);
const groups = (c: Captioned, key: string) => [...new Set(column(c, key))];

/** Bitrewards: the scenarios' charts — what fundings returned, who is paid, investors' ROI, the drivers. */
function bitrewardsScenarioCaptions(html: string): void {
  const returned = captioned(html, "What a funding returned against what it cost");
  const cost = Number(returned.caption.match(/a multiple of the funding cost \(([\d.]+) fee units/)![1]);
  const multiple = "royalties per funding ÷ funding cost (1 = break-even)";
  const medians = groups(returned, "scenario").map((s) => ({
    s,
    m: median(where(returned, multiple, "scenario", s).map(Number)) * cost,
  }));
  assertStringIncludes(
    returned.caption,
    `Scenario medians: ${listValues(medians.map(({ s, m }) => `${num(m)} (${s})`))}`,
  );

  const active = captioned(html, "Active creators over time");
  const last = Math.max(...column(active, "week").map(Number));
  const atEnd = active.rows.filter((r) => Number(r[1]) === last).map((r) => Number(r[2]) / 100);
  assertEquals(atEnd.length, groups(active, "scenario").length);
  assertStringIncludes(active.caption, `the scenarios' medians there are ${pctRange(atEnd)}`);

  const gini = captioned(html, "Inequality of creator wealth over time");
  const giniEnd = gini.rows.filter((r) => Number(r[1]) === last).map((r) => Number(r[2]));
  assertStringIncludes(
    gini.caption,
    `At the last week the scenarios' medians range ${describeRange(giniEnd)}`,
  );

  const paid = captioned(html, "Who receives the royalties");
  const shareOf = (scenario: string, earners: string[]) =>
    paid.rows.filter((r) => r[1] === scenario && earners.includes(r[0])).reduce(
      (a, r) => a + Number(r[2]),
      0,
    ) /
    100;
  const core = groups(paid, "scenario").map((s) => shareOf(s, ["developer", "scientist"]));
  assertStringIncludes(paid.caption, `Core roles (developers and scientists) take ${pctRange(core)}`);
  assertStringIncludes(
    paid.caption,
    `Investors take ${pct(shareOf("control", ["investor"]))} in the control`,
  );
  assertStringIncludes(
    paid.caption,
    `${pct(shareOf("high funding share", ["investor"]))} with a high funding`,
  );
  assertStringIncludes(
    paid.caption,
    `${pct(shareOf("high investor share", ["investor"]))} with a high investor`,
  );

  const roi = captioned(html, "Investor ROI at the end of the run");
  const values = column(roi, "ROI on the initial budget (%)").map((x) => Number(x) / 100);
  assertStringIncludes(roi.caption, `ROI ranges ${pctRange(values)}`);
  assertStringIncludes(
    roi.caption,
    `${share(values.filter((x) => x > 0).length, values.length)} investors end`,
  );
  const above = groups(roi, "scenario").map((s) => {
    const xs = where(roi, "ROI on the initial budget (%)", "scenario", s).map(Number);
    return `${pct(xs.filter((x) => x > 0).length / xs.length)} (${s})`;
  });
  assertStringIncludes(roi.caption, `Investors ending above zero: ${listValues(above)}.`);

  const drives = captioned(html, "What drives creator retention and investor ROI");
  const strongest = (outcome: string) => {
    const rows = drives.rows.filter((r) => r[1].startsWith(outcome));
    const best = rows.reduce((a, b) => (Math.abs(Number(b[2])) > Math.abs(Number(a[2])) ? b : a));
    const r = Number(best[2]);
    return `the ${best[0].split(" (")[0]} (${r < 0 ? "−" : "+"}${Math.abs(r).toFixed(2)})`;
  };
  assertStringIncludes(
    drives.caption,
    `The longest bars are ${strongest("creator retention")} for retention and ${
      strongest("investors' median ROI")
    } for ROI`,
  );

  const graph = captioned(html, "Contributions and their recorded links");
  const types = column(graph, "contribution type");
  const projects = new Set(column(graph, "project (number, from 0)").map((y) => Math.floor(Number(y))));
  assertStringIncludes(graph.caption, `${graph.rows.length} contributions in ${projects.size} projects`);
  assertStringIncludes(graph.caption, `${types.filter((t) => t === "funding").length} are fundings`);

  const published = captioned(html, "Every published quantity the reproduction records");
  const sum = (name: string) => column(published, name).map(Number).reduce((a, b) => a + b, 0);
  const p = column(published, "p").map(Number);
  const lowest = p.indexOf(Math.min(...p));
  assertStringIncludes(
    published.caption,
    `${num(Number(column(published, "pHolm")[lowest]))} after the correction`,
  );
  assertStringIncludes(
    published.caption,
    `Of the ${sum("quantities") - sum("identical")} quantities not equal in every run on both sides, ` +
      `${sum("outside")} have`,
  );
}

/** Bitrewards: the sweeps' charts — tracing, the gas fee × funding split map, Gini, the derivative split. */
function bitrewardsSweepCaptions(html: string): void {
  const tracing = captioned(html, "Fees reaching ancestors against tracing accuracy");
  const series = (name: string) =>
    where(tracing, "share of fees (%)", "fees", name).map((x) => Number(x) / 100).map((x) =>
      Math.abs(x) < 1e-9 ? 0 : x
    );
  const [all, creators] = [series("paid to all ancestors"), series("paid to upstream creators")];
  assertStringIncludes(tracing.caption, `rises from ${pct(all[0])} at tracing 0`);
  assertStringIncludes(tracing.caption, `to ${pct(all.at(-1)!)} at tracing 1`);
  assertStringIncludes(tracing.caption, `from ${pct(creators[0])} to ${pct(creators.at(-1)!)}`);
  const steps = creators.slice(1).map((v, i) => Math.abs(v - creators[i]));
  const accuracies = [...new Set(column(tracing, "tracing accuracy (probability a true link is recorded)"))];
  const k = steps.indexOf(Math.max(...steps));
  assertStringIncludes(
    tracing.caption,
    `its largest step, from ${accuracies[k]} to ${accuracies[k + 1]}, carries ` +
      `${pct(steps[k] / steps.reduce((a, b) => a + b, 0))} of that rise`,
  );

  // The map's cells: gas fee × funding split, one value each.
  const cells = (title: string) => {
    const map = captioned(html, title);
    const cell = map.rows.map((r) => ({ gas: Number(r[0]), split: Number(r[1]), value: Number(r[2]) }));
    let jump = 0;
    for (const a of cell) {
      for (const b of cell) {
        const gasStep = [...new Set(cell.map((c) => c.gas))].sort((x, y) => x - y);
        const splitStep = [...new Set(cell.map((c) => c.split))].sort((x, y) => x - y);
        const next = (xs: number[], x: number) => xs[xs.indexOf(x) + 1];
        const neighbours = (b.gas === next(gasStep, a.gas) && b.split === a.split) ||
          (b.split === next(splitStep, a.split) && b.gas === a.gas);
        if (neighbours) jump = Math.max(jump, Math.abs(a.value - b.value));
      }
    }
    return { caption: map.caption, cell, jump: formatNumber(jump, { digits: 2 }) };
  };
  const investors = cells("Investors' share of royalties");
  assertStringIncludes(
    investors.caption,
    `ranges ${pctRange(investors.cell.map((c) => c.value / 100))} over`,
  );
  const spans = (key: "gas" | "split", along: "gas" | "split") =>
    [...new Set(investors.cell.map((c) => c[key]))].map((level) => {
      const xs = investors.cell.filter((c) => c[key] === level).map((c) => c.value);
      return Math.max(...xs) - Math.min(...xs);
    }).filter(() => along !== key);
  const alongFunding = spans("gas", "split");
  assertStringIncludes(
    investors.caption,
    `moves by ${formatNumber(Math.min(...alongFunding), { digits: 2 })}–` +
      `${formatNumber(Math.max(...alongFunding), { digits: 2 })} points across funding splits`,
  );
  assertStringIncludes(
    investors.caption,
    `moves by at most ${formatNumber(Math.max(...spans("split", "gas")), { digits: 2 })} points across gas`,
  );
  for (const title of ["Creators still active at the end", "Investors still active at the end"]) {
    const map = cells(title);
    assertStringIncludes(map.caption, `neighbouring cells is ${map.jump} points`);
  }
  const active = cells("Creators still active at the end");
  const splits = new Set(active.cell.map((c) => c.split)).size;
  const below = [...new Set(active.cell.map((c) => c.gas))].map((gas) => ({
    gas,
    values: active.cell.filter((c) => c.gas === gas && c.value < 100).map((c) => c.value / 100),
  })).filter((x) => x.values.length > 0);
  assertStringIncludes(
    active.caption,
    below.length === 0 ? "every cell keeps all its creators" : `cells below 100% are at gas fee ${
      listValues(
        below.map((x) => `${x.gas} (${x.values.length} of ${splits} funding splits, ${pctRange(x.values)})`),
      )
    }`,
  );
  const gone = cells("Investors still active at the end").cell.filter((c) => c.value < 100);
  assertStringIncludes(
    cells("Investors still active at the end").caption,
    gone.length === 0
      ? "Every cell keeps its investors."
      : listValues(gone.map((c) => `gas ${c.gas} × split ${c.split} (${pct(c.value / 100)})`)),
  );
  if (gone.length > 0) {
    assertStringIncludes(
      cells("Investors still active at the end").caption,
      `${share(gone.length, 25)} cells`,
    );
  }
  const roi = cells("Investors' median ROI at the end");
  const rois = roi.cell.map((c) => c.value / 100);
  assertStringIncludes(
    roi.caption,
    `It ranges ${pctRange(rois)}; ${share(rois.filter((x) => x > 0).length, rois.length)}`,
  );
  assertStringIncludes(roi.caption, `neighbouring cells is ${roi.jump} points`);

  const gini = captioned(html, "Creators' wealth Gini at the last week against their share of royalties");
  const allRuns = gini.rows.at(-1)!;
  const at = (name: string) => Number(allRuns[gini.header.indexOf(name)]);
  assertEquals(allRuns[0], "all runs");
  assertStringIncludes(
    gini.caption,
    `Over all ${at("runs")} runs the Gini ranges ${num(at("giniLo"))}–${
      num(at("giniHi"))
    } and the creators' ` +
      `share ${pct(at("shareLo"))}–${pct(at("shareHi"))}, with a rank correlation of ` +
      `${formatNumber(at("spearman"), { digits: 2 })}`,
  );

  const fees = captioned(html, "Fees and upstream income against tracing accuracy");
  const rise = (flow: string) => {
    const xs = where(fees, "fee units over the run", "flow", flow).map(Number);
    return `${num(xs[0])} to ${num(xs.at(-1)!)}`;
  };
  assertStringIncludes(fees.caption, `All fees go from ${rise("all fees")}`);
  assertStringIncludes(fees.caption, `fees paid to ancestors from ${rise("paid to ancestors")}`);
  assertStringIncludes(fees.caption, `upstream creators from ${rise("paid to upstream creators")}`);

  const split = captioned(html, "The derivative split: how much flows upstream");
  const splitKey = "default derivative split (share passed to the parent)";
  const upstream = where(split, "share (%)", "outcome", "fees paid to ancestors").map((x) => Number(x) / 100);
  const points = where(split, splitKey, "outcome", "fees paid to ancestors");
  assertStringIncludes(
    split.caption,
    `Fees paid to ancestors go from ${pct(upstream[0])} at a split of ${points[0]} to ` +
      `${pct(upstream.at(-1)!)} at ${points.at(-1)}`,
  );
  const creatorShare = where(split, "share (%)", "outcome", "creators' share of royalties").map((x) =>
    Number(x) / 100
  );
  assertStringIncludes(split.caption, `creators' share of royalties ranges ${pctRange(creatorShare)}`);
}

/** The caption checks of each report that has them, by the report's file stem. */
export const CAPTION_CHECKS: Readonly<Record<string, (html: string) => void>> = {
  "gonka-rewards": gonkaRewardsCaptions,
  "honey-supply": honeySupplyCaptions,
  "bitrewards": bitrewardsCaptions,
  "bostrom": bostromCaptions,
  "grassroot-datadao": datadaoCaptions,
};
