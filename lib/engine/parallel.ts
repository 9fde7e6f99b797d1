/**
 * A pool-of-workers executor: the plan's units are split into contiguous ranges, each run by a Web
 * Worker through the same `runRange` as the in-process executor, and the typed columns come back by
 * transfer (no row objects cross threads). Rows are identical to `execute`'s, whatever the worker count.
 */
import type { AnyModel } from "./model.ts";
import { type Columns, RunError } from "./run_unit.ts";
import {
  assemble,
  type ExecuteOptions,
  type RangeResult,
  recordOptions,
  type RunPlan,
  type SimulationResult,
} from "./simulate.ts";
import type { WorkerReply, WorkerRequest } from "./worker.ts";

/** Where a worker finds the model: a module URL and the name it is exported under. */
export interface ModelRef {
  readonly module: string;
  readonly exportName: string;
}

export interface ParallelOptions extends ExecuteOptions {
  /** Number of workers; default: the machine's logical cores. */
  readonly workers?: number;
}

/**
 * Boundaries of contiguous unit ranges, one per worker: [b0, b1), [b1, b2), … covering 0…total. At most
 * one worker per unit; default one per logical core.
 */
export function shardBounds(total: number, workers = navigator.hardwareConcurrency): number[] {
  const count = Math.max(1, Math.min(workers, total));
  return Array.from({ length: count + 1 }, (_, i) => Math.round((i * total) / count));
}

/** Runs a plan across workers and assembles the same result `execute` would. */
export async function executeParallel(
  ref: ModelRef,
  plan: RunPlan,
  options: ParallelOptions = {},
): Promise<SimulationResult> {
  const model = (await import(ref.module))[ref.exportName] as AnyModel;
  if (!model) throw new Error(`module ${ref.module} has no export '${ref.exportName}'`);
  const record = recordOptions(plan, options);
  const total = plan.subsets.length * plan.runs;
  const bounds = shardBounds(total, options.workers);
  let done = 0;
  const ranges = await Promise.all(
    bounds.slice(0, -1).map((from, i) =>
      runInWorker({ ...ref, plan, from, to: bounds[i + 1], record }, () => {
        done++;
        options.onProgress?.(done, total);
      })
    ),
  );
  return assemble(model, plan, record, concatRanges(ranges, bounds));
}

function runInWorker(request: WorkerRequest, onUnit: () => void): Promise<RangeResult & { from: number }> {
  const worker = new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" });
  return new Promise<RangeResult & { from: number }>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const reply = e.data;
      if (reply.kind === "unit") return onUnit();
      worker.terminate();
      if (reply.kind === "error") return reject(new Error(reply.message));
      resolve({
        from: request.from,
        columns: reply.columns,
        failed: reply.failed.map((f) => ({
          index: f.index,
          error: new RunError(f.unit, f.params, f.timestep, f.substep, new Error(f.message)),
        })),
      });
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      reject(new Error(`worker failed: ${e.message}`));
    };
    worker.postMessage(request);
  });
}

/** Joins the ranges' columns in plan order; failure indices become plan-wide. */
function concatRanges(
  ranges: readonly (RangeResult & { from: number })[],
  bounds: readonly number[],
): RangeResult {
  const rows = ranges.reduce((n, r) => n + r.columns.subset.length, 0);
  const first = ranges[0].columns;
  const join = <A extends Int32Array | Float64Array | BigInt64Array>(pick: (c: Columns) => A): A => {
    const out = new (pick(first).constructor as new (n: number) => A)(rows);
    let at = 0;
    for (const r of ranges) {
      const part = pick(r.columns);
      out.set(part as never, at);
      at += part.length;
    }
    return out;
  };
  const values: Columns["values"] = {};
  for (const name of Object.keys(first.values)) values[name] = join((c) => c.values[name]);
  return {
    columns: {
      subset: join((c) => c.subset),
      run: join((c) => c.run),
      substep: join((c) => c.substep),
      timestep: join((c) => c.timestep),
      values,
    },
    failed: ranges.flatMap((r, i) => r.failed.map((f) => ({ index: bounds[i] + f.index, error: f.error }))),
  };
}
