/**
 * Runs an explorer's settings: the same plan (planRuns), engine (runInProcess) and streams as
 * `deno task sim`, so a setting's numbers equal the command line's for the same parameters and seed.
 * It runs in the page's Web Worker (see worker.ts), where no code may be generated: the page's policy has
 * no 'unsafe-eval', so the generic path is asked for outright rather than found by a refused attempt.
 */
import { runInProcess } from "../engine/executor.ts";
import { planRuns } from "../engine/plan.ts";
import { explorable } from "./models.ts";
import type { Values } from "./state.ts";
import { type SettingSummary, summarise } from "./summary.ts";

export interface RunRequest {
  readonly model: string;
  /** One or two settings (the second: "compare with"), every parameter's value. */
  readonly settings: readonly Values[];
  readonly runs: number;
  readonly steps: number;
  readonly seed: string | number;
}

/** Runs every setting of a request and summarises each; `onProgress` gets (runs done, runs in all). */
export function runRequest(
  request: RunRequest,
  onProgress: (done: number, total: number) => void = () => {},
): SettingSummary[] {
  const { model, charts } = explorable(request.model);
  const plans = request.settings.map((set) =>
    planRuns(model, { set, runs: request.runs, steps: request.steps, seed: request.seed })
  );
  const total = plans.length * request.runs;
  return plans.map((plan, i) => {
    const result = runInProcess(model, plan, {
      generateCode: false,
      agents: false,
      events: [],
      onProgress: (done) => onProgress(i * request.runs + done, total),
    });
    if (result.failures.length > 0) throw new Error(result.failures[0].message);
    return summarise(result.tables.timeseries, charts);
  });
}
