/**
 * The executor that spends workers only where they pay for themselves. A pool costs each worker its own
 * copy of the model (and of whatever encodes its rows) and its own warm-up of the JIT (a cold first unit
 * of an agent-based model takes several times a warm one); and the encoding of rows as text is done by a
 * writer that does not run faster in two workers than in one (measured: Polars' CSV writer into memory).
 * So the run starts here, on the plan's first chunks (at least two: a cold one and a warm one), timing
 * the simulation and the encoding apart. It goes to a pool only when the pool's estimated time for the
 * rest (each worker's start and warm-up, then the rest shared out at the warm rate) saves at least
 * POOL_PAYS_MS over this thread's, and the simulation, the part workers share out, is most of the time.
 * Either way the chunks are one list, computed from the range alone, so the shards (and the bytes written
 * from them) never depend on how many workers ran them, nor on timing.
 */
import {
  type Chunking,
  chunksOf,
  encodedShard,
  encoderOf,
  type Executor,
  inProcess,
  type Runnable,
  runRange,
  unitRange,
} from "./executor.ts";
import { workerPool } from "./pool.ts";

/** How long this thread measures before it decides. */
const MEASURE_MS = 150;
/** The least time a pool must save to be started: its estimate is optimistic on a busy machine. */
const POOL_PAYS_MS = 500;
/** A worker's start: loading the model, Polars and the encoder (measured: 150–300 ms). */
const WORKER_START_MS = 300;
/** The least share of the time spent simulating (not encoding) for which a pool is worth it. */
const POOL_SHARE = 0.6;

/** The thresholds above (a test sets poolPaysMs to -Infinity and poolShare to 0 to force a pool). */
export interface Thresholds {
  readonly measureMs: number;
  readonly poolPaysMs: number;
  readonly poolShare: number;
}

const THRESHOLDS: Thresholds = { measureMs: MEASURE_MS, poolPaysMs: POOL_PAYS_MS, poolShare: POOL_SHARE };

/**
 * An executor over at most `workers` workers, chunked by `chunking`: with one worker, or a model with no
 * module for workers to load, everything runs in this thread.
 */
export function adaptive(
  model: Runnable,
  workers: number,
  chunking: Chunking,
  thresholds: Thresholds = THRESHOLDS,
): Executor {
  const { measureMs, poolPaysMs, poolShare } = thresholds;
  if (workers <= 1 || !model.module) return inProcess(model, chunking);
  return {
    async run(plan, sink, options = {}) {
      const [from, to] = unitRange(plan, options);
      const pieces = chunksOf(from, to, chunking);
      const { encoding, onProgress } = options;
      const encode = encoding && await encoderOf(encoding);
      let done = 0;
      const onUnit = onProgress && (() => onProgress(++done, to - from));
      let simulatingMs = 0;
      let encodingMs = 0;
      let first = 0; // ms per unit of the first chunk (cold)
      let last = 0; // ms per unit of the latest chunk (warm)
      let next = 0;
      // In this thread until the measure says whether the rest is worth a pool.
      while (next < pieces.length && (next < 2 || simulatingMs + encodingMs < measureMs)) {
        const [a, b] = pieces[next++];
        const start = performance.now();
        const shard = runRange(model, plan, a, b, options, onUnit);
        const ran = performance.now();
        const out = encode ? encodedShard(shard, plan, encoding, encode) : shard;
        const end = performance.now();
        encodingMs += end - ran;
        simulatingMs += ran - start;
        last = (end - start) / (b - a);
        if (next === 1) first = last;
        await sink(out);
      }
      if (next === pieces.length) return;
      const [rest] = pieces[next];
      const tail = pieces.slice(next);
      const here = last * (to - rest);
      const warmUp = WORKER_START_MS + Math.max(0, first - last) * (pieces[0][1] - pieces[0][0]);
      const pooled = warmUp + here / Math.min(workers, tail.length);
      const pool = here - pooled >= poolPaysMs && simulatingMs >= poolShare * (simulatingMs + encodingMs);
      const executor = pool
        ? workerPool(model, Math.min(workers, tail.length), () => tail)
        : inProcess(model, () => tail);
      await executor.run(plan, sink, {
        ...options,
        units: [rest, to],
        onProgress: onProgress && ((d) => onProgress(rest - from + d, to - from)),
      });
    },
  };
}
