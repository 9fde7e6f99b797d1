/**
 * Running a plan straight into a dataset: every shard the executor hands over (in plan order) is turned
 * into the tables to write and appended as parts, so no table is ever whole in memory; the dataset is
 * swapped in only when every unit has run. A shard of a larger job keeps its parts for `merge`.
 */
import type pl from "nodejs-polars";
import type { ExecuteOptions, Executor } from "../engine/executor.ts";
import type { RunPlan } from "../engine/plan.ts";
import type { Shard } from "../engine/shard.ts";
import type { UnitFailure } from "../engine/unit_error.ts";
import { type FileEntry, StagedDataset, type TableFormat } from "./dataset.ts";

export interface RunInto {
  /** The output folder. */
  readonly target: string;
  readonly format: TableFormat;
  /** The tables to write from one shard's recorded tables: (table, rows) pairs, appended in order. */
  readonly output: (shard: Shard) => Iterable<readonly [string, pl.DataFrame]>;
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

/**
 * Frees what written frames held. A Polars frame keeps its rows in native memory that V8 does not count,
 * and that memory is released by a finalizer, which runs only after a collection and a turn of the event
 * loop: without both, the frames of a long run pile up (measured: the default dataDAO run grew by 700 MB
 * while writing its parts; with them, memory stays flat). The collection needs Deno to run with
 * `--v8-flags=--expose-gc`, as the `sim` and `merge` tasks do; without it the turn alone still helps.
 */
async function releaseFrames(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 0));
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
    await executor.run(plan, async (shard) => {
      failures.push(...shard.failures.map((f) => f.failure));
      for (const [name, frame] of into.output(shard)) {
        staged.writePart(name, frame);
        await releaseFrames();
      }
    }, options);
    const rows = Object.values(staged.parts()).reduce((n, t) => n + t.rows, 0);
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
