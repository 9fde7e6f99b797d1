/**
 * Merging the shards of a job (`DIR/shards/<index>/`, written by `sim --shard I/N`) into one dataset at
 * the top of `DIR`, with the same files as an unsharded run of the same plan: every shard must be
 * present, complete (each file as its manifest lists it) and of the same plan (fingerprint). The tables
 * are streamed from the shards' parts through the same step as an unsharded run's, so they are
 * byte-identical to it.
 */
import { join } from "node:path";
import {
  DatasetError,
  type FileEntry,
  MANIFEST,
  readManifest,
  sha256File,
  StagedDataset,
  type TableFormat,
  type TableParts,
} from "./dataset.ts";

export const SHARDS = "shards";

/** What a shard's manifest says beyond the plan's description. */
interface ShardManifest {
  readonly fingerprint: string;
  readonly format: TableFormat;
  readonly shard: {
    readonly index: number;
    readonly count: number;
    readonly units: readonly [number, number];
  };
  readonly parts: Readonly<Record<string, TableParts>>;
  readonly failed_runs: readonly unknown[];
  readonly files: readonly FileEntry[];
  readonly [key: string]: unknown;
}

export type ShardState =
  | { readonly index: number; readonly state: "done"; readonly manifest: ShardManifest }
  | { readonly index: number; readonly state: "missing" | "failed" | "mismatched"; readonly reason: string };

/** The shards of a job as they stand: done, missing, failed (interrupted) or mismatched. */
export async function shardStates(
  dir: string,
  verify = true,
): Promise<{ count: number; shards: ShardState[] }> {
  const root = join(dir, SHARDS);
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(root)) names.push(entry.name);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new DatasetError(`${root} does not exist: no shards to merge`);
    }
    throw e;
  }
  const manifests = new Map<number, ShardManifest>();
  for (const name of names.filter((n) => /^\d+$/.test(n))) {
    const manifest = await readManifest(join(root, name)) as ShardManifest | undefined;
    if (manifest?.shard) manifests.set(Number(name), manifest);
  }
  if (manifests.size === 0) throw new DatasetError(`${root} holds no finished shard`);
  const reference = [...manifests.values()].sort((a, b) => a.shard.index - b.shard.index)[0];
  const count = reference.shard.count;
  const shards: ShardState[] = [];
  for (let index = 0; index < count; index++) {
    const manifest = manifests.get(index);
    if (!manifest) {
      const interrupted = names.some((n) => n.startsWith(`.${index}.staging-`) || n === `${index}.lock`);
      shards.push(
        interrupted
          ? { index, state: "failed", reason: "interrupted: it left a lock or a staging folder" }
          : { index, state: "missing", reason: "no output" },
      );
      continue;
    }
    const problem = manifest.shard.count !== count
      ? `it is shard ${manifest.shard.index}/${manifest.shard.count}, not of ${count}`
      : manifest.fingerprint !== reference.fingerprint
      ? "it ran another plan (its fingerprint differs)"
      : verify
      ? await damaged(join(root, String(index)), manifest.files)
      : undefined;
    shards.push(
      problem ? { index, state: "mismatched", reason: problem } : { index, state: "done", manifest },
    );
  }
  for (const index of manifests.keys()) {
    if (index >= count) {
      shards.push({ index, state: "mismatched", reason: `index ≥ the job's ${count} shards` });
    }
  }
  return { count, shards };
}

/** The first file of a shard that is not as its manifest lists it, described; undefined when all are. */
async function damaged(dir: string, files: readonly FileEntry[]): Promise<string | undefined> {
  for (const f of files) {
    const path = join(dir, f.file);
    let bytes: number;
    try {
      bytes = (await Deno.stat(path)).size;
    } catch {
      return `${f.file} is missing`;
    }
    if (bytes !== f.bytes || await sha256File(path) !== f.sha256) {
      return `${f.file} differs from its manifest`;
    }
  }
  return undefined;
}

/** One line per shard, for `merge --status`. */
export function describeStates(count: number, shards: readonly ShardState[]): string[] {
  const lines = shards.map((s) =>
    s.state === "done"
      ? `shard ${s.index}/${count}: done (units ${s.manifest.shard.units[0]}–${
        s.manifest.shard.units[1] - 1
      })`
      : `shard ${s.index}/${count}: ${s.state}: ${s.reason}`
  );
  const done = shards.filter((s) => s.state === "done").length;
  lines.push(`${done} of ${count} shards done`);
  return lines;
}

/** Merges the shards of `dir` into the dataset at its top; refuses, naming them, unless all are done. */
export async function mergeShards(dir: string): Promise<readonly FileEntry[]> {
  const { count, shards } = await shardStates(dir);
  const bad = shards.filter((s) => s.state !== "done");
  if (bad.length > 0) {
    const listed = bad.map((s) => `${s.index} (${s.state}: ${"reason" in s ? s.reason : ""})`).join(", ");
    throw new DatasetError(`cannot merge ${dir}: ${bad.length} of ${count} shards not done: ${listed}`);
  }
  const done = shards.map((s) => (s as Extract<ShardState, { state: "done" }>).manifest);
  const staged = await StagedDataset.open(dir, { keep: [SHARDS] });
  try {
    for (const [index, manifest] of done.entries()) {
      for (const [table, parts] of Object.entries(manifest.parts)) {
        const files = parts.files.map((f) => join(dir, SHARDS, String(index), f));
        staged.addParts(table, files, parts.rows, parts.columns);
      }
    }
    await staged.finish(done[0].format);
    const { shard: _, parts: __, failed_runs: ___, files: ____, generator: _____, ...plan } = done[0];
    return await staged.commit({ ...plan, failed_runs: done.flatMap((m) => m.failed_runs) }, [SHARDS]);
  } catch (e) {
    await staged.abort();
    throw e;
  }
}

export { MANIFEST };
