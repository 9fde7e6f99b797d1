/**
 * The README's findings besides its three conclusions, read from a run: the gift's claimed share and
 * phases, the bonded share, the inflation rule, neuron growth against Ethereum's fit, and the load formulas
 * against the testnet's stress tests. Each reads run 1 of the first subset, since these variables do not
 * depend on the investmint draws.
 */
import pl from "nodejs-polars";
import {
  CPU_BYTES_PER_LINK,
  CPU_SECONDS_PER_LINK,
  GPU_BYTES_PER_LINK,
  GPU_BYTES_PER_PARTICLE,
  GPU_SECONDS_PER_LINK,
} from "./formulas.ts";
import { bostromParams } from "./params.ts";

/** One day's row of run 1 (first subset): the deterministic state variables read from any run. */
function dayRow(frame: pl.DataFrame, day: number): Record<string, number> {
  const rows = frame.filter(
    pl.col("timestep").eq(day).and(pl.col("run").eq(1)).and(pl.col("subset").eq(0)),
  ).toRecords();
  if (rows.length === 0) throw new Error(`no row for day ${day}`);
  return rows[0] as Record<string, number>;
}

/** Claimed BOOT on a day as a share of the gift (by default the model's 700e12). */
export function giftClaimedShare(
  frame: pl.DataFrame,
  day: number,
  gift: number = bostromParams.boot_gift_amount_init.default,
): number {
  return dayRow(frame, day).boot_claimed_supply / gift;
}

/** Bonded BOOT over the BOOT supply on a day. */
export function bondedShareAt(frame: pl.DataFrame, day: number): number {
  const r = dayRow(frame, day);
  return r.boot_bonded_supply / r.boot_supply;
}

/**
 * The README's rule for the inflation rate: it rises while the bonded share is below the target (until the
 * cap) and falls while it is above (until the floor). Counts the days (of run 1) on which the rate moved
 * against the previous day's bonded share.
 */
export function inflationRuleBreaks(
  frame: pl.DataFrame,
  target: number = bostromParams.boot_bonded_share_target.default,
): { days: number; against: number } {
  const rows = frame.filter(pl.col("run").eq(1).and(pl.col("subset").eq(0))).sort("timestep").toRecords();
  let against = 0;
  for (let i = 1; i < rows.length; i++) {
    const share = (rows[i - 1].boot_bonded_supply as number) / (rows[i - 1].boot_supply as number);
    const change = (rows[i].boot_inflation_rate as number) - (rows[i - 1].boot_inflation_rate as number);
    if ((share < target && change < 0) || (share > target && change > 0)) against++;
  }
  return { days: rows.length - 1, against };
}

/**
 * The README's fit to Ethereum's active addresses by day since launch, 2·days² + 100·days + 8700, before
 * it "adjusted the formula with coefficients to expect more rapid growth".
 */
export function ethereumAddresses(day: number): number {
  return 2 * day * day + 100 * day + 8700;
}

/** Neurons on a day over Ethereum's fitted active addresses at the same age. */
export function neuronsOverEthereum(frame: pl.DataFrame, day: number): number {
  return dayRow(frame, day).agents_count / ethereumAddresses(day);
}

/** The README's testnet stress tests: cyberlinks, and GPU RAM (GB), GPU time (s), RAM (GB), CPU time (s). */
export const TESTNET_MEASUREMENTS = [
  {
    setting: "Bostrom testnet 4",
    cyberlinks: 40_335_720,
    gpu_ram_gb: 2,
    gpu_time_s: 0.25,
    ram_gb: 48,
    cpu_time_s: 35,
  },
  { setting: "1B links", cyberlinks: 1e9, gpu_ram_gb: 46, gpu_time_s: 6, ram_gb: 1_200, cpu_time_s: 868 },
  {
    setting: "100B links",
    cyberlinks: 100e9,
    gpu_ram_gb: 4_562,
    gpu_time_s: 620,
    ram_gb: 120_000,
    cpu_time_s: 87_000,
  },
] as const;

/**
 * The significant digits of a number as the README writes it: leading zeros and the trailing zeros of a
 * whole number do not count (2 → 1, 0.25 → 2, 868 → 3, 1,200 → 2, 87,000 → 2).
 */
export function significantDigits(x: number): number {
  if (!(Number.isFinite(x) && x !== 0)) throw new Error(`significantDigits: ${x} has none`);
  const [whole, fraction = ""] = Math.abs(x).toString().split(".");
  if (/e/i.test(whole)) throw new Error(`significantDigits: ${x} is written with an exponent`);
  const digits = (whole + fraction).replace(/^0+/, "");
  return (fraction === "" ? digits.replace(/0+$/, "") : digits).length;
}

/** x rounded to `digits` significant digits. */
export function toSignificant(x: number, digits: number): number {
  return Number(x.toPrecision(digits));
}

/**
 * The load formulas at each testnet setting against the measurement: one row per (setting, quantity) with
 * the model's value, the measured value and the relative error (model / measured − 1).
 */
export function loadAgainstTestnet(
  particlePerLink: number = bostromParams.particle_per_link.default,
): pl.DataFrame {
  const model = {
    gpu_ram_gb: (l: number) => (GPU_BYTES_PER_LINK * l + GPU_BYTES_PER_PARTICLE * l * particlePerLink) / 1e9,
    gpu_time_s: (l: number) => GPU_SECONDS_PER_LINK * l,
    ram_gb: (l: number) => CPU_BYTES_PER_LINK * l / 1e9,
    cpu_time_s: (l: number) => CPU_SECONDS_PER_LINK * l,
  };
  const names = {
    gpu_ram_gb: "GPU memory (GB)",
    gpu_time_s: "GPU time (s)",
    ram_gb: "RAM (GB)",
    cpu_time_s: "CPU time (s)",
  };
  const rows = TESTNET_MEASUREMENTS.flatMap((m) =>
    (Object.keys(model) as (keyof typeof model)[]).map((q) => {
      const value = model[q](m.cyberlinks);
      return {
        setting: m.setting,
        cyberlinks: m.cyberlinks,
        quantity: names[q],
        model: value,
        testnet: m[q] as number,
        digits: significantDigits(m[q]),
        relative_error: value / m[q] - 1,
      };
    })
  );
  return pl.DataFrame(rows);
}

/** The first day (of run 1) on which `column` is at least `min`; undefined when it never is. */
export function firstDayAtLeast(frame: pl.DataFrame, column: string, min: number): number | undefined {
  const hit = frame.filter(pl.col("run").eq(1).and(pl.col("subset").eq(0)).and(pl.col(column).gtEq(min)))
    .getColumn("timestep");
  return hit.length > 0 ? (hit.min() as number) : undefined;
}

/** The gift's phases as the run shows them (run 1): days on which the BOOT waiting for distribution and the frozen gift change course. */
export interface GiftPhases {
  /** First day on which all the gift is claimed. */
  readonly allClaimed: number | undefined;
  /** First day after activation on which the contract holds at most its last 1% (releases stop). */
  readonly releasesStop: number | undefined;
  /** First day after activation on which no claimed BOOT is waiting for distribution. */
  readonly waitingEmpty: number | undefined;
  /** First day after `waitingEmpty` on which claimed BOOT is waiting again. */
  readonly waitingAgain: number | undefined;
  /** Claimed BOOT waiting for distribution on the last day, as a share of the gift. */
  readonly waitingAtEnd: number;
}

export function giftPhases(
  frame: pl.DataFrame,
  gift: number = bostromParams.boot_gift_amount_init.default,
  activation: number = bostromParams.days_for_gift_activation.default,
): GiftPhases {
  const rows = frame.filter(pl.col("run").eq(1).and(pl.col("subset").eq(0))).sort("timestep")
    .toRecords() as Record<string, number>[];
  const after = rows.filter((r) => r.timestep > activation);
  const waitingEmpty = after.find((r) => r.boot_to_distribution_supply <= 0)?.timestep;
  return {
    allClaimed: rows.find((r) => r.boot_claimed_supply >= gift * (1 - 1e-12))?.timestep,
    releasesStop: after.find((r) => r.boot_frozen_supply <= 0.01 * gift * (1 + 1e-12))?.timestep,
    waitingEmpty,
    waitingAgain: waitingEmpty === undefined
      ? undefined
      : after.find((r) => r.timestep > waitingEmpty && r.boot_to_distribution_supply > 0)?.timestep,
    waitingAtEnd: rows[rows.length - 1].boot_to_distribution_supply / gift,
  };
}

/** The row of `loadAgainstTestnet` whose formula is furthest from the testnet value (largest |relative error|). */
export function largestLoadGap(load: pl.DataFrame): LoadGap {
  const rows = load.toRecords() as unknown as LoadGap[];
  if (rows.length === 0) throw new Error("largestLoadGap needs at least one row");
  return rows.reduce((a, b) => (Math.abs(b.relative_error) > Math.abs(a.relative_error) ? b : a));
}

/** One comparison of `loadAgainstTestnet`. */
export interface LoadGap {
  readonly setting: string;
  readonly cyberlinks: number;
  readonly quantity: string;
  readonly model: number;
  readonly testnet: number;
  /** Significant digits of the README's number. */
  readonly digits: number;
  readonly relative_error: number;
}

/**
 * The values of the testnet table the formulas miss, with a tolerance of `relative` (a fraction) or the
 * README's own precision, whichever is wider: a formula value counts as agreeing when it is within
 * `relative` of the README's number or rounds to it at the digits the README gives (1.77 GB to "2").
 */
export function loadMisses(load: pl.DataFrame, relative: number): LoadGap[] {
  return (load.toRecords() as unknown as LoadGap[]).filter((r) =>
    Math.abs(r.relative_error) > relative && toSignificant(r.model, r.digits) !== r.testnet
  );
}

/** The gift's books on one day of run 1, in BOOT. */
export interface GiftBooks {
  readonly day: number;
  readonly claimed: number;
  /** What the gift contract has released: the gift minus what it still holds (frozen). */
  readonly released: number;
  readonly frozen: number;
  /** Claimed BOOT the model says is waiting for distribution. */
  readonly toDistribution: number;
  /** What would be waiting if the books balanced: claimed minus released (negative: released unclaimed). */
  readonly owed: number;
}

/**
 * The gift's books day by day (run 1): the README's own update `to_distribution_t = to_distribution_{t−1}
 * + Δclaimed + Δfrozen` means claimed − released, but the code clamps it at 0 (from the day releases
 * overtake claims) and keeps adding claims after the contract stops releasing, so the two part.
 */
export function giftBooks(
  frame: pl.DataFrame,
  gift: number = bostromParams.boot_gift_amount_init.default,
): GiftBooks[] {
  const rows = frame.filter(pl.col("run").eq(1).and(pl.col("subset").eq(0))).sort("timestep")
    .toRecords() as Record<string, number>[];
  return rows.map((r) => ({
    day: r.timestep,
    claimed: r.boot_claimed_supply,
    released: gift - r.boot_frozen_supply,
    frozen: r.boot_frozen_supply,
    toDistribution: r.boot_to_distribution_supply,
    owed: r.boot_claimed_supply - (gift - r.boot_frozen_supply),
  }));
}

/** Neurons on a day (run 1). */
export function neuronsOn(frame: pl.DataFrame, day: number): number {
  return dayRow(frame, day).agents_count;
}
