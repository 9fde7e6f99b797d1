/**
 * The executor that spends workers only where they pay for themselves. Starting a pool costs each worker
 * its own copy of the model (and of whatever encodes its rows): a few hundred milliseconds, more than a
 * small run takes in this thread. So the run starts here, on the plan's first chunks, and measures them;
 * only when the rest would take longer than POOL_PAYS_MS in this thread does it go to a pool. Either way
 * the chunks are the same list, computed from the range alone, so the shards (and the bytes written from
 * them) never depend on how many workers ran them, nor on timing.
 */
import { type Chunking, chunksOf, type Executor, inProcess, type Runnable, unitRange } from "./executor.ts";
import { workerPool } from "./pool.ts";

/** How long this thread measures before it decides (and the least a run must take to consider a pool). */
const MEASURE_MS = 150;
/** The least time left, run in this thread, for which starting a pool is worth it. */
const POOL_PAYS_MS = 1500;

/**
 * An executor over at most `workers` workers, chunked by `chunking`: with one worker, or a model with no
 * module for workers to load, everything runs in this thread.
 */
export function adaptive(model: Runnable, workers: number, chunking: Chunking): Executor {
  if (workers <= 1 || !model.module) return inProcess(model, chunking);
  const one = inProcess(model); // one chunk at a time, each as the range it is given
  return {
    async run(plan, sink, options = {}) {
      const [from, to] = unitRange(plan, options);
      const pieces = chunksOf(from, to, chunking);
      const onProgress = options.onProgress;
      let done = 0;
      const start = performance.now();
      let next = 0;
      // In this thread until the measure says whether the rest is worth a pool.
      while (next < pieces.length && performance.now() - start < MEASURE_MS) {
        const [a, b] = pieces[next++];
        await one.run(plan, sink, {
          ...options,
          units: [a, b],
          onProgress: onProgress && ((d) => onProgress(done + d, to - from)),
        });
        done += b - a;
      }
      if (next === pieces.length) return;
      const [rest] = pieces[next];
      const elapsed = performance.now() - start;
      const left = (elapsed / Math.max(1, done)) * (to - rest);
      const tail = pieces.slice(next);
      const executor = left >= POOL_PAYS_MS
        ? workerPool(model, Math.min(workers, tail.length), () => tail)
        : inProcess(model, () => tail);
      await executor.run(plan, sink, {
        ...options,
        units: [rest, to],
        onProgress: onProgress && ((d) => onProgress(done + d, to - from)),
      });
    },
  };
}
