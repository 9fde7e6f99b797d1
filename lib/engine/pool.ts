/**
 * A pool of Web Workers as an executor. The range to run is cut into chunks of consecutive units; each
 * idle worker takes the next chunk, runs it through the same `runRange` as this thread, and sends its
 * tables back as typed columns by transfer (no row objects cross threads). Shards reach the sink in plan
 * order, so the joined tables are identical to an in-process run for any number of workers.
 *
 * With `here`, this thread runs chunks too, between sinking shards: a thread whose JIT is already warm
 * (see adaptive.ts) keeps working while the workers start, and no core waits on a thread that only
 * appends. Each worker then holds two chunks, so that it is not idle while this thread runs one.
 *
 * Memory stays bounded: at most `2 × workers` chunks (`2 × (workers + 1)` with `here`) are run ahead of
 * the sink. A fatal error (a worker that cannot load the model, a bug outside any unit, a sink that
 * throws) stops every worker at once.
 */
import {
  type Chunking,
  chunksOf,
  encodedShard,
  encoderOf,
  type ExecuteOptions,
  type Executor,
  type Runnable,
  runRange,
  unitRange,
} from "./executor.ts";
import { ModelError } from "./model.ts";
import type { RunPlan } from "./plan.ts";
import type { EncodedPiece, Encoding, RecordOptions, Shard } from "./shard.ts";
import type { TableData } from "./table.ts";
import { UnitError, type UnitFailure } from "./unit_error.ts";

/** Main thread → worker. */
export type WorkerRequest = StartRequest | {
  readonly kind: "run";
  readonly from: number;
  readonly to: number;
};

/** Main thread → worker, first: what to load and run. A worker started twice alike loads once. */
export interface StartRequest {
  readonly kind: "start";
  readonly module: string;
  readonly exportName: string;
  readonly plan: RunPlan;
  readonly options: RecordOptions;
  /** Encode each shard in the worker and send its bytes instead of its tables. */
  readonly encoding?: Encoding;
  /** The longest a worker keeps finished units unreported, in milliseconds. */
  readonly progressMs: number;
  /**
   * Units the worker runs once as soon as it has loaded, discarding them: a worker started ahead warms
   * its JIT while it would otherwise wait (a cold unit costs several warm ones), so that its first chunk
   * runs at the warm rate.
   */
  readonly warmUp?: readonly [number, number];
}

/** The start request of a run of `plan` on `model` (which must declare its module) with `options`. */
export function startRequest(
  model: Runnable,
  plan: RunPlan,
  options: ExecuteOptions,
  progressMs = PROGRESS_MS,
): StartRequest {
  return {
    kind: "start",
    module: moduleOf(model),
    exportName: model.name,
    plan,
    options: recordOptions(options),
    encoding: options.encoding,
    progressMs,
  };
}

/** The module a worker imports to run `model`; a model without one cannot run on workers. */
function moduleOf(model: Runnable): string {
  if (!model.module) {
    throw new Error(`model ${model.name} declares no module, so workers cannot load it; run it in process`);
  }
  return model.module;
}

/** The options a worker records with: those of `options` that are plain data. */
function recordOptions(options: RecordOptions): RecordOptions {
  return {
    lastSubstepOnly: options.lastSubstepOnly,
    freeze: options.freeze,
    generateCode: options.generateCode,
    events: options.events,
    agents: options.agents,
  };
}

/**
 * Worker → main thread. Progress comes in batches (`units` finished since the last report, and the
 * rest with the shard): one message per unit cost about 40 µs, a third of the time of a short unit.
 */
export type WorkerReply =
  | { readonly kind: "units"; readonly count: number }
  | {
    readonly kind: "shard";
    readonly from: number;
    readonly to: number;
    readonly tables: Readonly<Record<string, TableData>>;
    readonly encoded?: readonly EncodedPiece[];
    readonly failures: readonly UnitFailure[];
    /** Units finished since the last `units` report. */
    readonly units: number;
  }
  | {
    readonly kind: "fatal";
    readonly message: string;
    /** The error was the model's own mistake (ModelError), rebuilt as one on this side. */
    readonly model: boolean;
  };

/** Chunks per worker when none is given: enough to balance uneven units, few enough to stay cheap. */
const CHUNKS_PER_WORKER = 4;

/** The longest a worker keeps finished units unreported by default: often enough for a progress line. */
const PROGRESS_MS = 100;

function startWorker(): Worker {
  return new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" });
}

/**
 * Workers kept from one pool run to the next (each `workerPool` run otherwise starts its own, about a
 * quarter of a second and 0.1 CPU-second per worker, mostly loading the model's modules): a run takes the
 * idle ones and starts any more it needs, and gives them back when it has finished without error. Disposing
 * ends the idle workers; a process with any left waits for them.
 */
export class KeptWorkers implements Disposable {
  #idle: Worker[] = [];

  /**
   * Starts `count` workers now, loading what `start` names, and keeps them idle: a run that may want a
   * pool starts them before it knows (see adaptive.ts), so that their load overlaps its own work.
   */
  prestart(count: number, start: StartRequest): void {
    for (let i = 0; i < count; i++) {
      const worker = startWorker();
      worker.postMessage(start);
      this.#idle.push(worker);
    }
  }

  take(count: number): Worker[] {
    const taken = this.#idle.splice(0, count);
    while (taken.length < count) taken.push(startWorker());
    return taken;
  }

  give(workers: readonly Worker[]): void {
    for (const worker of workers) {
      worker.onmessage = null;
      worker.onerror = null;
    }
    this.#idle.push(...workers);
  }

  [Symbol.dispose](): void {
    for (const worker of this.#idle.splice(0)) worker.terminate();
  }
}

/**
 * An executor over `workers` Web Workers (default: the machine's logical cores), chunked by `chunkUnits`
 * (units per chunk, or a function of the range; default: the range split into about four chunks per
 * worker), each worker reporting finished
 * units at most every `progressMs` milliseconds and with each chunk, taking its workers from `kept` when
 * given. The model must declare `module`. With `here`, this thread runs chunks as well (the range is then
 * split as for `workers + 1`).
 */
export function workerPool(
  model: Runnable,
  workers = navigator.hardwareConcurrency,
  chunkUnits?: Chunking,
  progressMs = PROGRESS_MS,
  here = false,
  kept?: KeptWorkers,
): Executor {
  moduleOf(model); // refused here, before any run
  if (!(Number.isInteger(workers) && workers >= 1)) {
    throw new RangeError(`workers must be a whole number ≥ 1, got ${workers}`);
  }
  return {
    run(plan, sink, options = {}) {
      const [from, to] = unitRange(plan, options);
      const threads = workers + (here ? 1 : 0);
      const pieces = chunksOf(
        from,
        to,
        chunkUnits ?? Math.max(1, Math.ceil((to - from) / (threads * CHUNKS_PER_WORKER))),
      );
      if (pieces.length === 0) return Promise.resolve();
      const start = startRequest(model, plan, options, progressMs);
      const count = Math.min(workers, pieces.length);
      const pool = kept ? kept.take(count) : Array.from({ length: count }, startWorker);
      const encoding = options.encoding;
      return new Promise<void>((resolve, reject) => {
        const maxAhead = 2 * (pool.length + (here ? 1 : 0));
        const perWorker = here ? 2 : 1;
        const ready = new Map<number, Shard>();
        // Each worker's chunks in the order it runs (and replies to) them.
        const assigned = new Map<Worker, number[]>(pool.map((w) => [w, []]));
        let dispatched = 0;
        let sunk = 0;
        let unitsDone = 0;
        let sinking = false;
        let finished = false;
        let hereBusy = false;
        const progress = (units: number) => {
          unitsDone += units;
          options.onProgress?.(unitsDone, to - from);
        };

        const stop = (error?: unknown) => {
          if (finished) return;
          finished = true;
          // A worker that failed, or was stopped mid-chunk, is not reused.
          if (kept && error === undefined) kept.give(pool);
          else for (const worker of pool) worker.terminate();
          if (error === undefined) resolve();
          else reject(error);
        };
        const open = () => !finished && dispatched < pieces.length && dispatched - sunk < maxAhead;
        const dispatch = () => {
          for (let depth = 1; depth <= perWorker; depth++) {
            for (const worker of pool) {
              const queue = assigned.get(worker)!;
              if (!open() || queue.length >= depth) continue;
              const [a, b] = pieces[dispatched];
              queue.push(dispatched++);
              worker.postMessage({ kind: "run", from: a, to: b } satisfies WorkerRequest);
            }
          }
          if (here && !hereBusy && open()) {
            hereBusy = true;
            setTimeout(runHere, 0);
          }
        };
        // One chunk in this thread, then back to the event loop (shards to sink, workers to feed).
        const runHere = async () => {
          try {
            if (!open()) return;
            const index = dispatched++;
            const [a, b] = pieces[index];
            const encode = encoding && await encoderOf(encoding);
            const shard = runRange(model, plan, a, b, start.options, () => progress(1));
            ready.set(index, encode ? encodedShard(shard, plan, encoding, encode) : shard);
            drain();
          } catch (error) {
            stop(error);
          } finally {
            hereBusy = false;
          }
          dispatch();
        };
        const drain = async () => {
          if (sinking) return;
          sinking = true;
          try {
            while (!finished && ready.has(sunk)) {
              const shard = ready.get(sunk)!;
              ready.delete(sunk);
              await sink(shard);
              sunk++;
              dispatch();
            }
            if (sunk === pieces.length) stop();
          } catch (error) {
            stop(error);
          } finally {
            sinking = false;
          }
        };

        for (const worker of pool) {
          worker.onmessage = (e: MessageEvent<WorkerReply>) => {
            // A reply sent before the pool stopped may still arrive: after the end, nothing is reported.
            if (finished) return;
            const reply = e.data;
            if (reply.kind === "fatal") {
              return stop(reply.model ? new ModelError(reply.message) : new Error(reply.message));
            }
            progress(reply.kind === "units" ? reply.count : reply.units);
            if (reply.kind === "units") return;
            ready.set(assigned.get(worker)!.shift()!, {
              from: reply.from,
              to: reply.to,
              tables: reply.tables,
              encoded: reply.encoded,
              failures: reply.failures.map((f) => UnitError.from(f, plan)),
            });
            dispatch();
            drain();
          };
          worker.onerror = (e) => {
            e.preventDefault();
            stop(new Error(`worker failed: ${e.message}`));
          };
          worker.postMessage(start);
        }
        dispatch();
      });
    },
  };
}
