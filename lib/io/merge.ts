/**
 * Merging the shards of a job (`DIR/shards/<index>/`, written by `sim --shard I/N`) into one dataset at
 * the top of `DIR`, with the same files as an unsharded run of the same plan. Every shard must be done and
 * sound (shards.ts checks each before anything it says is used) and nothing else may lie among them; the
 * tables are streamed from the shards' parts through the same step as an unsharded run's, so they are
 * byte-identical to it. A refusal names every shard that is not done, and writes nothing.
 */
import { join } from "node:path";
import { DatasetError, type FileEntry, StagedDataset } from "./dataset.ts";
import { SEAL } from "./manifest.ts";
import {
  type Foreign,
  type NotDone,
  type ShardManifest,
  SHARDS,
  shardStates,
  type ShardTable,
  shardTables,
} from "./shards.ts";

/** What a shard's manifest holds besides the plan's description (which the merged manifest repeats). */
const SHARD_ONLY = new Set(["generator", "shard", "parts", "failed_runs", "files", SEAL]);

/** Merges the shards of `dir` into the dataset at its top; refuses, naming them, unless all are done. */
export async function mergeShards(dir: string): Promise<readonly FileEntry[]> {
  const { count, shards, foreign } = await shardStates(dir);
  // Every done shard's files are checked and its tables read before anything is written.
  const bad: NotDone[] = [];
  const done: { manifest: ShardManifest; tables: ReadonlyMap<string, ShardTable> }[] = [];
  for (const shard of shards) {
    if (shard.state !== "done") {
      bad.push(shard);
      continue;
    }
    const tables = await shardTables(join(dir, SHARDS, String(shard.index)), shard.manifest);
    if (typeof tables === "string") bad.push({ index: shard.index, state: "damaged", reason: tables });
    else done.push({ manifest: shard.manifest, tables });
  }
  if (bad.length > 0 || foreign.length > 0) throw new DatasetError(refusal(dir, count, bad, foreign));

  const staged = await StagedDataset.open(dir, { keep: [SHARDS] });
  try {
    for (const { tables } of done) {
      for (const [table, { files, rows, columns }] of tables) staged.addParts(table, files, rows, columns);
    }
    const first = done[0].manifest;
    await staged.finish(first.format);
    const plan = Object.fromEntries(Object.entries(first).filter(([key]) => !SHARD_ONLY.has(key)));
    const failed_runs = done.flatMap((s) => s.manifest.failed_runs);
    return await staged.commit({ ...plan, failed_runs }, [SHARDS]);
  } catch (e) {
    await staged.abort();
    throw e;
  }
}

/** One line naming every shard that is not done and everything else among them. */
function refusal(dir: string, count: number, bad: readonly NotDone[], foreign: readonly Foreign[]): string {
  const problems = [];
  if (bad.length > 0) {
    const listed = bad.map((s) => `${s.index} (${s.state}: ${s.reason})`).join(", ");
    problems.push(`${bad.length} of ${count} shards not done: ${listed}`);
  }
  if (foreign.length > 0) {
    problems.push(`${SHARDS}/ also holds ${foreign.map((f) => `${f.name} (${f.reason})`).join(", ")}`);
  }
  return `cannot merge ${dir}: ${problems.join("; ")}`;
}
