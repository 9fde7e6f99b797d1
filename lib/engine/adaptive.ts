/**
 * The executor that spends workers only where they pay for themselves. A pool costs each worker its own
 * copy of the model (and of whatever encodes its rows) and its own warm-up of the JIT (a cold first unit
 * of an agent-based model takes several times a warm one), and gains nothing when no core is idle. So the
 * run starts here, on the plan's first chunks (at least two: a cold one and a warm one), timing them and
 * watching how much of the machine stays idle meanwhile. When a pool is worth it, this thread, warm by
 * then, goes on running chunks beside one worker per idle core, at most `workers - 1` (see `here` in
 * pool.ts): the workers' start and warm-up delay their help but never the run, and no core is left to a
 * thread that only appends. The pool's estimated time for the rest is the workers' start and warm-up,
 * then the rest shared out at the warm rate; it is started only when that saves at least POOL_PAYS_MS
 * over this thread alone. When a long first (cold) chunk says the rest could take that long, the workers
 * are started ahead, while this thread still measures: their load and a warm-up unit then cost the run
 * nothing, and they are ended at once if the pool is decided against. Either way the chunks are one list,
 * computed from the range alone, so the shards (and the bytes written from them) never depend on how many
 * workers ran them, nor on timing.
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
import { KeptWorkers, startRequest, workerPool } from "./pool.ts";

/** How long this thread measures before it decides. */
const MEASURE_MS = 150;
/** The least time a pool must save to be started: its estimate is optimistic on a busy machine. */
const POOL_PAYS_MS = 500;
/** A worker's start: loading the model, Polars and the encoder (measured: 150–300 ms). */
const WORKER_START_MS = 300;
/**
 * The least time of a first chunk whose rate starts workers ahead of the decision. A shorter one is mostly
 * one-off costs (the first use of the encoder and of cold code, 30–40 ms with honey, whose first unit then
 * runs 170× slower than a warm one), and a worker started on its word costs this thread 30–50 ms to create
 * and the process as much to end: more than a short run gains.
 */
const TELLING_CHUNK_MS = 100;
/**
 * How much slower a cold first unit runs than a warm one, for a first chunk long enough to go by
 * (measured: BITrewards 188 ms against 45 ms). Without it, runs that no pool pays for (BITrewards' 16
 * units) started a worker ahead for nothing, 50 ms slower than one thread.
 */
const COLD_TO_WARM = 4;
/**
 * The longest first chunk that a worker started ahead runs again to warm up: longer units gain little from
 * a warm JIT, and would hold the worker back from its share.
 */
const WARM_UP_MAX_MS = 500;

/**
 * The least idle capacity of the machine, in cores, seen while this thread measured, for which a worker is
 * started: on a machine whose cores are all taken by other processes, a worker adds its start and its
 * memory and gains nothing (the operating system shares the cores between sessions, not threads).
 */
const MIN_FREE_CORES = 0.5;

/**
 * The thresholds above. `assumeFree` (cores taken as idle instead of measuring them) lets a test force a
 * pool whatever the machine is doing: it sets measureMs to 0, poolPaysMs to -Infinity, assumeFree to
 * Infinity.
 */
export interface Thresholds {
  readonly measureMs: number;
  readonly poolPaysMs: number;
  readonly minFreeCores: number;
  readonly assumeFree?: number;
  /** Default TELLING_CHUNK_MS; a test sets 0 to start workers ahead of a short run. */
  readonly tellingChunkMs?: number;
}

const THRESHOLDS: Thresholds = {
  measureMs: MEASURE_MS,
  poolPaysMs: POOL_PAYS_MS,
  minFreeCores: MIN_FREE_CORES,
};

/**
 * The machine's idle and total CPU time so far, and the time spent by this process's other threads (the
 * workers started ahead, which use cores a pool may have), in clock ticks (Linux's /proc); undefined
 * elsewhere.
 */
function cpuTicks(): { idle: number; total: number; others: number } | undefined {
  try {
    const line = Deno.readTextFileSync("/proc/stat").split("\n", 1)[0];
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const others = threadTicks("/proc/self/stat") - threadTicks("/proc/thread-self/stat");
    if (!line.startsWith("cpu ") || ticks.length < 5 || !ticks.concat(others).every(Number.isFinite)) {
      return undefined;
    }
    return { idle: ticks[3] + ticks[4], total: ticks.reduce((n, t) => n + t, 0), others };
  } catch {
    return undefined; // not Linux, or no permission: unknown
  }
}

/** User and system ticks of a /proc stat file (fields 14 and 15, counted after the parenthesised name). */
function threadTicks(path: string): number {
  const stat = Deno.readTextFileSync(path);
  const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Cores idle between two readings of cpuTicks, or busy with this process's other threads; Infinity when
 * unknown (then the estimate alone decides).
 */
function freeCores(before: ReturnType<typeof cpuTicks>, after: ReturnType<typeof cpuTicks>): number {
  // Fewer ticks than this (100 Hz on two cores: 50 ms) say too little to go by.
  if (!before || !after || after.total - before.total < 10) return Infinity;
  const free = after.idle - before.idle + after.others - before.others;
  return navigator.hardwareConcurrency * free / (after.total - before.total);
}

/**
 * The time `helpers` workers save on a rest that takes `restMs` in this thread alone, when they are ready
 * only after `readyMs`: this thread runs the rest alone until then, and shares what is left after.
 */
function saving(restMs: number, readyMs: number, helpers: number): number {
  return Math.max(0, restMs - readyMs) * helpers / (helpers + 1);
}

/**
 * An executor over at most `workers` threads, chunked by `chunking`: with one worker, or a model with no
 * module for workers to load, everything runs in this thread.
 */
export function adaptive(
  model: Runnable,
  workers: number,
  chunking: Chunking,
  thresholds: Thresholds = THRESHOLDS,
): Executor {
  const { measureMs, poolPaysMs, minFreeCores, assumeFree, tellingChunkMs = TELLING_CHUNK_MS } = thresholds;
  if (workers <= 1 || !model.module) return inProcess(model, chunking);
  return {
    async run(plan, sink, options = {}) {
      const [from, to] = unitRange(plan, options);
      const pieces = chunksOf(from, to, chunking);
      using kept = new KeptWorkers(); // workers started ahead: the pool's, or ended at the decision
      let keptSince: number | undefined;
      const { encoding, onProgress } = options;
      const encode = encoding && await encoderOf(encoding);
      let done = 0;
      const onUnit = onProgress && (() => onProgress(++done, to - from));
      const ticks = cpuTicks();
      let measuredMs = 0;
      let first = 0; // ms per unit of the first chunk (cold)
      let last = 0; // ms per unit of the latest chunk (warm)
      let next = 0;
      // In this thread until the measure says whether the rest is worth a pool.
      while (next < pieces.length && (next < 2 || measuredMs < measureMs)) {
        const [a, b] = pieces[next++];
        const start = performance.now();
        const shard = runRange(model, plan, a, b, options, onUnit);
        const out = encode ? encodedShard(shard, plan, encoding, encode) : shard;
        const end = performance.now();
        measuredMs += end - start;
        last = (end - start) / (b - a);
        if (next === 1) {
          first = last;
          // When the first chunk took long enough to go by, and the warm rate it suggests says a pool could
          // pay, the workers that pool could use start now: their load and warm-up overlap the measure.
          const ahead = Math.min(workers - 1, pieces.length - 3);
          if (
            ahead > 0 && end - start >= tellingChunkMs &&
            saving(first / COLD_TO_WARM * (to - b), WORKER_START_MS, ahead) >= poolPaysMs
          ) {
            const warmUp = end - start <= WARM_UP_MAX_MS ? pieces[0] : undefined;
            kept.prestart(ahead, { ...startRequest(model, plan, options), warmUp });
            keptSince = performance.now();
          }
        }
        await sink(out);
      }
      if (next === pieces.length) return;
      const [rest] = pieces[next];
      const tail = pieces.slice(next);
      const here = last * (to - rest);
      const loading = keptSince === undefined
        ? WORKER_START_MS
        : Math.max(0, WORKER_START_MS - (performance.now() - keptSince));
      const warmUp = loading + Math.max(0, first - last) * (pieces[0][1] - pieces[0][0]);
      // As many workers as idle cores were seen, besides this thread.
      const free = assumeFree ?? freeCores(ticks, cpuTicks());
      const helpers = Math.min(workers - 1, tail.length - 1, Math.max(0, Math.round(free)));
      const pool = helpers > 0 && free >= minFreeCores && saving(here, warmUp, helpers) >= poolPaysMs;
      if (!pool) kept[Symbol.dispose]();
      const executor = pool
        ? workerPool(model, helpers, () => tail, undefined, true, kept)
        : inProcess(model, () => tail);
      await executor.run(plan, sink, {
        ...options,
        units: [rest, to],
        onProgress: onProgress && ((d) => onProgress(rest - from + d, to - from)),
      });
    },
  };
}
