/**
 * `deno task bench`: BITrewards steps per second at the reference population (30 creators, 6 investors,
 * 60 users: the parameter defaults) and at 10× and 100× it. Each iteration is one unit (one world, seed 1,
 * no recording) run for the number of steps in the bench's name, so
 *
 *   steps per second = steps / time per iteration (avg; min for the best case).
 *
 * The step counts keep an iteration well under two seconds at 100×. The cost of a step grows as the
 * contribution graph grows over a run, so the shorter runs at 10× and 100× measure earlier (cheaper) steps:
 * compare each scale with itself before and after a change, not the scales with each other.
 *
 * `initial_projects` is scaled with the population (3, 30, 300) so that every scale starts with ten
 * creators per project, as the reference does, rather than a thousand at 100×: a larger network of the
 * same shape, not a differently shaped one.
 *
 * The iterations are fixed (not time-budgeted) so that every run of the bench does the same work; the
 * warm-up ones let the JIT compile the model first, so these are warmed figures: a cold `deno task sim`
 * run also pays for start-up, compilation and writing its tables.
 */
import { runWorld } from "@lib/engine/agents.ts";
import { resolveParams } from "@lib/engine/params.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";
import { bitrewardsParams } from "@lib/models/bitrewards/params.ts";

const SCALES = [
  { scale: 1, steps: 240, n: 30, warmup: 5 },
  { scale: 10, steps: 48, n: 20, warmup: 5 },
  { scale: 100, steps: 12, n: 6, warmup: 2 },
] as const;

for (const { scale, steps, n, warmup } of SCALES) {
  const [creators, investors, users] = [30 * scale, 6 * scale, 60 * scale];
  const params = resolveParams(
    bitrewardsParams,
    { N_creators: creators, N_investors: investors, N_users: users, initial_projects: 3 * scale },
    "bitrewards",
  );
  const name = `bitrewards ${scale}× population (${creators + investors + users} agents: ` +
    `${creators}/${investors}/${users}), ${steps} steps`;
  Deno.bench(name, { n, warmup }, () => {
    runWorld(bitrewards, params, { steps, seed: 1 });
  });
}
