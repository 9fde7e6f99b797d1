/**
 * One of two processes sharing a run cache (tests/engine/cache_test.ts): runs the walk model under
 * several seeds, twice over, through the cache given by RUN_CACHE_DIR, and prints each result's digest.
 */
import { createHash } from "node:crypto";
import type { RunResult } from "@lib/engine/executor.ts";
import { simulate } from "@lib/engine/simulate.ts";
import { walk } from "./walk_model.ts";

export const CACHE_PROCESS_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
export const CACHE_PROCESS_PLAN = { runs: 40, steps: 50 };

/** Each table's columns as kind and bytes (labels too), for comparing results byte for byte. */
export function bytesOf(result: RunResult) {
  return Object.fromEntries(
    Object.entries(result.tables).map(([name, table]) => [name, {
      rows: table.rows,
      keys: table.keys,
      columns: Object.fromEntries(
        Object.entries(table.columns).map(([column, data]) => [column, {
          kind: data.kind,
          labels: data.kind === "string" ? data.labels : undefined,
          bytes: [...new Uint8Array(data.values.buffer, data.values.byteOffset, data.values.byteLength)],
        }]),
      ),
    }]),
  );
}

export function resultDigest(result: RunResult): string {
  return createHash("sha256").update(JSON.stringify(bytesOf(result))).digest("hex");
}

if (import.meta.main) {
  for (const seed of [...CACHE_PROCESS_SEEDS, ...CACHE_PROCESS_SEEDS]) {
    console.log(resultDigest(simulate(walk, { ...CACHE_PROCESS_PLAN, seed })));
  }
}
