/**
 * Tables a reader can trust: a caption, human column headers with units, numbers rounded to sensible
 * significant digits with thousands separators, "—" for missing values, and the full data attached as a
 * CSV download. Works on a Polars DataFrame or on plain records.
 *
 * ```ts
 * table(df, {
 *   caption: "Final supply per reserve ratio",
 *   columns: { target_reserve_ratio: { label: "Target reserve ratio", unit: "fraction" } },
 *   maxRows: 20,
 * });
 * ```
 */
import type pl from "nodejs-polars";
import { csvAttachment } from "../analysis/csv.ts";
import {
  formatInteger,
  formatNumber,
  formatPercent,
  formatText,
  isMissing,
  MISSING,
} from "../analysis/format.ts";
import { escapeHtml, Html } from "./display.ts";

export interface ColumnSpec {
  /** Header text; default: the column name in words ("target_reserve_ratio" → "Target reserve ratio"). */
  label?: string;
  /** Appended to the header in brackets: "Target reserve ratio (fraction)". */
  unit?: string;
  /** Significant digits for "number" and "percent"; default 3. */
  digits?: number;
  /**
   * How values are shown; default inferred from the data: "integer" when every value is a whole number or
   * a BigInt, "number" for other numbers, "text" otherwise. "percent" shows a fraction as a percentage
   * (0.123 → "12.3%").
   */
  format?: "number" | "percent" | "integer" | "text";
}

export interface TableOptions {
  /** What the table shows; also names the CSV file. */
  caption: string;
  columns?: Record<string, ColumnSpec>;
  /** Show only the first rows (the CSV always holds all of them). */
  maxRows?: number;
  /** Mark the table for the report's appendix (class "appendix"). */
  appendix?: boolean;
}

type Row = Record<string, unknown>;
type Format = NonNullable<ColumnSpec["format"]>;

/** Whether a value is a Polars DataFrame (duck-typed, so this module needs no native binding). */
function isFrame(frame: unknown): frame is pl.DataFrame {
  return typeof frame === "object" && frame !== null && !Array.isArray(frame) &&
    typeof (frame as { toRecords?: unknown }).toRecords === "function";
}

/** Rows and column names (frame order, or first use across the records). */
export function rowsOf(frame: pl.DataFrame | readonly Row[]): { rows: Row[]; names: string[] } {
  if (isFrame(frame)) return { rows: frame.toRecords() as Row[], names: [...frame.columns] };
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of frame) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) (seen.add(key), names.push(key));
    }
  }
  return { rows: [...frame], names };
}

/** A column name as words: "target_reserve_ratio" or "targetReserveRatio" → "Target reserve ratio". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim()
    .replace(/\s+/g, " ");
  if (words === "") return name;
  const lower = words.split(" ").map((w) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : w.toLowerCase()))
    .join(" ");
  return lower[0].toUpperCase() + lower.slice(1);
}

/** The header for a column: label (or the name in words) and the unit in brackets. */
export function header(name: string, spec: ColumnSpec = {}): string {
  const label = spec.label ?? humanize(name);
  return spec.unit ? `${label} (${spec.unit})` : label;
}

/** The format a column's values suggest when none is given. */
export function inferFormat(values: readonly unknown[]): Format {
  let numeric = false;
  let whole = true;
  for (const v of values) {
    if (isMissing(v)) continue;
    if (typeof v === "bigint") numeric = true;
    else if (typeof v === "number") {
      numeric = true;
      if (Number.isFinite(v) && !Number.isInteger(v)) whole = false;
    } else return "text";
  }
  return !numeric ? "text" : whole ? "integer" : "number";
}

/** Largest finite magnitude among a column's numbers (0 when there are none). */
function scaleOf(values: readonly unknown[]): number {
  let max = 0;
  for (const v of values) {
    const a = typeof v === "number" ? Math.abs(v) : typeof v === "bigint" ? Math.abs(Number(v)) : NaN;
    if (Number.isFinite(a) && a > max) max = a;
  }
  return max;
}

/** A formatter for one column: the display text of each of its values. */
export function columnFormatter(values: readonly unknown[], spec: ColumnSpec = {}): {
  format: Format;
  text: (v: unknown) => string;
} {
  const format = spec.format ?? inferFormat(values);
  const scale = scaleOf(values);
  const digits = spec.digits;
  const text = (v: unknown): string => {
    if (isMissing(v)) return MISSING;
    if (format === "text" || (typeof v !== "number" && typeof v !== "bigint")) return formatText(v);
    if (format === "integer") return formatInteger(v);
    if (format === "percent") return formatPercent(Number(v), { digits, scale });
    return formatNumber(v, { digits, scale });
  };
  return { format, text };
}

const NUMERIC_STYLE = "text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap";

/** A table with a caption, human headers, formatted numbers and the full data as a CSV download. */
export function table(frame: pl.DataFrame | readonly Row[], options: TableOptions): Html {
  const { rows, names } = rowsOf(frame);
  const specs = options.columns ?? {};
  const columns = names.map((name) => {
    const values = rows.map((r) => r[name]);
    const spec = specs[name] ?? {};
    const { format, text } = columnFormatter(values, spec);
    return { name, head: header(name, spec), numeric: format !== "text", text };
  });

  const shown = options.maxRows !== undefined && options.maxRows >= 0 && options.maxRows < rows.length
    ? rows.slice(0, Math.floor(options.maxRows))
    : rows;
  const hidden = rows.length - shown.length;
  const attachment = csvAttachment(rows, names, options.caption, "table");

  const cell = (tag: "td" | "th", numeric: boolean, text: string) =>
    `<${tag}${numeric ? ` style="${NUMERIC_STYLE}"` : ""}>${escapeHtml(text)}</${tag}>`;
  const head = `<thead><tr>${columns.map((c) => cell("th", c.numeric, c.head)).join("")}</tr></thead>`;
  const body = `<tbody>${
    shown.map((r) => `<tr>${columns.map((c) => cell("td", c.numeric, c.text(r[c.name]))).join("")}</tr>`)
      .join("")
  }</tbody>`;
  const more = hidden > 0
    ? `<tfoot><tr class="more-rows"><td colspan="${Math.max(1, columns.length)}">… ${
      hidden.toLocaleString("en-US")
    } more row${hidden === 1 ? "" : "s"} (${
      attachment.link ? "full data in the CSV" : "not shown"
    })</td></tr></tfoot>`
    : "";
  const caption = `<caption>${escapeHtml(options.caption)}${
    attachment.note ? ` <span class="csv-note">${escapeHtml(attachment.note)}</span>` : ""
  }</caption>`;
  const classes = ["data-table", ...(options.appendix ? ["appendix"] : [])].join(" ");
  const download = attachment.link ? `<p class="csv">${attachment.link}</p>` : "";
  return new Html(
    `<div class="${classes}"${options.appendix ? ` data-appendix="true"` : ""}>` +
      `<table>${caption}${head}${body}${more}</table>${download}</div>`,
  );
}
