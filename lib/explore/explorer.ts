/**
 * One explorer on a page: its controls, its worker, its charts and table, and the URL fragment that
 * holds its state. The page's state is one ExploreState; every change (a control, the fragment, the
 * compare list) replaces it, writes the fragment, and asks the worker for a run. A change that arrives
 * while a run is going waits for it, unless the run is slow (a heavy model), which is then abandoned.
 */
import type { ModelInfo } from "../engine/model.ts";
import type { ParamValue } from "../engine/params.ts";
import { planRuns } from "../engine/plan.ts";
import { paramControl, paramControls } from "./controls.ts";
import { el, fill } from "./dom.ts";
import { explorable } from "./models.ts";
import { type RunRequest, runRequest } from "./run.ts";
import {
  checkState,
  commands,
  compareValues,
  type ExploreState,
  formatFragment,
  parseFragment,
  readSetting,
  type RunSetting,
  settingRule,
  VS,
} from "./state.ts";
import { drawCharts, finalTable, legend } from "./view.ts";
import type { FromWorker, ToWorker } from "./worker.ts";

export { CONFIG_ATTRIBUTE } from "./state.ts";

/** What a page tells its explorer (the container's `data-explorer` attribute, JSON). */
export interface ExplorerConfig {
  readonly model: string;
  /** The state shown when the URL has no fragment of settings. */
  readonly state: ExploreState;
  /** Whether the URL fragment holds the state (a page of its own, a report); not in a notebook. */
  readonly fragment: boolean;
}

/** A run going longer than this is abandoned for a newer change rather than waited for. */
const ABANDON_AFTER_MS = 300;
/** Narrowest and widest a chart is drawn, in pixels. */
const MIN_CHART_WIDTH = 260;
const MAX_CHART_WIDTH = 560;
/** How often a running model's elapsed time is shown. */
const TICK_MS = 250;

let explorers = 0;

/** Starts an explorer in `root`; `workerSource` is the script that, run as a worker, serves runs. */
export function startExplorer(root: HTMLElement, config: ExplorerConfig, workerSource: string): void {
  const { model, charts } = explorable(config.model);
  const info: ModelInfo = model;
  const id = `explorer${++explorers}`;
  // The configuration is input like any other (a page may have been edited): checked as a fragment is.
  const opening = checkState(info, config.state);
  let state = opening;
  const problems = el("ul", { class: "problems", role: "alert" });
  const showProblems = (list: readonly string[], heading: string) =>
    fill(problems, ...(list.length ? [el("li", {}, heading), ...list.map((p) => el("li", {}, p))] : []));

  // Settings: runs, steps, seed (read as the fragment reads them), then the parameters.
  const general = (name: RunSetting) => {
    const field = el("input", { id: `${id}-${name}`, type: "text", "data-param": name });
    const problem = el("span", { class: "problem", role: "alert" });
    field.addEventListener("change", () => {
      try {
        const value = readSetting(info, name, field.value);
        fill(problem);
        change({ ...state, [name]: value });
      } catch (e) {
        fill(problem, (e as Error).message);
      }
    });
    const unit = name === "steps" ? ` (${info.timeUnit}s)` : "";
    const element = el(
      "div",
      { class: "param" },
      el("label", { for: field.id }, el("code", {}, name)),
      field,
      el("span", { class: "about" }, `${settingRule(info, name)}${unit}`),
      problem,
    );
    return { element, set: (v: ParamValue) => void (field.value = String(v)) };
  };
  const runs = general("runs");
  const steps = general("steps");
  const seed = general("seed");
  const params = paramControls(
    info,
    id,
    (name, value) => change({ ...state, set: { ...state.set, [name]: value } }),
  );

  const reset = el("button", { type: "button", class: "reset" }, "back to the opening settings");
  reset.addEventListener("click", () => {
    showProblems([], "");
    change(opening);
  });

  // Compare with: the parameters the second setting changes.
  const compareList = el("div", { class: "compare-list" });
  const pick = el(
    "select",
    { "aria-label": "parameter to change in the compare setting" },
    el("option", { value: "" }, "add a parameter…"),
    ...Object.keys(info.params).map((n) => el("option", { value: n }, n)),
  );
  pick.addEventListener("change", () => {
    const name = pick.value;
    pick.value = "";
    if (name && !Object.hasOwn(state.vs, name)) {
      change({ ...state, vs: { ...state.vs, [name]: state.set[name] } });
    }
  });
  const drawCompare = () =>
    fill(
      compareList,
      ...Object.entries(state.vs).map(([name, value]) => {
        const control = paramControl(
          info,
          name,
          `${id}-vs`,
          (v) => change({ ...state, vs: { ...state.vs, [name]: v } }),
          `${VS}${name}`,
        );
        control.set(value);
        const remove = el("button", {
          type: "button",
          class: "remove",
          "aria-label": `stop changing ${name}`,
        }, "remove");
        remove.addEventListener("click", () => {
          const { [name]: _, ...rest } = state.vs;
          change({ ...state, vs: rest });
        });
        return el("div", { class: "compare-item" }, control.element, remove);
      }),
    );

  const status = el("p", { class: "status", "aria-live": "polite" });
  const progress = el("progress", { max: "1", value: "0", hidden: "" });
  const chartArea = el("div", { class: "charts" });
  const legendArea = el("div", {});
  const tableArea = el("div", {});
  const command = el("pre", { class: "command" }, el("code", {}));
  const copy = el("button", { type: "button" }, "copy");
  copy.addEventListener("click", () => {
    navigator.clipboard?.writeText(command.textContent ?? "").then(
      () => fill(copy, "copied"),
      () => selectText(command),
    );
  });

  fill(
    root,
    el(
      "div",
      { class: "panel" },
      el(
        "form",
        { class: "settings", autocomplete: "off" },
        el("div", { class: "general" }, runs.element, steps.element, seed.element, reset),
        el(
          "details",
          { class: "compare", open: "" },
          el("summary", {}, "compare with"),
          el(
            "p",
            { class: "about" },
            "A second setting: this one with the parameters below changed, drawn beside it.",
          ),
          compareList,
          pick,
        ),
        params.element,
      ),
      el(
        "div",
        { class: "results" },
        problems,
        el("div", { class: "progress" }, progress, status),
        legendArea,
        chartArea,
        tableArea,
        el("p", { class: "about" }, "The same numbers from the command line:"),
        command,
        copy,
      ),
    ),
  );
  root.addEventListener("submit", (e) => e.preventDefault());

  const showState = () => {
    runs.set(state.runs);
    steps.set(state.steps);
    seed.set(state.seed);
    for (const [name, control] of params.controls) control.set(state.set[name]);
    drawCompare();
    fill(command.firstChild as Element, commands(info, state).join("\n"));
  };

  // The worker and the run in flight.
  let worker: Worker | undefined;
  let serial = 0;
  let running: { id: number; started: number; message: ToWorker } | undefined;
  let pending = false;
  // Where a front end refuses a worker from a Blob URL (its own policy), the runs go on in the page's
  // thread: slower to answer for a heavy model, but the same numbers.
  let inThread = false;
  let answered = false;
  const newWorker = () => {
    const url = URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" }));
    const w = new Worker(url);
    URL.revokeObjectURL(url);
    w.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      answered = true;
      received(data);
    };
    w.onerror = (e) => {
      if (answered) return failed(`the model's worker stopped: ${e.message}`);
      inThread = true;
      worker = undefined;
      if (running) post(running.message);
    };
    return w;
  };
  const runHere = ({ id, request }: ToWorker) =>
    setTimeout(() => {
      const started = performance.now();
      try {
        received({ id, kind: "result", summaries: runRequest(request), ms: performance.now() - started });
      } catch (e) {
        received({ id, kind: "error", message: (e as Error).message });
      }
    }, 0);
  const post = (message: ToWorker) => {
    if (!inThread) {
      try {
        worker ??= newWorker();
        return worker.postMessage(message);
      } catch {
        inThread = true;
      }
    }
    runHere(message);
  };
  const failed = (message: string) => {
    clearInterval(ticker);
    running = undefined;
    progress.hidden = true;
    fill(status, message);
    root.dataset.status = "error";
  };
  const request = () => {
    const settings = Object.keys(state.vs).length ? [state.set, compareValues(state)] : [state.set];
    try {
      for (const set of settings) {
        planRuns(info, { set, runs: state.runs, steps: state.steps, seed: state.seed });
      }
    } catch (e) {
      return failed((e as Error).message);
    }
    const message: ToWorker = {
      id: ++serial,
      request: {
        model: info.name,
        settings,
        runs: state.runs,
        steps: state.steps,
        seed: state.seed,
      } as RunRequest,
    };
    running = { id: serial, started: performance.now(), message };
    done = { runs: 0, total: 0 };
    clearInterval(ticker);
    ticker = setInterval(tick, TICK_MS);
    root.dataset.status = "running";
    post(message);
  };
  // While a run goes on, the page says how long it has taken (and how many runs are done, once a run
  // is): a model whose single run takes seconds shows it is working, and the page answers meanwhile.
  let ticker: ReturnType<typeof setInterval> | undefined;
  let done = { runs: 0, total: 0 };
  const tick = () => {
    if (!running) return;
    const seconds = ((performance.now() - running.started) / 1000).toFixed(1);
    progress.hidden = false;
    if (done.runs > 0) progress.value = done.runs / done.total;
    else progress.removeAttribute("value");
    fill(status, `running${done.runs > 0 ? `: ${done.runs} of ${done.total} runs` : ""}, ${seconds} s`);
  };
  const received = (data: FromWorker) => {
    if (!running || data.id !== running.id) return;
    if (data.kind === "progress") {
      done = { runs: data.done, total: data.total };
      return tick();
    }
    clearInterval(ticker);
    if (data.kind === "error") return failed(data.message);
    const started = running.started;
    running = undefined;
    progress.hidden = true;
    const drawn = {
      summaries: data.summaries,
      changed: Object.keys(state.vs),
      timeUnit: info.timeUnit,
      charts,
    };
    // Two charts to a row where each gets MIN_CHART_WIDTH pixels, otherwise one as wide as the column.
    const available = chartArea.clientWidth || 2 * MAX_CHART_WIDTH;
    const width = available >= 2 * MIN_CHART_WIDTH
      ? Math.min(MAX_CHART_WIDTH, Math.floor(available / 2) - 12)
      : Math.max(240, available);
    drawCharts(chartArea, drawn, width);
    fill(legendArea, legend(drawn));
    fill(tableArea, finalTable(drawn));
    const ms = performance.now() - started;
    fill(
      status,
      `${plural(state.runs, "run")} × ${plural(state.steps, info.timeUnit)}${
        drawn.summaries.length > 1 ? " × 2 settings" : ""
      }: run in ${data.ms.toFixed(0)} ms, shown in ${ms.toFixed(0)} ms`,
    );
    root.dataset.status = "done";
    root.dataset.updates = String(Number(root.dataset.updates ?? 0) + 1);
    root.dataset.lastMs = String(ms);
    if (pending) {
      pending = false;
      request();
    }
  };
  const schedule = () => {
    if (!running) return request();
    pending = true;
    if (performance.now() - running.started > ABANDON_AFTER_MS) {
      worker?.terminate();
      worker = undefined;
      running = undefined;
      pending = false;
      request();
    }
  };
  function change(next: ExploreState) {
    state = next;
    showState();
    if (config.fragment) history.replaceState(null, "", `#${formatFragment(info, state)}`);
    schedule();
  }

  const fromFragment = () => {
    const hash = location.hash.slice(1);
    if (!config.fragment || !hash.includes("=")) return false;
    const parsed = parseFragment(info, hash);
    state = parsed.state;
    showProblems(parsed.problems, "Some settings in the link were not used:");
    return true;
  };
  fromFragment();
  if (config.fragment) {
    addEventListener("hashchange", () => {
      if (fromFragment()) {
        showState();
        schedule();
      }
    });
  }
  showState();
  request();
}

function selectText(element: Element): void {
  const range = document.createRange();
  range.selectNodeContents(element);
  getSelection()?.removeAllRanges();
  getSelection()?.addRange(range);
}

/** "1 run", "3 runs". */
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
