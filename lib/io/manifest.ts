/**
 * What lets a manifest be checked when it is read back (by `merge`): its seal and the plan's fingerprint.
 *
 * The seal is the sha256 of the manifest's content as compact JSON (no spacing, keys in their order),
 * written into the manifest as `manifest_sha256`: any edit of a value or of the order of keys (which the
 * merged manifest repeats) breaks it, while other spacing does not. It catches a careless edit, a bad copy
 * or a damaged file, not a forger — anyone can recompute a sha256 — so `merge` also recomputes from the
 * files themselves what it can.
 *
 * The fingerprint identifies a plan (everything that decides the rows, and nothing that does not, such as
 * the name of the scenario file that gave the values) so that shards of one plan can be told from others;
 * it is computed from the plan as the manifest records it, so a reader can recompute it too.
 */
import { createHash } from "node:crypto";

export const SEAL = "manifest_sha256";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The seal of a manifest's content (without any seal it holds); the same as it reads back from its JSON. */
function sealOf(manifest: Readonly<Record<string, unknown>>): string {
  const { [SEAL]: _, ...content } = manifest;
  return sha256(JSON.stringify(content));
}

/** The manifest with its seal as its last entry. */
export function sealed(manifest: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...manifest, [SEAL]: sealOf(manifest) };
}

/** Whether a manifest read back holds a seal that matches its content. */
export function sealHolds(manifest: Readonly<Record<string, unknown>>): boolean {
  return typeof manifest[SEAL] === "string" && manifest[SEAL] === sealOf(manifest);
}

/** The plan as a manifest records it: what its fingerprint is computed from. */
export interface PlanRecord {
  readonly model: unknown;
  readonly version: unknown;
  readonly seed: unknown;
  readonly steps: unknown;
  readonly runs: unknown;
  readonly swept: unknown;
  readonly subsets: readonly { readonly params: unknown }[];
  readonly tables: unknown;
  readonly format: unknown;
}

/** The fingerprint of a recorded plan. */
export function planFingerprint(plan: PlanRecord): string {
  return sha256(JSON.stringify({
    model: plan.model,
    version: plan.version,
    seed: plan.seed,
    steps: plan.steps,
    runs: plan.runs,
    swept: plan.swept,
    subsets: plan.subsets.map((s) => s.params),
    tables: plan.tables,
    format: plan.format,
  }));
}
