/**
 * Captions say what their data show: report_test.ts renders the project's reports as a user renders them
 * (real kernel, once for all its checks), and for each caption checked here the numbers it states are
 * recomputed from the CSV attached to the same chart or table — the data a reader downloads (charts name its columns
 * by their axes, tables by their data's names) — at the precision the caption prints them.
 */
import { assertEquals, assertStringIncludes } from "@std/assert";
import { captioned, checkRobustness, column, num } from "./captioned.ts";
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
  checkRobustness(html);
}

/** The caption checks of each report that has them, by the report's file stem. */
export const CAPTION_CHECKS: Readonly<Record<string, (html: string) => void>> = {
  "gonka-rewards": gonkaRewardsCaptions,
  "honey-supply": honeySupplyCaptions,
  "bitrewards": bitrewardsCaptions,
  "bostrom": bostromCaptions,
  "grassroot-datadao": datadaoCaptions,
};
