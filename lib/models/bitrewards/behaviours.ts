/**
 * The four expected behaviours of the reference scenarios, each summed up from the claims that test its
 * parts (claims.ts gives every part an id that begins with its scenario's prefix): a behaviour holds when
 * every testable part does.
 */
import { type Claim, verdictCounts } from "../../notebook/claims.ts";
import { SCENARIOS } from "./outcomes.ts";

/** The id prefix of the claims that test each scenario's expected behaviour. */
export const BEHAVIOUR_PREFIX: Readonly<Record<typeof SCENARIOS[number], string>> = {
  baseline: "baseline_",
  low_tracing_accuracy: "low_tracing_",
  high_funding_share: "high_funding_",
  high_investor_share: "high_investor_",
};

/** One scenario's expected behaviour as its parts' verdicts add up. */
export interface BehaviourVerdict {
  readonly scenario: string;
  readonly holds: number;
  readonly fails: number;
  readonly untestable: number;
  /** "holds" / "does not hold" when all testable parts agree, else "holds in k of its n testable parts". */
  readonly verdict: string;
  /** The ids of the parts that do not hold, in words, separated by "; ". */
  readonly failing: string;
}

/** Each reference scenario's expected behaviour, in SCENARIOS order, from the claims of its parts. */
export function behaviourVerdicts(claims: readonly Claim[]): BehaviourVerdict[] {
  return SCENARIOS.map((scenario) => {
    const parts = claims.filter((c) => c.id.startsWith(BEHAVIOUR_PREFIX[scenario]));
    const n = verdictCounts(parts);
    const testable = n["holds"] + n["does not hold"];
    return {
      scenario,
      holds: n["holds"],
      fails: n["does not hold"],
      untestable: n["not testable here"],
      verdict: testable === 0
        ? "not testable here"
        : n["holds"] === testable
        ? "holds"
        : n["holds"] === 0
        ? "does not hold"
        : `holds in ${n["holds"]} of its ${testable} testable parts`,
      failing: parts.filter((c) => c.verdict === "does not hold").map((c) => c.id.replaceAll("_", " "))
        .join("; "),
    };
  });
}
