/**
 * The worker side of `agents_parallel.ts`: runs one contiguous range of a plan's units with `runAgents`
 * and sends each table back as a Polars IPC buffer (failures as plain data).
 */
/// <reference lib="deno.worker" />
import { type AnyAgentModel, runAgents } from "./agents.ts";
import type { RunPlan } from "./simulate.ts";
import type pl from "nodejs-polars";

export interface AgentShardRequest {
  readonly module: string;
  readonly exportName: string;
  readonly plan: RunPlan;
  readonly from: number;
  readonly to: number;
  readonly events?: readonly string[];
  readonly agents?: boolean;
}

export type AgentShardReply =
  | { readonly kind: "unit" }
  | { readonly kind: "error"; readonly message: string }
  | {
    readonly kind: "done";
    readonly timeseries: Uint8Array;
    readonly agents?: Uint8Array;
    readonly events: Readonly<Record<string, Uint8Array>>;
    readonly failures: readonly {
      readonly subset: number;
      readonly run: number;
      readonly seed: string;
      readonly timestep: number;
      readonly phase: string;
      readonly message: string;
    }[];
  };

const ipc = (frame: pl.DataFrame) => new Uint8Array(frame.writeIPC());

self.onmessage = async (e: MessageEvent<AgentShardRequest>) => {
  const { module, exportName, plan, from, to, events, agents } = e.data;
  try {
    const model = (await import(module))[exportName] as AnyAgentModel;
    const result = runAgents(model, plan, {
      units: [from, to],
      events,
      agents,
      onProgress: () => self.postMessage({ kind: "unit" }),
    });
    const reply: AgentShardReply = {
      kind: "done",
      timeseries: ipc(result.timeseries),
      agents: result.agents ? ipc(result.agents) : undefined,
      events: Object.fromEntries(Object.entries(result.events).map(([name, f]) => [name, ipc(f)])),
      failures: result.failures.map((f) => ({
        subset: f.unit.subset,
        run: f.unit.run,
        seed: f.unit.seed,
        timestep: f.timestep,
        phase: f.phase,
        message: f.cause instanceof Error ? f.cause.message : String(f.cause),
      })),
    };
    const buffers = [reply.timeseries, reply.agents, ...Object.values(reply.events)]
      .filter((b): b is Uint8Array => b !== undefined).map((b) => b.buffer as ArrayBuffer);
    self.postMessage(reply, buffers);
  } catch (error) {
    self.postMessage({ kind: "error", message: (error as Error).message });
  }
};
