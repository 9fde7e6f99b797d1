/**
 * Running a plan straight into a dataset: the executor encodes each shard where it runs (see
 * ExecuteOptions.encoding) and hands the pieces over in plan order; they are appended here as they come,
 * so no table is ever whole in memory and no row is written twice. The dataset is swapped in only when
 * every unit has run. A shard of a larger job keeps Arrow IPC parts for `merge`.
 */
import type { ExecuteOptions, Executor } from "../engine/executor.ts";
import type { RunPlan } from "../engine/plan.ts";
import type { Encoding } from "../engine/shard.ts";
import type { UnitFailure } from "../engine/unit_error.ts";
import { type FileEntry, StagedDataset, type TableFormat } from "./dataset.ts";

export interface RunInto {
  /** The output folder. */
  readonly target: string;
  readonly format: TableFormat;
  /**
   * How shards are encoded: as CSV pieces when the tables are written as CSV and this is no shard of a
   * larger job, otherwise as Arrow IPC parts; into scratch files in the folder `scratch`.
   */
  readonly encoding: (pieces: "csv" | "ipc", scratch: string) => Encoding;
  /** What the manifest says about the run (model, version, plan, ...), besides files and failures. */
  readonly manifest: Readonly<Record<string, unknown>>;
  /** This run is shard `index` of `count` of a larger job: keep the parts for `merge`. */
  readonly shard?: {
    readonly index: number;
    readonly count: number;
    readonly units: readonly [number, number];
  };
}

export interface Written {
  readonly files: readonly FileEntry[];
  readonly failures: readonly UnitFailure[];
}

/** Runs `plan` on `executor` into the dataset at `into.target`. */
export async function runInto(
  executor: Executor,
  plan: RunPlan,
  into: RunInto,
  options: ExecuteOptions = {},
): Promise<Written> {
  const staged = await StagedDataset.open(into.target);
  try {
    const failures: UnitFailure[] = [];
    const direct = into.format === "csv" && !into.shard;
    await executor.run(plan, async (shard) => {
      failures.push(...shard.failures.map((f) => f.failure));
      for (const piece of shard.encoded ?? []) {
        await (direct ? staged.appendCSV(piece) : staged.movePart(piece));
      }
    }, { ...options, encoding: into.encoding(direct ? "csv" : "ipc", staged.scratch) });
    const rows = Object.values(staged.parts()).reduce((n, t) => n + t.rows, 0) + staged.appendedRows();
    if (rows === 0 && failures.length > 0) {
      throw new Error(`every run failed; nothing written (first: ${failures[0].message})`);
    }
    if (into.shard) {
      const files = await staged.commit({
        ...into.manifest,
        shard: into.shard,
        parts: staged.parts(),
        failed_runs: failures,
      });
      return { files, failures };
    }
    await staged.finish(into.format);
    const files = await staged.commit({ ...into.manifest, failed_runs: failures });
    return { files, failures };
  } catch (e) {
    await staged.abort();
    throw e;
  }
}
