/**
 * The worker side of `parallel.ts`: loads the model, runs its range of units, and sends the columns back
 * by transfer. Failures travel as plain data and are rebuilt as RunErrors on the other side.
 */
/// <reference lib="deno.worker" />
import type { AnyModel } from "./model.ts";
import type { Columns, RecordOptions, WorkUnit } from "./run_unit.ts";
import { type RunPlan, runRange } from "./simulate.ts";
import type { ParamValue } from "./params.ts";

export interface WorkerRequest {
  readonly module: string;
  readonly exportName: string;
  readonly plan: RunPlan;
  readonly from: number;
  readonly to: number;
  readonly record: RecordOptions;
}

export type WorkerReply =
  | { readonly kind: "unit" }
  | { readonly kind: "error"; readonly message: string }
  | {
    readonly kind: "done";
    readonly columns: Columns;
    readonly failed: readonly {
      readonly index: number;
      readonly unit: WorkUnit;
      readonly params: Readonly<Record<string, ParamValue>>;
      readonly timestep: number;
      readonly substep: number;
      readonly message: string;
    }[];
  };

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const { module, exportName, plan, from, to, record } = e.data;
  try {
    const model = (await import(module))[exportName] as AnyModel;
    const { columns, failed } = runRange(
      model,
      plan,
      from,
      to,
      record,
      () => self.postMessage({ kind: "unit" }),
    );
    const buffers = [
      columns.subset,
      columns.run,
      columns.substep,
      columns.timestep,
      ...Object.values(columns.values),
    ]
      .map((c) => c.buffer);
    const reply: WorkerReply = {
      kind: "done",
      columns,
      failed: failed.map(({ index, error }) => ({
        index,
        unit: error.unit,
        params: error.params,
        timestep: error.timestep,
        substep: error.substep,
        message: error.cause instanceof Error ? error.cause.message : String(error.cause),
      })),
    };
    self.postMessage(reply, buffers);
  } catch (error) {
    self.postMessage({ kind: "error", message: (error as Error).message });
  }
};
