/**
 * The robustness chart of a report: for each tested claim, how far the threshold could move before its
 * verdict flips, in units of the evidence's 5–95 % spread (lib/analysis/robustness.ts), coloured by the
 * claim's robustness label. Deterministic values ("exact") have no spread and no bar; the caption counts
 * them. The caption's numbers are computed from the rows it draws.
 */
import { formatNumber } from "../analysis/format.ts";
import { MIN_MARGIN, STABLE_SHARE } from "../analysis/robustness.ts";
import { barChart } from "./charts.ts";
import type { Chart } from "./dom.ts";

/** Margins above this are drawn at it (the CSV keeps the true value): beyond it every claim is far from flipping. */
export const MARGIN_CAP = 3;

/** What the chart reads of a claim: its title and robustness (a tested claim of lib/notebook/claims.ts fits). */
export interface RobustnessRow {
  readonly title: string;
  readonly robustness?: {
    readonly kind: string;
    readonly margin?: number;
    readonly stability?: number;
    /** Share of a parameter sample giving the same verdict. */
    readonly agreement?: number;
  };
}

export interface RobustnessFacts {
  readonly drawn: number;
  readonly exact: number;
  readonly robust: number;
  readonly unstable: number;
  readonly smallest?: { readonly title: string; readonly margin: number };
}

/** The numbers the caption states, from the rows. */
export function robustnessFacts(rows: readonly RobustnessRow[]): RobustnessFacts {
  const tested = rows.filter((r) => r.robustness);
  const drawn = tested.filter((r) => r.robustness!.margin !== undefined);
  const smallest = drawn.reduce<RobustnessRow | undefined>(
    (min, r) => !min || r.robustness!.margin! < min.robustness!.margin! ? r : min,
    undefined,
  );
  return {
    drawn: drawn.length,
    exact: tested.filter((r) => r.robustness!.kind === "exact").length,
    robust: tested.filter((r) => r.robustness!.kind === "robust").length,
    unstable: tested.filter((r) => (r.robustness!.stability ?? 1) < STABLE_SHARE).length,
    smallest: smallest ? { title: smallest.title, margin: smallest.robustness!.margin! } : undefined,
  };
}

export function robustnessChart(
  rows: readonly RobustnessRow[],
  title = "How far each verdict is from flipping",
): Chart {
  const f = robustnessFacts(rows);
  const data = rows.filter((r) => r.robustness?.margin !== undefined).map((r) => ({
    claim: r.title,
    margin: Math.min(MARGIN_CAP, r.robustness!.margin!),
    // The legend is read by people, so the one kind named for the code gets words.
    robustness: r.robustness!.kind === "unresampled" ? "stability not measured" : r.robustness!.kind,
  }));
  const caption = [
    `Margin of each of ${f.drawn} verdicts with a spread, in 5–95 % widths of its evidence (drawn at most ${MARGIN_CAP}); ` +
    `below ${MIN_MARGIN} a verdict is fragile.`,
    `${f.robust} ${f.robust === 1 ? "is" : "are"} robust` +
    (f.smallest
      ? `; the smallest margin is ${formatNumber(f.smallest.margin, { digits: 2 })} (${f.smallest.title})`
      : "") +
    `; ${f.unstable} ${f.unstable === 1 ? "has" : "have"} a stability under ${100 * STABLE_SHARE} %.`,
    f.exact > 0
      ? `${f.exact} deterministic ${f.exact === 1 ? "value has" : "values have"} no spread and no bar.`
      : "",
  ].filter(Boolean).join(" ");
  return barChart({
    title,
    caption,
    x: "margin (spreads)",
    y: "claim",
    data,
    categoryKey: "claim",
    valueKey: "margin",
    seriesKey: "robustness",
    seriesLabel: "robustness",
    seriesOrder: ["robust", "fragile", "depends", "stability not measured"],
  });
}

/**
 * The robustness chart of a report whose verdicts read deterministic values (no margin to chart): for each
 * verdict sampled over the model's uncertain parameters, the share of the sample that gives the same
 * verdict, coloured like the margin chart. The caption's numbers are computed from the rows it draws.
 */
export function agreementChart(
  rows: readonly RobustnessRow[],
  title = "How much of the parameter sample agrees with each verdict",
): Chart {
  const sampled = rows.filter((r) => r.robustness?.agreement !== undefined);
  if (sampled.length === 0) throw new Error("agreementChart: no verdict was sampled over the parameters");
  const data = sampled.map((r) => ({
    claim: r.title,
    agreement: 100 * r.robustness!.agreement!,
    robustness: r.robustness!.kind === "unresampled" ? "stability not measured" : r.robustness!.kind,
  }));
  const below = data.filter((d) => d.agreement < 100 * STABLE_SHARE);
  const lowest = data.reduce((a, b) => (b.agreement < a.agreement ? b : a));
  const caption =
    `Share of the parameter sample in which each of ${data.length} sampled verdicts is the same as ` +
    `at the defaults; under ${100 * STABLE_SHARE} % a verdict depends on the parameters. ` +
    `${below.length} ${below.length === 1 ? "is" : "are"} under it; the lowest is ` +
    `${formatNumber(lowest.agreement, { digits: 2 })} % (${lowest.claim}).`;
  return barChart({
    title,
    caption,
    x: "share of the sample agreeing (%)",
    y: "claim",
    data,
    categoryKey: "claim",
    valueKey: "agreement",
    seriesKey: "robustness",
    seriesLabel: "robustness",
    seriesOrder: ["robust", "exact", "fragile", "depends", "stability not measured"],
  });
}
