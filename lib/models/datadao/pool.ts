/**
 * The dDT/xDAI constant-product liquidity pool of the Grassroot dataDAO model, as shipped in the
 * original (docs/models/datadao.md, "The liquidity pool"):
 *
 * - it starts empty; `price = xDAI reserve / dDT reserve`, and 1.0 while the dDT reserve is 0;
 * - the first provider gets `shares = d`, later ones `d · total_shares / dDT reserve`, and both reserves
 *   grow by what is deposited, with no ratio check;
 * - a buy charges `fee = x · fee_rate` on the xDAI paid and swaps the rest; a sell charges the fee on the
 *   xDAI coming out; either way the fee does NOT enter the reserves but a fee pot for the providers;
 * - how the pot reaches providers is the `fee_sharing` switch: "first_collector" as shipped (a collector
 *   gets its share of the pot and the rest is lost), or "pro_rata" (every provider accrues its share of
 *   every fee, the usual fee-per-share accumulator). No shares are ever outstanding when the first
 *   deposit is of 0 dDT (later ones get `d · 0 / dDT reserve`); then neither rule pays anything and the
 *   fees stay pending in the pot.
 *
 * Amounts are floats, as in the original. The formulas are exported as pure functions for the tests.
 */

/** The pool's price convention: xDAI per dDT, and 1.0 while it holds no dDT. */
export function poolPrice(ddtReserve: number, xdaiReserve: number): number {
  return ddtReserve === 0 ? 1.0 : xdaiReserve / ddtReserve;
}

export interface Swap {
  /** Tokens the trader receives (dDT for a buy, xDAI net of fee for a sell). */
  readonly out: number;
  /** Fee charged, in xDAI. */
  readonly fee: number;
  readonly ddtReserve: number;
  readonly xdaiReserve: number;
}

/** Buying dDT with `x` xDAI: the fee comes off `x`, the rest moves along `k = D · X`. */
export function buyDdt(ddtReserve: number, xdaiReserve: number, x: number, feeRate: number): Swap {
  if (ddtReserve === 0 || x === 0) return { out: 0, fee: 0, ddtReserve, xdaiReserve };
  const fee = x * feeRate;
  const k = ddtReserve * xdaiReserve;
  const newXdai = xdaiReserve + (x - fee);
  const newDdt = k / newXdai;
  return { out: ddtReserve - newDdt, fee, ddtReserve: newDdt, xdaiReserve: newXdai };
}

/** Selling `d` dDT: the xDAI coming out moves along `k = D · X`, and the fee comes off it. */
export function sellDdt(ddtReserve: number, xdaiReserve: number, d: number, feeRate: number): Swap {
  if (xdaiReserve === 0 || d === 0) return { out: 0, fee: 0, ddtReserve, xdaiReserve };
  const k = ddtReserve * xdaiReserve;
  const newDdt = ddtReserve + d;
  const newXdai = k / newDdt;
  const gross = xdaiReserve - newXdai;
  const fee = gross * feeRate;
  return { out: gross - fee, fee, ddtReserve: newDdt, xdaiReserve: newXdai };
}

/** Pool shares for a deposit of `d` dDT: `d` for the first provider, else `d · total / dDT reserve`. */
export function sharesFor(ddtReserve: number, totalShares: number, d: number): number {
  return ddtReserve === 0 ? d : d * (totalShares / ddtReserve);
}

export type FeeSharing = "first_collector" | "pro_rata";

interface Position {
  shares: number;
  /** pro_rata: `shares · feePerShare` at the last settlement. */
  debt: number;
  /** pro_rata: fees settled but not yet collected (when shares changed in between). */
  settled: number;
}

/** A pool with its reserves, shares by provider (agent id) and fee pot. */
export class LiquidityPool {
  ddtReserve = 0;
  xdaiReserve = 0;
  totalShares = 0;
  /** Every fee ever charged, xDAI. */
  feesCharged = 0;
  /** Fees charged and neither collected nor lost yet, xDAI. */
  feesPending = 0;
  /** Fees the first_collector rule threw away, xDAI. */
  feesForfeited = 0;
  readonly #positions = new Map<number, Position>();
  #feePerShare = 0;

  constructor(readonly feeRate: number, readonly feeSharing: FeeSharing) {}

  get price(): number {
    return poolPrice(this.ddtReserve, this.xdaiReserve);
  }

  sharesOf(provider: number): number {
    return this.#positions.get(provider)?.shares ?? 0;
  }

  /** Deposits `d` dDT and `x` xDAI for `provider`; returns the shares it gets. */
  addLiquidity(provider: number, d: number, x: number): number {
    const shares = sharesFor(this.ddtReserve, this.totalShares, d);
    const position = this.#positions.get(provider) ?? { shares: 0, debt: 0, settled: 0 };
    // Fees accrued on the old shares belong to the provider before its share count changes.
    position.settled += position.shares * this.#feePerShare - position.debt;
    position.shares += shares;
    position.debt = position.shares * this.#feePerShare;
    this.#positions.set(provider, position);
    this.totalShares += shares;
    this.ddtReserve += d;
    this.xdaiReserve += x;
    return shares;
  }

  /** Buys dDT with `x` xDAI; returns the dDT out (0 from an empty pool, and nothing changes then). */
  buy(x: number): number {
    const swap = buyDdt(this.ddtReserve, this.xdaiReserve, x, this.feeRate);
    this.#apply(swap);
    return swap.out;
  }

  /** Sells `d` dDT; returns the xDAI out net of fee (0 when the pool holds no xDAI). */
  sell(d: number): number {
    const swap = sellDdt(this.ddtReserve, this.xdaiReserve, d, this.feeRate);
    this.#apply(swap);
    return swap.out;
  }

  #apply(swap: Swap): void {
    this.ddtReserve = swap.ddtReserve;
    this.xdaiReserve = swap.xdaiReserve;
    if (swap.fee === 0) return;
    this.feesCharged += swap.fee;
    this.feesPending += swap.fee;
    // With no shares outstanding (the first deposit was of 0 dDT), the fee stays pending.
    if (this.feeSharing === "pro_rata" && this.totalShares > 0) {
      this.#feePerShare += swap.fee / this.totalShares;
    }
  }

  /** Pays `provider` its fees, in xDAI, under the pool's fee-sharing rule. */
  collectFees(provider: number): number {
    const position = this.#positions.get(provider);
    if (!position) return 0;
    if (this.feeSharing === "first_collector") {
      // With no shares outstanding (the first deposit was of 0 dDT) nobody has a share of the pot: the
      // fees stay pending rather than being paid or forfeited (the shipped code divides by zero here).
      if (this.totalShares === 0) return 0;
      // As shipped: the collector's share of the whole pot, after which the pot is emptied.
      const fees = this.feesPending * (position.shares / this.totalShares);
      this.feesForfeited += this.feesPending - fees;
      this.feesPending = 0;
      return fees;
    }
    const accrued = position.shares * this.#feePerShare;
    const fees = position.settled + accrued - position.debt;
    position.settled = 0;
    position.debt = accrued;
    this.feesPending -= fees;
    return fees;
  }
}
