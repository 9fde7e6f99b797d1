/** The variant a run follows, chosen by its `rules` parameter. */
import { designRules } from "./design.ts";
import type { BitrewardsParams } from "./params.ts";
import { referenceRules } from "./reference.ts";
import type { Rules } from "./world.ts";

const RULES: Readonly<Record<BitrewardsParams["rules"], Rules>> = {
  design: designRules,
  reference: referenceRules,
};

export const rulesOf = (p: BitrewardsParams): Rules => RULES[p.rules];
