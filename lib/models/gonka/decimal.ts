/**
 * Exact decimal arithmetic for the chain's reward formula. The chain multiplies in decimal (Go's
 * shopspring/decimal), so a float is taken at its shortest round-tripping decimal string — the digits
 * JavaScript's `String(x)` prints — and scaled exactly with BigInt.
 */

/** A decimal number `digits / 10^scale` (scale may be negative for large numbers). */
export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

/** The exact value of the shortest decimal string that round-trips `x` (finite x only). */
export function decimalOf(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`decimalOf: ${x} is not finite`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!match) throw new RangeError(`decimalOf: cannot read ${String(x)}`);
  const [, sign, whole, fraction = "", exponent = "0"] = match;
  const digits = BigInt(`${sign}${whole}${fraction}`);
  return { digits, scale: fraction.length - Number(exponent) };
}

/** The decimal `d` as the nearest float64 (JavaScript's number parsing rounds correctly). */
export function toFloat(d: Decimal): number {
  return Number(`${d.digits}e${-d.scale}`);
}

/** `d × n`, exactly. */
export function times(d: Decimal, n: bigint): Decimal {
  return { digits: d.digits * n, scale: d.scale };
}

/** `d × n` truncated toward zero to an integer. */
export function truncatedProduct(d: Decimal, n: bigint): bigint {
  const product = d.digits * n;
  return d.scale >= 0 ? product / 10n ** BigInt(d.scale) : product * 10n ** BigInt(-d.scale);
}
