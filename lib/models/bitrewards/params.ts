/**
 * BITrewards parameters: which rules a run follows, then three groups — those both rule sets read
 * (shared_params.ts), those only the design rules read (design_params.ts) and those only the reference rules
 * read (reference_params.ts). Every name of the design document's parameter section (6) is among them, each
 * with unit, meaning, accepted range and default; see docs/models/bitrewards.md. The schema is flat: a
 * parameter is set by its name alone (`--set tracing_accuracy=0.5`, a scenario's `[set]`), whatever its
 * group; the groups are how `--help` lists them and how the code types what each variant reads.
 */
import type { ParamValues } from "../../engine/params.ts";
import { designParams } from "./design_params.ts";
import { referenceParams } from "./reference_params.ts";
import { sharedParams } from "./shared_params.ts";

export type { DesignParams } from "./design_params.ts";
export type { ReferenceParams } from "./reference_params.ts";
export type { SharedParams } from "./shared_params.ts";

export const bitrewardsParams = {
  rules: {
    kind: "choice",
    default: "design",
    options: ["design", "reference"],
    description:
      "Which rules the run follows: `design`, the design document's, or `reference`, the original implementation's " +
      "(yesthisischris/bitrewards_simulation at d219d55; see docs/models/bitrewards.md).",
  },
  ...sharedParams,
  ...designParams,
  ...referenceParams,
} as const;

/** Every parameter of a run, whichever rules it follows. */
export type BitrewardsParams = ParamValues<typeof bitrewardsParams>;
