/**
 * Claims as data: each documented conclusion of a source document, the quantity that tests it, a
 * criterion stated before the result, and a verdict computed from the criterion — never typed by hand.
 *
 * A notebook states its claims with `claim(...)` (or `notTestable(...)`), then shows them with
 * `claimsTable(claims)`. Each claim also records the verdict the notebook expects; when the computed
 * verdict differs, `claimsTable` throws naming the claim, so `task report` fails: a regression is seen,
 * and changing an expectation is a visible edit.
 *
 * Criteria are built from a few helpers (`atLeast`, `atMost`, `between`, `within`, `isTrue`) that carry
 * both their test and their wording, so the words a reader sees and the test that decides cannot drift
 * apart.
 */
import { formatNumber } from "../analysis/format.ts";
import { escapeHtml, Html } from "./display.ts";

export type Verdict = "holds" | "does not hold" | "not testable here";

/** A test on a number, with its wording (e.g. "≥ 0.8"). */
export interface Criterion {
  /** How the criterion reads after the quantity's name, e.g. "between 2 and 3 years". */
  readonly text: string;
  readonly test: (value: number) => boolean;
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
}

interface ClaimBase {
  /** Stable identifier within the notebook, e.g. "threshold". */
  readonly id: string;
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
}

export interface UntestableClaim extends ClaimBase {
  /** Why the model cannot test it, e.g. "needs a price model, which the source does not give". */
  readonly reason: string;
}

export type ClaimSpec = TestableClaim | UntestableClaim;

/** A claim with its computed verdict. */
export type Claim = ClaimSpec & { readonly verdict: Verdict };

/** A number as criteria and the table show it: 3 significant digits unless the claim asks for others. */
const round = (x: number, digits?: number) => formatNumber(x, { digits });

export const atLeast = (min: number, unit = ""): Criterion => ({
  text: `≥ ${round(min)}${unit ? ` ${unit}` : ""}`,
  test: (v) => v >= min,
});

export const atMost = (max: number, unit = ""): Criterion => ({
  text: `≤ ${round(max)}${unit ? ` ${unit}` : ""}`,
  test: (v) => v <= max,
});

export const between = (lo: number, hi: number, unit = ""): Criterion => ({
  text: `between ${round(lo)} and ${round(hi)}${unit ? ` ${unit}` : ""}`,
  test: (v) => v >= lo && v <= hi,
});

/** Within a relative tolerance of a target, e.g. within(0.9, 0.1) is "within 10% of 0.9". */
export const within = (target: number, relative: number, unit = ""): Criterion => ({
  text: `within ${round(relative * 100)}% of ${round(target)}${unit ? ` ${unit}` : ""}`,
  test: (v) => Math.abs(v - target) <= relative * Math.abs(target),
});

/** For yes/no quantities measured as 1 (true) or 0 (false). */
export const isTrue: Criterion = { text: "is true", test: (v) => v === 1 };

/** A claim tested against its criterion; its verdict is computed. */
export function claim(spec: TestableClaim): Claim {
  if (!Number.isFinite(spec.measured.value)) {
    throw new Error(`claim '${spec.id}': the measured value is ${spec.measured.value}, not a number`);
  }
  return { ...spec, verdict: spec.criterion.test(spec.measured.value) ? "holds" : "does not hold" };
}

/** A claim the model cannot test, with the reason. */
export function notTestable(spec: UntestableClaim): Claim {
  return { ...spec, verdict: "not testable here" };
}

/** The measured value as shown: value, unit and spread. */
export function describeMeasured(m: Measured): string {
  const unit = m.unit ? ` ${m.unit}` : "";
  const spread = m.spread
    ? ` (${round(m.spread[0], m.digits)}–${round(m.spread[1], m.digits)}${
      m.spreadLabel ? `, ${m.spreadLabel}` : ""
    })`
    : "";
  return `${round(m.value, m.digits)}${unit}${spread}`;
}

/** Counts of verdicts, e.g. for the report index. */
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
 * (unless the notebook runs with changed parameters, PARAMETERS_CHANGED_ENV).
 */
export function checkExpected(claims: readonly Claim[]): void {
  const changed = claims.filter((c) => c.verdict !== c.expected);
  if (changed.length > 0 && expectationsEnforced()) {
    throw new Error(
      `verdict changed: ${
        changed.map((c) => `'${c.id}' is now '${c.verdict}', expected '${c.expected}'`).join("; ")
      }`,
    );
  }
  const ids = claims.map((c) => c.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`claim id '${twice}' is used twice`);
}

/**
 * The verdict table: claim · what the document says (quoted, with where) · reproduced value with spread
 * · criterion · verdict. Checks the expectations first (throws on a changed verdict). The table carries
 * its verdict counts as data attributes, which the report renderer reads to place it first and to
 * summarise the report in the index.
 */
export function claimsTable(claims: readonly Claim[]): Html {
  checkExpected(claims);
  const counts = verdictCounts(claims);
  const rows = claims.map((c) => {
    const reproduced = "measured" in c
      ? `${escapeHtml(c.quantity)}: <strong>${escapeHtml(describeMeasured(c.measured))}</strong>`
      : "—";
    const criterion = "criterion" in c
      ? `${escapeHtml(c.quantity)} ${escapeHtml(c.criterion.text)}`
      : escapeHtml(c.reason);
    return `<tr id="claim-${escapeHtml(c.id)}"><td>${escapeHtml(c.id.replaceAll("_", " "))}</td>` +
      `<td><q>${escapeHtml(c.quote)}</q> <small>(${escapeHtml(c.where)})</small></td>` +
      `<td>${reproduced}</td><td>${criterion}</td>` +
      `<td class="verdict verdict-${c.verdict.replaceAll(" ", "-")}">${c.verdict}${
        c.verdict === c.expected ? "" : ` <small>(changed: ${c.expected} with the default parameters)</small>`
      }</td></tr>`;
  }).join("");
  return new Html(
    `<section class="claims" data-holds="${counts["holds"]}" data-fails="${counts["does not hold"]}" ` +
      `data-untestable="${counts["not testable here"]}"><table class="verdicts">` +
      `<caption>Documented conclusions, each tested against a criterion stated before the result</caption>` +
      `<thead><tr><th>claim</th><th>what the document says</th><th>reproduced</th><th>criterion</th>` +
      `<th>verdict</th></tr></thead><tbody>${rows}</tbody></table></section>`,
  );
}
