/**
 * The BITrewards model checks: what holds by construction of the design's reward rules (value conserved, an
 * untraced contribution paid as its own initiator), checked on every run of the report and shown apart from
 * the documents' conclusions.
 */
import { type Check, check } from "../../notebook/claims.ts";
import type { BitrewardsResults } from "./outcomes.ts";
import { ROUNDING } from "./thresholds.ts";

/** Where the rules checked are stated. */
const DESIGN = "design document";

/** The model checks, read from every run the claims read. */
export function bitrewardsChecks(r: BitrewardsResults): Check[] {
  const tracing0 = r.untraced.getColumn("upstream_creator_share").toArray() as number[];
  const allGaps = [r.outcomes, r.tracing, r.phase, r.untraced].flatMap((f) =>
    f.getColumn("royalty_gap").toArray() as number[]
  );
  return [
    check({
      id: "pool_conserved",
      title: "Every fee is paid out, none created",
      what: `largest |fees − royalties received| ÷ fees of a run is at most ${ROUNDING} (float rounding), ` +
        `over all ${allGaps.length} runs of this report (${DESIGN}, §4.1: the reward pool R = fee_amount)`,
      holds: Math.max(...allGaps) <= ROUNDING,
      detail: `largest ${Math.max(...allGaps).toPrecision(2)}`,
    }),
    check({
      id: "untraced_is_initiator",
      title: "An untraced contribution is paid as an initiator",
      what: `at tracing accuracy 0 with no false-positive links, no fee reaches upstream creators (at most ` +
        `${ROUNDING} of the fees), over ${tracing0.length} runs (${DESIGN}, §4.2)`,
      holds: Math.max(...tracing0) <= ROUNDING,
      detail: `largest ${Math.max(...tracing0).toPrecision(2)}`,
    }),
  ];
}
