/**
 * Small phrases for captions computed from the data, so a caption states the numbers the chart or table
 * shows instead of numbers typed by hand:
 *
 * ```ts
 * `Final price ${describeRange(prices, "USD/HNY")}; at 0.91 productivity it is ${compare(hi, lo)} ` +
 *   `than at 0.87, and ${share(saturated, runs)} runs saturate.`
 * ```
 */
import { formatNumber, formatPercent } from "../analysis/format.ts";

export interface NumberFormat {
  /** Significant digits; default 3. */
  readonly digits?: number;
  /** Values are fractions, shown as percentages. */
  readonly percent?: boolean;
}

const finiteOf = (values: Iterable<number | bigint | null | undefined>): number[] =>
  [...values].map((v) => (typeof v === "bigint" ? Number(v) : v)).filter((v): v is number =>
    typeof v === "number" && Number.isFinite(v)
  );

/** A number as captions show it: separators, `digits` significant digits, optionally a percentage and unit. */
export function num(v: number | bigint, unit?: string, o: NumberFormat = {}): string {
  const text = o.percent && typeof v === "number"
    ? formatPercent(v, { digits: o.digits })
    : formatNumber(v, { digits: o.digits });
  return unit ? `${text} ${unit}` : text;
}

/**
 * The span of the values: "from 0.12 to 3.4 USD/HNY", "0.5 USD/HNY" when they are all equal, "no values"
 * when none is finite.
 */
export function describeRange(
  values: Iterable<number | bigint | null | undefined>,
  unit?: string,
  o: NumberFormat = {},
): string {
  const v = finiteOf(values);
  if (v.length === 0) return "no values";
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  const scale = Math.max(Math.abs(lo), Math.abs(hi));
  const show = (x: number) =>
    o.percent ? formatPercent(x, { digits: o.digits, scale }) : formatNumber(x, { digits: o.digits, scale });
  const suffix = unit ? ` ${unit}` : "";
  return show(lo) === show(hi) ? `${show(lo)}${suffix}` : `from ${show(lo)} to ${show(hi)}${suffix}`;
}

/**
 * "higher", "lower" or "about the same": a against b, equal within a relative tolerance (default 5% of
 * the larger magnitude).
 */
export function compare(a: number, b: number, tolerance = 0.05): "higher" | "lower" | "about the same" {
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new Error(`compare needs finite numbers, got ${a} and ${b}`);
  }
  if (Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b))) return "about the same";
  return a > b ? "higher" : "lower";
}

/** How a changes from b as a phrase: "42% higher", "3.1 times as high", "about the same". */
export function change(a: number, b: number, tolerance = 0.05): string {
  const direction = compare(a, b, tolerance);
  if (direction === "about the same" || b === 0) return direction;
  const ratio = a / b;
  if (ratio >= 2) return `${formatNumber(ratio, { digits: 2 })} times as high`;
  return `${formatPercent(Math.abs(ratio - 1), { digits: 2 })} ${direction}`;
}

/** A count out of a total with its share: "12 of 40 (30%)". */
export function share(n: number, total: number, digits = 2): string {
  const counts = `${formatNumber(n, { digits: 15 })} of ${formatNumber(total, { digits: 15 })}`;
  return total > 0 ? `${counts} (${formatPercent(n / total, { digits })})` : counts;
}

/** Values as an English list: "0.1, 0.2 and 0.3 USD"; strings are kept as they are. */
export function listValues(
  values: Iterable<number | bigint | string>,
  unit?: string,
  o: NumberFormat & { conjunction?: "and" | "or" } = {},
): string {
  const items = [...values].map((v) =>
    typeof v === "string"
      ? v
      : o.percent && typeof v === "number"
      ? formatPercent(v, { digits: o.digits })
      : formatNumber(v, { digits: o.digits })
  );
  const suffix = unit && items.length > 0 ? ` ${unit}` : "";
  if (items.length <= 1) return (items[0] ?? "none") + suffix;
  return `${items.slice(0, -1).join(", ")} ${o.conjunction ?? "and"} ${items.at(-1)}${suffix}`;
}
