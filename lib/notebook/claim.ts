/**
 * One claim: a documented conclusion of a source document, the quantity that tests it, a criterion stated
 * before the result and the reason it is fair, the verdict computed from the criterion — never typed by
 * hand — and how robust that verdict is (lib/analysis/robustness.ts). Also the model checks: properties
 * true by construction (conservation, identities of implemented formulas); and the findings: where the
 * document and its code disagree, or an assumption the model makes that the document does not. Both are
 * shown apart and never counted among the document's conclusions.
 */
import { formatNumber } from "../analysis/format.ts";
import { type Robustness, robustness } from "../analysis/robustness.ts";
import { quantile } from "../analysis/quantiles.ts";
import type { Criterion } from "./criteria.ts";

export type Verdict = "holds" | "does not hold" | "not testable here";

/** Per-run (or per-pair) values behind a measured number: what margin and stability are computed from. */
export interface Evidence {
  readonly values: readonly number[];
  /** The statistic the claim reports of them; default the median. */
  readonly statistic?: (xs: readonly number[]) => number;
  /**
   * True when the values are bootstrap replicates of the measured statistic (not per-run values): the
   * measured value is then the statistic of all the data, not of these, and the stability is the share of
   * replicates giving the verdict.
   */
  readonly resampled?: boolean;
  /**
   * With resampled values read at an interval's end ("5–95 % below 0"): that end recomputed on resampled
   * run sets (`nestedReadings`), whose share giving the verdict is the stability.
   */
  readonly readings?: readonly number[];
}

/** What a claim measured: a number (with its unit and, for stochastic models, its spread). */
export interface Measured {
  readonly value: number;
  /** e.g. "years", "%", "ETH/month"; "" for plain numbers. */
  readonly unit: string;
  /** Spread across seeds or runs, e.g. the 5th–95th percentiles; shown beside the value. */
  readonly spread?: readonly [number, number];
  /** What the spread is, e.g. "5–95% of 100 seeds". */
  readonly spreadLabel?: string;
  /** Digits shown (significant), default 3. */
  readonly digits?: number;
  /** The per-run values, when the measured number was built from them (`spreadMeasured`, `pairedChange`). */
  readonly evidence?: Evidence;
}

/** A criterion that replaced an older one: listed with its old form in the report's method notes. */
export interface Changed {
  /** The old criterion, in words, e.g. "≥ 1 point". */
  readonly from: string;
  readonly why: string;
}

/** Share of a Latin-hypercube sample of plausible parameters where the claim holds, and what flips it. */
export interface Dependence {
  readonly share: number;
  /** Parameters that flip the verdict, by PRCC on the claim's quantity. */
  readonly flips: readonly string[];
  /** What was sampled, e.g. "32 LHS points × 2 seeds over the ranges in docs/models/honey.md". */
  readonly sample: string;
}

interface ClaimBase {
  /** Stable identifier within the notebook, e.g. "threshold". */
  readonly id: string;
  /** A short human title (≤ ~50 characters), e.g. "Market cap stays steady"; it names the claim in the table. */
  readonly title: string;
  /** The document's words, quoted. */
  readonly quote: string;
  /** Where in the source they are, e.g. "README, Results". */
  readonly where: string;
  /** The verdict this notebook expects; a different computed verdict fails the report. */
  readonly expected: Verdict;
}

export interface TestableClaim extends ClaimBase {
  /** The quantity that tests the claim, in words, e.g. "median crossing day across 100 seeds". */
  readonly quantity: string;
  readonly criterion: Criterion;
  readonly measured: Measured;
  /** One sentence: why this criterion is fair (units of the evidence, the document's own number…). */
  readonly reason: string;
  /** Per-run values; default `measured.evidence`. */
  readonly evidence?: Evidence;
  readonly changed?: Changed;
  /** A calibration the verdict depends on, e.g. "funding_cost, fitted on seeds 9000–9031 (held out)". */
  readonly dependsOn?: string;
  readonly dependence?: Dependence;
}

export interface UntestableClaim extends ClaimBase {
  /** Why the model cannot test it, e.g. "needs a price model, which the source does not give". */
  readonly reason: string;
}

export type ClaimSpec = TestableClaim | UntestableClaim;

/** A tested claim with its title, its computed verdict and its robustness. */
export type TestedClaim = TestableClaim & {
  readonly title: string;
  readonly verdict: Verdict;
  readonly robustness: Robustness;
};

/** A claim with its title and computed verdict (and, when tested, its robustness). */
export type Claim =
  | TestedClaim
  | (UntestableClaim & {
    readonly title: string;
    readonly verdict: Verdict;
    readonly robustness?: undefined;
  });

/** A model check: true by construction, shown under "Model checks", not counted among the conclusions. */
export interface Check {
  readonly id: string;
  readonly title: string;
  /** What is checked, e.g. "pool + paid out = minted, at every step of 100 seeds". */
  readonly what: string;
  readonly detail?: string;
}

/**
 * A finding apart from the conclusions: an inconsistency (the document and its code, or the document and
 * itself, disagree: a parameter the formula never reaches, books that do not balance) or an assumption (the
 * model needs something the document does not say: an added pool, an endowment in place of a mechanism).
 * Shown apart under "Inconsistencies found" (or "Assumptions added"), never counted among the conclusions.
 */
export interface Finding {
  readonly id: string;
  readonly title: string;
  readonly kind: "inconsistency" | "assumption";
  /** The document's words, quoted (folded under the title). */
  readonly quote: string;
  readonly where: string;
  /** What the document says, in a few words, e.g. "100,000 neurons at the gift's activation". */
  readonly says: string;
  /** What the model gives, from its output, e.g. "11,580 neurons on day 30". */
  readonly model: string;
  /** What drives the difference: the formula or the assumption, e.g. "the code's 750 + 9t² + 91t". */
  readonly cause: string;
}

/** A claim tested against its criterion; its verdict and robustness are computed. */
export function claim(spec: TestableClaim): TestedClaim {
  const { measured, criterion } = spec;
  if (!Number.isFinite(measured.value)) {
    throw new Error(`claim '${spec.id}': the measured value is ${measured.value}, not a number`);
  }
  const evidence = spec.evidence ?? measured.evidence;
  const reads = criterion.reads ?? "statistic";
  if (evidence) {
    const bad = evidence.values.findIndex((v) => !Number.isFinite(v));
    if (evidence.values.length === 0 || bad >= 0) {
      throw new Error(
        `claim '${spec.id}': the evidence ${bad >= 0 ? `value ${bad + 1} is not finite` : "is empty"}`,
      );
    }
    // Stability resamples the evidence and recomputes the statistic: it must be the number the verdict
    // is read from, or the robustness would describe another quantity.
    const statistic = (evidence.statistic ?? ((xs) => quantile(xs, 0.5)))(evidence.values);
    if (
      !evidence.resampled && Math.abs(statistic - measured.value) > 1e-9 * Math.max(1, Math.abs(statistic))
    ) {
      throw new Error(
        `claim '${spec.id}': the measured value ${measured.value} is not the evidence's statistic ${statistic}` +
          " (give the evidence the statistic the claim reports)",
      );
    }
  }
  const tested = reads === "statistic"
    ? measured.value
    : evidence
    ? quantile(evidence.values, reads === "low" ? 0.05 : 0.95)
    : measured.spread?.[reads === "low" ? 0 : 1];
  if (tested === undefined) {
    throw new Error(
      `claim '${spec.id}': the criterion '${criterion.text}' needs per-run evidence or a spread`,
    );
  }
  const verdict = criterion.test(tested) ? "holds" : "does not hold";
  return {
    ...spec,
    verdict,
    robustness: robustness({
      values: evidence?.values,
      statistic: evidence?.statistic,
      resampled: evidence?.resampled,
      readings: evidence?.readings,
      reads,
      tested,
      test: criterion.test,
      thresholds: criterion.thresholds ?? [],
      spread: measured.spread,
      seed: spec.id,
      dependence: spec.dependence,
    }),
  };
}

/** A claim the model cannot test, with the reason. */
export function notTestable(spec: UntestableClaim): Claim {
  return { ...spec, verdict: "not testable here" };
}

/**
 * A model check. One that fails throws, naming it, like a changed verdict: a property true by
 * construction that is false is a defect of the model, not a finding.
 */
export function check(spec: Check & { readonly holds: boolean }): Check {
  if (!spec.holds) {
    throw new Error(`model check '${spec.id}' fails: ${spec.what}${spec.detail ? ` (${spec.detail})` : ""}`);
  }
  const { holds: _, ...rest } = spec;
  return rest;
}

/**
 * A finding. `shows` says whether the model's output still shows it; one that no longer does throws, naming
 * it, so that its words cannot outlive what they describe.
 */
export function finding(spec: Finding & { readonly shows: boolean }): Finding {
  if (!spec.shows) {
    throw new Error(`finding '${spec.id}' no longer shows in the model's output: ${spec.model}`);
  }
  const { shows: _, ...rest } = spec;
  return rest;
}

/** A quantity across runs as a claim measures it: median and 5–95 %, the values kept as evidence. */
export function spreadMeasured(
  values: readonly number[],
  unit: string,
  label: string,
  digits?: number,
): Measured {
  if (values.length === 0) throw new Error("spreadMeasured: no values");
  return {
    value: quantile(values, 0.5),
    unit,
    spread: [quantile(values, 0.05), quantile(values, 0.95)],
    spreadLabel: label,
    ...(digits === undefined ? {} : { digits }),
    evidence: { values },
  };
}

/**
 * A value read once from the runs, with its spread over `replicates` (the same value read again on each of
 * that many resampled run sets): the 5–95 % of the replicates, kept as the evidence a claim's stability is
 * measured on.
 */
export function replicatedMeasured(value: number, replicates: readonly number[], unit = ""): Measured {
  if (replicates.length === 0) throw new Error("replicatedMeasured: no replicates");
  return {
    value,
    unit,
    spread: [quantile(replicates, 0.05), quantile(replicates, 0.95)],
    spreadLabel: `5–95% over ${replicates.length} resampled sets of the reproduced runs`,
    evidence: { values: replicates, resampled: true },
  };
}

/** The per-pair change b[i] − a[i] (same seed, two settings): median and 5–95 %, the changes as evidence. */
export function pairedChange(
  a: readonly number[],
  b: readonly number[],
  unit: string,
  label: string,
  digits?: number,
): Measured {
  if (a.length !== b.length) {
    throw new Error(`pairedChange: ${a.length} values against ${b.length}; pairs need as many of each`);
  }
  return spreadMeasured(b.map((x, i) => x - a[i]), unit, label, digits);
}

/** The measured value as shown: value, unit and spread. */
export function describeMeasured(m: Measured): string {
  const unit = m.unit ? ` ${m.unit}` : "";
  const spread = m.spread ? ` (${describeSpread(m)}${m.spreadLabel ? `, ${m.spreadLabel}` : ""})` : "";
  return `${formatNumber(m.value, { digits: m.digits })}${unit}${spread}`;
}

/** The spread's ends, e.g. "0.25–0.85", or "−0.35 to −0.05" where a dash would read as a minus sign. */
export function describeSpread(m: Measured): string {
  if (!m.spread) return "";
  const [lo, hi] = m.spread.map((x) => formatNumber(x, { digits: m.digits }));
  return m.spread[0] < 0 || m.spread[1] < 0 ? `${lo} to ${hi}` : `${lo}–${hi}`;
}

/** Counts of verdicts, e.g. for the report index; model checks and findings are never counted. */
export function verdictCounts(claims: readonly Claim[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { "holds": 0, "does not hold": 0, "not testable here": 0 };
  for (const c of claims) counts[c.verdict]++;
  return counts;
}

/**
 * Set by `deno task report --set` when a notebook runs with parameters other than its defaults: the
 * expected verdicts are stated for the defaults, so a verdict that differs is then shown, not thrown.
 */
export const PARAMETERS_CHANGED_ENV = "NOTEBOOK_PARAMETERS_CHANGED";

function expectationsEnforced(): boolean {
  const variable = PARAMETERS_CHANGED_ENV;
  return Deno.permissions.querySync({ name: "env", variable }).state !== "granted" ||
    Deno.env.get(variable) === undefined;
}

/**
 * Throws when any computed verdict differs from the one its notebook expects, naming each such claim
 * (unless the notebook runs with changed parameters, PARAMETERS_CHANGED_ENV), or when an id (of a claim,
 * a check or a finding) is used twice.
 */
export function checkExpected(
  claims: readonly Claim[],
  checks: readonly Check[] = [],
  findings: readonly Finding[] = [],
): void {
  const changed = claims.filter((c) => c.verdict !== c.expected);
  if (changed.length > 0 && expectationsEnforced()) {
    throw new Error(
      `verdict changed: ${
        changed.map((c) => `'${c.id}' is now '${c.verdict}', expected '${c.expected}'`).join("; ")
      }`,
    );
  }
  const ids = [...claims, ...checks, ...findings].map((c) => c.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`claim id '${twice}' is used twice`);
}
