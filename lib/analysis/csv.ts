/**
 * The data behind a table or a chart as CSV: RFC 4180 text with numbers at full precision, and a download
 * link inside the self-contained report page, within a size budget.
 */
import { formatText, isMissing } from "./format.ts";

type Row = Record<string, unknown>;

/**
 * Page-size budget for attached data: a `data:` URL is base64 (4/3 the size) and lives inside the
 * self-contained report, so CSV above 200 kB (≈ 267 kB of page) is not attached; the caption says so.
 */
export const CSV_BUDGET_BYTES = 200_000;

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
 * The data as a `data:text/csv;base64,…` link, the file named after the title (`slug(title, fallback)`
 * with ".csv", so the name needs no escaping), within the page budget (CSV_BUDGET_BYTES of CSV); above
 * it no link, and a note saying so.
 */
export function csvAttachment(
  rows: readonly Row[],
  names: readonly string[],
  title: string,
  fallback = "data",
): CsvAttachment {
  const budget = CSV_BUDGET_BYTES;
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
  const link = `<a class="csv-download" download="${slug(title, fallback)}.csv" ` +
    `href="data:text/csv;base64,${base64(csv)}">Download the data (CSV, ${rowsText}, ${kb(bytes)})</a>`;
  return { link, note: "", bytes };
}
