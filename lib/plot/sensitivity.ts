/**
 * The sensitivity chart: each parameter's partial rank correlation with each outcome (see
 * lib/analysis/prcc.ts), as horizontal bars from −1 to 1, one group per parameter.
 */
import type { SensitivityRow } from "../analysis/prcc.ts";
import { barChart } from "./charts.ts";
import type { Chart } from "./dom.ts";

export interface SensitivityOptions {
  readonly title: string;
  readonly caption: string;
  /** How parameters and outcomes are shown (default: their names). */
  readonly labels?: Readonly<Record<string, string>>;
}

export function sensitivityChart(rows: readonly SensitivityRow[], o: SensitivityOptions): Chart {
  const label = (name: string) => o.labels?.[name] ?? name.replaceAll("_", " ");
  return barChart({
    title: o.title,
    caption: o.caption,
    x: "partial rank correlation (−1 to 1)",
    y: "parameter",
    data: rows.map((r) => ({ parameter: label(r.parameter), outcome: label(r.outcome), prcc: r.prcc })),
    categoryKey: "parameter",
    valueKey: "prcc",
    seriesKey: "outcome",
    seriesLabel: "outcome",
  });
}
