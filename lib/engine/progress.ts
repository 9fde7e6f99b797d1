/**
 * Progress of a long run in a Jupyter cell: once a run has taken 2 s, a line under the cell shows the
 * units done, updated in place (`update_display_data`, through the Deno kernel's `Deno.jupyter.display`
 * with a display id), and emptied when the run ends — the report's runner drops an emptied display
 * (lib/report/execute_notebook.py). Outside a Jupyter kernel, nothing.
 *
 * The kernel sends a display only when the thread is free, so progress is shown for runs over workers
 * (`runParallel`), while the thread waits; a run in the thread holds it to the end, and its updates would
 * all leave then (checked in a Deno 2.9 kernel: a 5 s run's 20 updates arrived together after it).
 */

/** Runs shorter than this show nothing. */
export const PROGRESS_AFTER_MS = 2000;
/** Least time between two updates. */
const EVERY_MS = 250;

export interface Progress {
  /** Units done of total. */
  update(done: number, total: number): void;
  /** Empties the line (when one was shown). */
  finish(): void;
}

type Display = (
  bundle: Record<string, string>,
  options: { raw: true; display_id: string; update?: boolean },
) => Promise<void>;

/** The kernel's display function, or undefined outside a Jupyter kernel. */
function jupyterDisplay(): Display | undefined {
  try {
    // Reading Deno.jupyter outside `deno jupyter` throws.
    const jupyter = (Deno as unknown as { jupyter?: { display?: unknown } }).jupyter;
    return typeof jupyter?.display === "function" ? jupyter.display.bind(jupyter) as Display : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Progress for a run of `label` (e.g. the model's name) in Jupyter, or undefined outside it. `now` and
 * `display` are for tests.
 */
export function jupyterProgress(
  label: string,
  { now = () => performance.now(), display = jupyterDisplay() }: { now?: () => number; display?: Display } =
    {},
): Progress | undefined {
  if (!display) return undefined;
  const started = now();
  const id = `run-progress-${crypto.randomUUID()}`;
  let shown = false;
  let last = -Infinity;
  const send = (bundle: Record<string, string>) => {
    const update = shown;
    shown = true;
    // Fire and forget: progress must never fail or slow the run it reports.
    display(bundle, { raw: true, display_id: id, ...(update ? { update: true } : {}) }).catch(() => {});
  };
  return {
    update(done, total) {
      const t = now();
      if (t - started < PROGRESS_AFTER_MS || (t - last < EVERY_MS && done < total)) return;
      last = t;
      const seconds = (t - started) / 1000;
      const left = done > 0 ? (seconds / done) * (total - done) : NaN;
      const text = `${label}: ${done} of ${total} runs (${Math.floor((100 * done) / total)} %), ` +
        `${seconds.toFixed(0)} s${
          Number.isFinite(left) && done < total ? `, about ${left.toFixed(0)} s left` : ""
        }`;
      send({
        "text/plain": text,
        "text/html": `<div class="run-progress"><progress max="${total}" value="${done}"></progress> ${
          text.replace(/&/g, "&amp;").replace(/</g, "&lt;")
        }</div>`,
      });
    },
    finish() {
      if (shown) send({ "text/plain": "" });
    },
  };
}
