/**
 * A pool-of-workers executor for agent-based models: the plan's units are split into contiguous ranges,
 * each run by a Web Worker through `runAgents` restricted to its range, and the frames come back as Polars
 * IPC buffers, joined in plan order. Every unit draws from its own (seed, subset, run) stream, so the
 * tables are identical to `runAgents`' whatever the number of workers.
 */
import { Buffer } from "node:buffer";
import pl from "nodejs-polars";
import { type AgentModel, AgentRunError, type AgentRunOptions, type AgentRunResult } from "./agents.ts";
import { type ModelRef, shardBounds } from "./parallel.ts";
import type { RunPlan } from "./simulate.ts";
import type { AgentShardReply, AgentShardRequest } from "./agents_worker.ts";

export interface AgentParallelOptions extends Omit<AgentRunOptions, "units"> {
  /** Number of workers; default: the machine's logical cores. */
  readonly workers?: number;
}

/** Runs a plan across workers and returns the same tables `runAgents` would. */
export async function runAgentsParallel(
  ref: ModelRef,
  plan: RunPlan,
  options: AgentParallelOptions = {},
): Promise<AgentRunResult> {
  const model = (await import(ref.module))[ref.exportName] as AgentModel<never, never>;
  if (!model) throw new Error(`module ${ref.module} has no export '${ref.exportName}'`);
  const total = plan.subsets.length * plan.runs;
  const bounds = shardBounds(total, options.workers);
  let done = 0;
  const shards = await Promise.all(
    bounds.slice(0, -1).map((from, i) =>
      runShard(
        { ...ref, plan, from, to: bounds[i + 1], events: options.events, agents: options.agents },
        () => options.onProgress?.(++done, total),
      )
    ),
  );
  const join = (pick: (s: AgentShardReply & { kind: "done" }) => Uint8Array | undefined) => {
    const frames = shards.map(pick).filter((b): b is Uint8Array => b !== undefined)
      .map((bytes) => pl.readIPC(Buffer.from(bytes)));
    return frames.length === 0 ? undefined : pl.concat(frames, { how: "vertical" });
  };
  const eventNames = Object.keys(shards[0].events);
  return {
    plan,
    timeseries: join((s) => s.timeseries)!,
    agents: join((s) => s.agents),
    events: Object.fromEntries(eventNames.map((name) => [name, join((s) => s.events[name])!])),
    failures: shards.flatMap((s) =>
      s.failures.map((f) =>
        new AgentRunError(
          { subset: f.subset, run: f.run, seed: f.seed },
          plan.subsets[f.subset].params,
          f.timestep,
          f.phase,
          new Error(f.message),
        )
      )
    ),
  };
}

function runShard(
  request: AgentShardRequest,
  onUnit: () => void,
): Promise<AgentShardReply & { kind: "done" }> {
  const worker = new Worker(new URL("./agents_worker.ts", import.meta.url).href, { type: "module" });
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<AgentShardReply>) => {
      const reply = e.data;
      if (reply.kind === "unit") return onUnit();
      worker.terminate();
      if (reply.kind === "error") reject(new Error(reply.message));
      else resolve(reply);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      reject(new Error(`worker failed: ${e.message}`));
    };
    worker.postMessage(request);
  });
}
