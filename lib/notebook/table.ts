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

/**
 * Page-size budget for attached data: a `data:` URL is base64 (4/3 the size) and lives inside the
 * self-contained report, so CSV above 200 kB (≈ 267 kB of page) is not attached; the caption says so.
 */
export const CSV_BUDGET_BYTES = 200_000;

/** Shown for null, undefined and NaN. */
export const MISSING = "—";

const DEFAULT_DIGITS = 3;

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

const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

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

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** Digits of a BigInt (or an integer string) grouped by thousands: 1234567n → "1,234,567". */
export function groupDigits(n: bigint | string): string {
  const s = String(n);
  const sign = s.startsWith("-") ? "-" : "";
  const digits = sign ? s.slice(1) : s;
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Magnitudes shown with a power of ten instead of positional digits. */
const HUGE = 1e15;
const SMALL = 1e-4;

/** A number in scientific form for readers: 1.2e9 → "1.2 × 10⁹". */
export function scientific(v: number, digits = DEFAULT_DIGITS): string {
  const [mantissa, exponent] = v.toExponential(Math.max(0, digits - 1)).split("e");
  const m = mantissa.includes(".") ? mantissa.replace(/0+$/, "").replace(/\.$/, "") : mantissa;
  const e = String(Number(exponent)).split("").map((c) => SUPERSCRIPT[c] ?? c).join("");
  return `${m} × 10${e}`;
}

export interface NumberOptions {
  /** Significant digits; default 3. */
  digits?: number;
  /**
   * The column's scale (largest magnitude): values below a billionth of it are shown as 0, so float noise
   * such as 1.74e-17 beside values near 1 reads as 0. It also picks one notation for the column: powers
   * of ten only when the scale itself is huge (≥ 10¹⁵) or tiny (< 10⁻⁴).
   */
  scale?: number;
}

/** Values below scale × this are float noise. */
const NOISE = 1e-9;

/** A number with thousands separators and `digits` significant digits (integer part always in full). */
export function formatNumber(v: number | bigint, o: NumberOptions = {}): string {
  if (typeof v === "bigint") return groupDigits(v);
  if (Number.isNaN(v)) return MISSING;
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "-∞";
  const digits = o.digits ?? DEFAULT_DIGITS;
  const a = Math.abs(v);
  if (a === 0 || (o.scale !== undefined && o.scale > 0 && a < o.scale * NOISE)) return "0";
  // With a column scale the whole column shares one notation; alone, a value's own magnitude decides.
  const reference = o.scale !== undefined && o.scale > 0 ? o.scale : a;
  if (reference >= HUGE || reference < SMALL || a >= HUGE) return scientific(v, digits);
  const fraction = Math.min(20, Math.max(0, digits - 1 - Math.floor(Math.log10(a))));
  const s = v.toLocaleString("en-US", { maximumFractionDigits: fraction, minimumFractionDigits: 0 });
  return /^-0(\.0*)?$/.test(s) ? "0" : s;
}

/** A fraction as a percentage with `digits` significant digits: 0.1234 → "12.3%". */
export function formatPercent(v: number, o: NumberOptions = {}): string {
  if (Number.isNaN(v)) return MISSING;
  const scale = o.scale === undefined ? undefined : o.scale * 100;
  return `${formatNumber(v * 100, { digits: o.digits, scale })}%`;
}

/** An integer with separators (a non-integer number is rounded; a BigInt is exact). */
export function formatInteger(v: number | bigint): string {
  if (typeof v === "bigint") return groupDigits(v);
  if (Number.isNaN(v)) return MISSING;
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "-∞";
  if (Math.abs(v) >= 1e21) return scientific(v);
  const r = Math.round(v);
  return r === 0 ? "0" : r.toLocaleString("en-US", { maximumFractionDigits: 0 });
}

function formatText(v: unknown): string {
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
  }
  if (typeof v === "object") {
    try {
      return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));
    } catch {
      return String(v);
    }
  }
  return String(v);
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
  const digits = spec.digits ?? DEFAULT_DIGITS;
  const text = (v: unknown): string => {
    if (isMissing(v)) return MISSING;
    if (format === "text" || (typeof v !== "number" && typeof v !== "bigint")) return formatText(v);
    if (format === "integer") return formatInteger(v);
    if (format === "percent") return formatPercent(Number(v), { digits, scale });
    return formatNumber(v, { digits, scale });
  };
  return { format, text };
}

/** One CSV field (RFC 4180): full precision for numbers, empty for missing values. */
function csvField(v: unknown): string {
  if (isMissing(v)) return "";
  const s = typeof v === "string"
    ? v
    : typeof v === "number" || typeof v === "bigint"
    ? String(v)
    : formatText(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The rows as CSV text, with the column names as the header line. */
export function toCsv(rows: readonly Row[], names: readonly string[]): string {
  const lines = [names.map(csvField).join(",")];
  for (const row of rows) lines.push(names.map((n) => csvField(row[n])).join(","));
  return lines.join("\n") + "\n";
}

/** A file name from a caption: lower case words joined by hyphens, at most 60 characters. */
export function slug(text: string, fallback = "data"): string {
  const s = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  return s === "" ? fallback : s;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A CSV download link, or why there is none. */
export interface CsvAttachment {
  /** The `<a download>` element, or "" when the CSV is over budget. */
  readonly link: string;
  /** A sentence for the caption when the CSV was not attached, else "". */
  readonly note: string;
  readonly bytes: number;
}

/**
 * The data as a `data:text/csv;base64,…` link with `download="<name>.csv"`, within the page budget
 * (CSV_BUDGET_BYTES of CSV); above it no link, and a note saying so.
 */
export function csvAttachment(
  rows: readonly Row[],
  names: readonly string[],
  name: string,
  budget = CSV_BUDGET_BYTES,
): CsvAttachment {
  const csv = toCsv(rows, names);
  const bytes = new TextEncoder().encode(csv).length;
  const kb = (n: number) => `${Math.ceil(n / 1000).toLocaleString("en-US")} kB`;
  if (bytes > budget) {
    return {
      link: "",
      note: `The full data (${kb(bytes)} of CSV) is over this page's ${
        kb(budget)
      } budget and is not attached.`,
      bytes,
    };
  }
  const rowsText = `${rows.length.toLocaleString("en-US")} row${rows.length === 1 ? "" : "s"}`;
  const link = `<a class="csv-download" download="${escapeHtml(name)}.csv" ` +
    `href="data:text/csv;base64,${base64(csv)}">Download the data (CSV, ${rowsText}, ${kb(bytes)})</a>`;
  return { link, note: "", bytes };
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
  const attachment = csvAttachment(rows, names, slug(options.caption, "table"));

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
