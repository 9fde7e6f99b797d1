/**
 * Numbers as a reader sees them in tables, captions, claims and chart labels: thousands separators,
 * significant digits, powers of ten only at the extremes (1.2 × 10⁹), "—" for a missing value. One
 * place, so that a number reads the same wherever a report shows it.
 */

/** Shown for null, undefined and NaN. */
export const MISSING = "—";

const DEFAULT_DIGITS = 3;

/** Whether a value counts as missing: null, undefined or NaN. */
export const isMissing = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

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

/** A value that is not a number as text: a date as ISO 8601 (the day alone at midnight), an object as JSON. */
export function formatText(v: unknown): string {
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
