/**
 * The explorer's Web Worker: runs the settings a page sends and answers with their summaries, so that
 * a heavy model's runs leave the page responsive. Messages carry an id; progress is sent at most every
 * PROGRESS_MS, and the summaries (bands of a few hundred points, one median per output), never the rows.
 */
import { type RunRequest, runRequest } from "./run.ts";
import type { SettingSummary } from "./summary.ts";

/** Least time between two progress messages: often enough to watch, rarely enough to cost nothing. */
const PROGRESS_MS = 100;

export type ToWorker = { readonly id: number; readonly request: RunRequest };

export type FromWorker =
  | { readonly id: number; readonly kind: "progress"; readonly done: number; readonly total: number }
  | {
    readonly id: number;
    readonly kind: "result";
    readonly summaries: SettingSummary[];
    readonly ms: number;
  }
  | { readonly id: number; readonly kind: "error"; readonly message: string };

interface Scope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}

/** Serves run requests in this worker. */
export function serveRuns(scope: Scope): void {
  scope.onmessage = ({ data: { id, request } }) => {
    const started = performance.now();
    let sent = started;
    try {
      const summaries = runRequest(request, (done, total) => {
        const now = performance.now();
        if (now - sent < PROGRESS_MS) return;
        sent = now;
        scope.postMessage({ id, kind: "progress", done, total });
      });
      scope.postMessage({ id, kind: "result", summaries, ms: performance.now() - started });
    } catch (e) {
      scope.postMessage({ id, kind: "error", message: (e as Error).message });
    }
  };
}
