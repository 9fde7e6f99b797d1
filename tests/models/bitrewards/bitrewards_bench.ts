/**
 * `deno task bench`: BITrewards steps per second at the reference population (30 creators, 6 investors,
 * 60 users) and at 10× and 100× it. Each benchmark is one whole run of the named number of steps, so
 * steps per second = steps / time per iteration.
 */
import { runWorld } from "@lib/engine/agents.ts";
import { resolveParams } from "@lib/engine/params.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";
import { bitrewardsParams } from "@lib/models/bitrewards/params.ts";

function population(scale: number) {
  return resolveParams(
    bitrewardsParams,
    { N_creators: 30 * scale, N_investors: 6 * scale, N_users: 60 * scale, initial_projects: 3 * scale },
    "bitrewards",
  );
}

for (const [scale, steps] of [[1, 240], [10, 60], [100, 12]] as const) {
  const params = population(scale);
  Deno.bench(
    `bitrewards ${scale}× population (${30 * scale}/${6 * scale}/${60 * scale}), ${steps} steps`,
    () => {
      runWorld(bitrewards, params, { steps, seed: 1 });
    },
  );
}
