/**
 * "What we found": four to six plain sentences built from the computed verdicts and their robustness —
 * how many of the document's conclusions hold and how robustly, the first that do not with the measured
 * value against the criterion, which other verdicts could flip, how many inconsistencies and assumptions
 * were found apart, then a pointer to the table. Nothing in it is typed by hand, so it cannot say more than
 * the verdicts do, and no claim is named twice. A claim is called robust only when its robustness says so,
 * which a dependence share under 90 % never does (lib/analysis/robustness.ts).
 */
import type { RobustnessKind } from "../analysis/robustness.ts";
import type { Check, Claim, Finding, TestedClaim } from "./claim.ts";
import { describeMeasured, describeSpread } from "./claim.ts";
import { escapeHtml, Html } from "./display.ts";
import { robustnessTag } from "./robustness_tag.ts";

/** At most this many claims are named in one sentence; the rest are counted, so a sentence stays short. */
const NAMED = 2;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const WORDS = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"];
/** A count that opens a sentence, in words up to ten ("Three"), as a sentence does not open with a digit. */
const opening = (n: number) => WORDS[n] ?? `In all, ${n}`;
const tested = (c: Claim): c is TestedClaim => c.robustness !== undefined;

/** Every item: "A", "A and B", "A, B and C". */
const joined = (items: readonly string[]) =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** The first NAMED items, the rest counted: "A", "A and B", "A, B and 2 more". */
function list(items: readonly string[]): string {
  const rest = items.length - NAMED;
  return joined(rest > 0 ? [...items.slice(0, NAMED), `${rest} more`] : items);
}

/** How the verdicts that hold hold: the kinds of robustness, and the phrase for one and for many. */
const HOW: readonly [readonly RobustnessKind[], string, string][] = [
  [["robust", "exact"], "does so robustly or exactly", "do so robustly or exactly"],
  [["depends"], "depends on uncertain parameters", "depend on uncertain parameters"],
  [["fragile"], "is fragile", "are fragile"],
  [["unresampled"], "has no measured stability", "have no measured stability"],
];

function holdSentence(holds: readonly Claim[]): string {
  if (holds.length === 0) return "None of them holds.";
  const parts = HOW.map(([kinds, one, many]) => {
    const n = holds.filter((c) => c.robustness && kinds.includes(c.robustness.kind)).length;
    return { n, one, many };
  }).filter((p) => p.n > 0);
  if (parts.length === 1) {
    const { one, many } = parts[0];
    return holds.length === 1
      ? `The one that holds ${one}.`
      : `${holds.length === 2 ? "Both" : `All ${holds.length}`} that hold ${many}.`;
  }
  return `Of the ${holds.length} that hold, ${
    joined(parts.map(({ n, one, many }) => `${n} ${n === 1 ? one : many}`))
  }.`;
}

/** A verdict that could flip: fragile, or dependent on the model's uncertain parameters. */
const couldFlip = (c: TestedClaim) => c.robustness.kind === "fragile" || c.robustness.kind === "depends";

/**
 * The measured value against the criterion, with the interval where the criterion reads the interval, and
 * the robustness tag of a verdict that could flip (which is then not named again among those that could).
 */
function against(c: TestedClaim): string {
  const reads = c.criterion.reads ?? "statistic";
  const value = describeMeasured({ ...c.measured, spread: undefined, spreadLabel: undefined });
  const interval = reads !== "statistic" && c.measured.spread ? `, 5–95 % ${describeSpread(c.measured)}` : "";
  const flip = couldFlip(c) ? `; ${robustnessTag(c)}` : "";
  return `${c.title} (${value}${interval}; criterion: ${c.criterion.text}${flip})`;
}

/** Firm verdicts (robust or exact) first, then the others, each in the document's order. */
const firmFirst = (cs: readonly TestedClaim[]) => {
  const firm = (c: TestedClaim) => c.robustness.kind === "robust" || c.robustness.kind === "exact";
  return [...cs.filter(firm), ...cs.filter((c) => !firm(c))];
};

/**
 * The heading the findings are listed under: "Inconsistencies found", "Assumptions added", or both when
 * there are both kinds.
 */
export function findingsHeading(findings: readonly Finding[]): string {
  const kinds = new Set(findings.map((f) => f.kind));
  return kinds.size === 2
    ? "Inconsistencies and assumptions found"
    : kinds.has("assumption")
    ? "Assumptions added"
    : "Inconsistencies found";
}

/** "2 inconsistencies with the document and 1 assumption it does not make", or "" when there are none. */
function foundApart(findings: readonly Finding[]): string {
  const inconsistencies = findings.filter((f) => f.kind === "inconsistency").length;
  const assumptions = findings.length - inconsistencies;
  return joined([
    ...(inconsistencies > 0
      ? [plural(inconsistencies, "inconsistency", "inconsistencies") + " between the document and its code"]
      : []),
    ...(assumptions > 0
      ? [plural(assumptions, "assumption", "assumptions") + " the document does not make"]
      : []),
  ]);
}

/** The sentences, as plain text. */
export function whatWeFoundSentences(
  claims: readonly Claim[],
  checks: readonly Check[] = [],
  findings: readonly Finding[] = [],
): string[] {
  const holds = claims.filter((c) => c.verdict === "holds");
  const fails = claims.filter((c) => c.verdict === "does not hold");
  const untestable = claims.filter((c) => c.verdict === "not testable here");
  const sentences = [
    `Of the document's ${plural(claims.length, "conclusion", "conclusions")}, ` +
    `${holds.length} ${holds.length === 1 ? "holds" : "hold"}, ${fails.length} ` +
    `${
      fails.length === 1 ? "does" : "do"
    } not hold and ${untestable.length} cannot be tested with this model.`,
    holdSentence(holds),
  ];
  const failed = firmFirst(fails.filter(tested));
  const named = fails.length === 1 ? failed.slice(0, 1) : failed.slice(0, NAMED);
  sentences.push(
    fails.length === 0
      ? "None fails its criterion."
      : fails.length === 1
      ? `The one that does not hold: ${named.length > 0 ? against(named[0]) : fails[0].title}.`
      : `Among the ${fails.length} that do not hold ${named.length === 1 ? "is" : "are"} ` +
        `${joined(named.map(against)) || fails[0].title}.`,
  );
  // Verdicts that could flip, those that hold first: a conclusion said to hold that could flip matters most.
  // A failure named above already says that it could flip, so it is not named again.
  const shaky = [...holds, ...fails].filter(tested).filter((c) => couldFlip(c) && !named.includes(c));
  const namedShaky = named.some(couldFlip);
  if (shaky.length > 0) {
    sentences.push(
      `${opening(shaky.length)} ${namedShaky ? "other " : ""}${
        shaky.length === 1 ? "verdict" : "verdicts"
      } ` +
        `could flip: ${list(shaky.map((c) => `${c.title} (${c.verdict}; ${robustnessTag(c)})`))}.`,
    );
  }
  const apart = foundApart(findings);
  if (apart) {
    sentences.push(
      `Apart from the conclusions and not counted, “${findingsHeading(findings)}” lists ${apart}.`,
    );
  }
  const table = "the table below gives each verdict with its evidence and why its criterion is fair";
  sentences.push(
    checks.length === 0
      ? `${table.charAt(0).toUpperCase()}${table.slice(1)}.`
      : `${
        checks.length === 1
          ? "The model check passes"
          : checks.length === 2
          ? "Both model checks pass"
          : `All ${checks.length} model checks pass`
      } ` +
        `(true by construction, so not counted); ${table}.`,
  );
  return sentences;
}

/** The sentences as one paragraph, in a section the report shows first under "What we found". */
export function whatWeFound(
  claims: readonly Claim[],
  checks: readonly Check[] = [],
  findings: readonly Finding[] = [],
): Html {
  return new Html(
    `<section class="what-we-found"><p>${
      escapeHtml(whatWeFoundSentences(claims, checks, findings).join(" "))
    }</p></section>`,
  );
}
