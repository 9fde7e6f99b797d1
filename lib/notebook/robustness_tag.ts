/**
 * How robust a verdict is, in words a reader takes in at a glance: the compact tag of the verdict table's
 * robustness column ("robust", "fragile: 82 % agree", "depends on 3 parameters: 64 % agree") and the full
 * detail that is folded under the claim (each margin, share and parameter name). Both are read from the
 * robustness lib/analysis/robustness.ts computed, so the table and "What we found" cannot say more than it
 * does.
 */
import { formatNumber } from "../analysis/format.ts";
import { MIN_MARGIN, RESAMPLES, STABLE_SHARE } from "../analysis/robustness.ts";
import type { TestedClaim } from "./claim.ts";

const pct = (share: number) => `${formatNumber(100 * share, { digits: 2 })} %`;
const spreads = (margin: number) => formatNumber(margin, { digits: 2 });

/** The robustness column: a few words, the parameters' names folded when there is more than one. */
export function robustnessTag(c: TestedClaim): string {
  const { kind, margin, stability } = c.robustness;
  switch (kind) {
    case "robust":
    case "exact":
      return kind;
    case "depends": {
      // The share is the one number a reader needs to weigh "depends": how much of the space agrees.
      const flips = c.dependence?.flips ?? [];
      const on = flips.length === 1
        ? flips[0]
        : flips.length > 1
        ? `${flips.length} parameters`
        : "the parameters";
      const agreement = c.robustness.agreement;
      const tag = agreement === undefined ? `depends on ${on}` : `depends on ${on}: ${pct(agreement)} agree`;
      // "Depends" outranks "fragile" in the label, so a verdict also near its threshold says so here.
      return margin !== undefined && margin < MIN_MARGIN
        ? `${tag}; ${spreads(margin)} spread from flipping`
        : tag;
    }
    case "fragile":
      // In the order lib/analysis/robustness.ts calls a verdict fragile: unstable over seeds, else near.
      return stability !== undefined && stability < STABLE_SHARE
        ? `fragile: ${pct(stability)} agree`
        : margin === 0
        ? "fragile: on the threshold"
        : `fragile: ${spreads(margin!)} spread from flipping`;
    case "unresampled":
      return margin === undefined ? "no resampling" : `margin ${spreads(margin)}, no resampling`;
  }
}

/** The folded detail: every measure of robustness there is, with what it was measured on. */
export function robustnessDetail(c: TestedClaim): string {
  const { kind, margin, stability, resamples = RESAMPLES, agreement, spreadless } = c.robustness;
  const parts: string[] = [];
  // No spread means nothing to resample: say so, whether or not the parameters make the verdict depend.
  if (kind === "exact" || spreadless) parts.push("no spread: the same value in every run");
  if (margin !== undefined) {
    parts.push(`the threshold would have to move by ${spreads(margin)} spread (5–95 % width) to flip it`);
  }
  if (stability !== undefined && (c.evidence ?? c.measured.evidence)?.readings) {
    parts.push(
      `${pct(stability)} of ${resamples.toLocaleString("en-US")} resampled run sets agree, each judged ` +
        "by its own bootstrap interval",
    );
  } else if (stability !== undefined) {
    parts.push(
      `${pct(stability)} of ${resamples.toLocaleString("en-US")} bootstrap resamples of the runs agree`,
    );
  } else if (kind !== "exact" && !spreadless) {
    parts.push("its stability over seeds is not measured (no per-run values)");
  }
  if (c.dependence && agreement !== undefined) {
    const { flips, sample } = c.dependence;
    parts.push(
      `${pct(agreement)} of ${sample} agree` +
        (flips.length === 0
          ? ""
          : agreement < 1
          ? `; ${flips.length === 1 ? "the parameter that flips it" : "parameters that flip it"}: ${
            flips.join(", ")
          }`
          // Drivers of a verdict the whole sample agrees with move its value but flip nothing.
          : `; ${
            flips.length === 1 ? "the parameter that moves its value" : "parameters that move its value"
          } ` +
            `(none flips it): ${flips.join(", ")}`),
    );
  }
  return `${c.robustness.label}: ${parts.join("; ")}.`;
}
