// `deno task report [--notebooks FILE,FILE...] [--out DIR] [--timeout SECONDS]`
// `deno task report --notebooks FILE --set name=value... [--config FILE.toml]`
// `--no-cache` runs every model run again instead of reusing the run cache (lib/engine/cache.ts).
// `--jobs N` executes up to N notebooks at once (default: the machine's logical cores), each in its own
// kernel, taking them in the order given; the published files are the same for any N.
//
// Executes notebooks with the Deno kernel and publishes, for each, the executed <name>.ipynb and a
// self-contained <name>.html, plus index.html and the model documentation as docs/<model>.html. Everything
// is staged first and only moved into the out directory when every notebook succeeded, so a failing run
// never leaves a half-updated report set. With --set or --config the one notebook runs with those
// parameters (lib/report/parameters.ts), published as <name>.<parameters>.html beside the default report.

import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_CELL_TIMEOUT_SECONDS, executeNotebook, NotebookFailed } from "./execute.ts";
import { renderDocsPage } from "./docs.ts";
import type { LinkTo } from "./links.ts";
import { CellNotRendered, type IndexEntry, renderIndex, renderNotebook, summarize } from "./html.ts";
import { docsModel, type Notebook } from "./notebook.ts";
import { notebookVerdicts } from "./verdicts.ts";
import {
  injectParameters,
  notebookKnobs,
  type Parameter,
  parameterisedStem,
  resolveParameters,
} from "./parameters.ts";
import { PARAMETERS_CHANGED_ENV } from "../notebook/claims.ts";
import { notebookExplorer } from "./explorer.ts";
import { ensureJupyter, PackageError } from "../system/packages.ts";
import { isFile } from "../io/files.ts";
import { UsageError } from "../system/usage.ts";

const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Model pages, rendered into <out>/docs/: <model>.md as <model>.html, README.md as index.html. */
const DOCS_SOURCE = "docs/models";
const DOCS_OUT = "docs";
const USAGE =
  "usage: deno task report [--notebooks FILE,FILE...] [--out DIR] [--timeout SECONDS] [--jobs N]\n" +
  "       deno task report --notebooks FILE [--set name=value]... [--config FILE.toml] [--out DIR]\n" +
  "       --no-cache: run every model run again rather than reuse those cached in data/cache/";

/** The signals that stop a run: Ctrl-C, `kill`, a closed terminal. It stops and publishes nothing. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
type StopSignal = typeof STOP_SIGNALS[number];
/** Exit statuses as a shell reports a process ended by the signal: 128 + its number. */
const SIGNAL_EXIT_CODES: Record<StopSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

class Interrupted extends Error {
  constructor(readonly signal: StopSignal) {
    super(`interrupted by ${signal}`);
  }
}

interface Options {
  help: boolean;
  notebooks: string[];
  out: string;
  timeoutSeconds: number;
  /** With --set or --config: the one notebook's parameters, every knob with the value it runs with. */
  parameters?: Parameter[];
  /** --no-cache: the kernels run with RUN_CACHE=off. */
  noCache?: boolean;
  /** --jobs: notebooks executed at once. */
  jobs: number;
}

async function parseOptions(args: string[]): Promise<Options> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        notebooks: { type: "string" },
        out: { type: "string" },
        timeout: { type: "string" },
        set: { type: "string", multiple: true },
        config: { type: "string" },
        "no-cache": { type: "boolean" },
        jobs: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true, notebooks: [], out: "", timeoutSeconds: 0, jobs: 0 };
  const timeoutSeconds = values.timeout === undefined ? DEFAULT_CELL_TIMEOUT_SECONDS : Number(values.timeout);
  if (!(timeoutSeconds > 0)) throw new UsageError(`--timeout must be a positive number of seconds`);
  const jobs = values.jobs === undefined ? navigator.hardwareConcurrency : Number(values.jobs);
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs must be a whole number ≥ 1`);
  // Defaults are relative to the project root; explicit paths to the working directory, like any CLI.
  const notebooks = values.notebooks === undefined
    ? await defaultNotebooks()
    : values.notebooks.split(",").filter((path) => path.trim()).map((path) => resolve(path.trim()));
  if (notebooks.length === 0) throw new UsageError("no notebooks to run");
  for (const notebook of notebooks) {
    if (!(await isFile(notebook))) throw new UsageError(`no such notebook: ${notebook}`);
  }
  const stems = notebooks.map(stemOf);
  const duplicate = stems.find((stem, i) => stems.indexOf(stem) !== i);
  if (duplicate) throw new UsageError(`two notebooks would both be published as ${duplicate}.html`);
  const out = values.out === undefined ? join(PROJECT_ROOT, "data/reports") : resolve(values.out);
  const sets = values.set ?? [];
  const noCache = values["no-cache"] ?? false;
  if (sets.length === 0 && values.config === undefined) {
    return { help: false, notebooks, out, timeoutSeconds, noCache, jobs };
  }
  if (values.notebooks === undefined || notebooks.length !== 1) {
    throw new UsageError(
      "--set and --config are a notebook's parameters: name that one notebook with --notebooks",
    );
  }
  const parameters = await notebookParameters(notebooks[0], sets, values.config);
  return { help: false, notebooks, out, timeoutSeconds, parameters, noCache, jobs };
}

/** The notebook's parameters with the values of --config and --set; bad input is a UsageError. */
async function notebookParameters(path: string, sets: string[], configPath?: string): Promise<Parameter[]> {
  const where = displayPath(path);
  const { knobs } = notebookKnobs(await readNotebook(path), where);
  let config;
  if (configPath !== undefined) {
    try {
      config = { text: await Deno.readTextFile(configPath), source: configPath };
    } catch (error) {
      throw new UsageError(`--config ${configPath}: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  return resolveParameters(knobs, sets, config, where);
}

async function defaultNotebooks(): Promise<string[]> {
  const dir = join(PROJECT_ROOT, "notebooks");
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && entry.name.endsWith(".ipynb")) names.push(entry.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names.sort().map((name) => join(dir, name));
}

async function report(
  { notebooks, out, timeoutSeconds, parameters, noCache, jobs }: Options,
): Promise<void> {
  await ensureJupyter();
  // Staging next to the out dir keeps it on the same file system, so publishing is a set of renames.
  await Deno.mkdir(dirname(out), { recursive: true });
  const staging = await Deno.makeTempDir({ dir: dirname(out), prefix: ".report-staging-" });
  // Notebooks with their parameters injected, executed from here in their originals' directories.
  const inputs = await Deno.makeTempDir({ prefix: "report-inputs-" });
  // A stop signal stops the running notebook (the runner shuts its kernel down) and unwinds normally, so
  // no kernel, staging or kernelspec dir is left behind and nothing is published. Without the listeners
  // Deno would die at once on SIGTERM or SIGHUP, leaving the runner and its kernel running.
  const interrupt = new AbortController();
  const listeners = STOP_SIGNALS.map((signal) => {
    const listener = () => interrupt.abort(signal);
    Deno.addSignalListener(signal, listener);
    return [signal, listener] as const;
  });
  // A failing notebook stops the others still running: nothing will be published anyway.
  const failed = new AbortController();
  const signal = AbortSignal.any([interrupt.signal, failed.signal]);
  try {
    const docs = await docsModels();
    const slots = Math.min(jobs, notebooks.length);
    if (slots > 1) console.error(`report: ${notebooks.length} notebooks, ${slots} at a time`);
    await inSlots(notebooks, slots, failed, async (notebook, i) => {
      signal.throwIfAborted();
      const started = performance.now();
      const shown = displayPath(notebook);
      console.error(`report: [${i + 1}/${notebooks.length}] ${shown}`);
      const { input, stem, env } = parameters
        ? await withParameters(notebook, parameters, inputs)
        : { input: notebook, stem: stemOf(notebook), env: {} };
      const executed = join(staging, `${stem}.ipynb`);
      await executeNotebook(input, executed, {
        timeoutSeconds,
        signal,
        cwd: dirname(notebook),
        env: noCache ? { ...env, RUN_CACHE: "off" } : env,
      });
      const parsed = await readNotebook(executed);
      const html = renderNotebook(parsed, {
        fileName: shown,
        docsHref: docsHref(parsed, docs),
        linkTo: linksFrom(out, out, docs, shown),
        explorer: await notebookExplorer(parsed),
      });
      await Deno.writeTextFile(join(staging, `${stem}.html`), html);
      console.error(
        `report: ${shown} done in ${((performance.now() - started) / 1000).toFixed(1)} s` +
          (parameters ? `, published as ${stem}.html` : ""),
      );
    });
    const reports = await indexEntries(staging, out, docs);
    await writeDocs(staging, out, docs, reports);
    const docsIndexHref = docs.has("README") ? `${DOCS_OUT}/index.html` : undefined;
    await Deno.writeTextFile(join(staging, "index.html"), renderIndex(reports, { docsIndexHref }));
    interrupt.signal.throwIfAborted();
    await publish(staging, out);
    console.error(`report: wrote ${notebooks.length} report(s) and index.html to ${displayPath(out)}`);
  } catch (error) {
    if (interrupt.signal.aborted) throw new Interrupted(interrupt.signal.reason);
    // The first notebook that failed, not one of those its failure stopped.
    throw failed.signal.aborted ? failed.signal.reason : error;
  } finally {
    for (const [signal, listener] of listeners) Deno.removeSignalListener(signal, listener);
    await Deno.remove(staging, { recursive: true });
    await Deno.remove(inputs, { recursive: true });
  }
}

/**
 * Runs `task` on every item, at most `slots` at a time, each slot taking the next item when its last one
 * is done (so items given longest first finish soonest). The first task to throw aborts `failed` with its
 * error, which stops the running tasks that watch it, and no task starts after it; settles only when every
 * started task has, so that no kernel outlives the call.
 */
async function inSlots<T>(
  items: readonly T[],
  slots: number,
  failed: AbortController,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const slot = async () => {
    while (!failed.signal.aborted && next < items.length) {
      const index = next++;
      try {
        await task(items[index], index);
      } catch (error) {
        if (!failed.signal.aborted) failed.abort(error);
      }
    }
  };
  await Promise.all(Array.from({ length: slots }, slot));
  if (failed.signal.aborted) throw failed.signal.reason;
}

/**
 * The notebook with its parameters injected, written into `dir` under its own name; the report's stem,
 * which names the parameters given so that it does not replace the default report; and the kernel's
 * environment, which says when the parameters differ from the defaults (lib/notebook/claims.ts).
 */
async function withParameters(notebook: string, parameters: Parameter[], dir: string) {
  const parsed = await readNotebook(notebook);
  const { index } = notebookKnobs(parsed, displayPath(notebook));
  const input = join(dir, basename(notebook));
  await Deno.writeTextFile(input, JSON.stringify(injectParameters(parsed, index, parameters), null, 1));
  const stem = await parameterisedStem(stemOf(notebook), parameters);
  const changed = parameters.filter((p) => p.changed);
  console.error(
    `report: ${displayPath(notebook)} with ${
      parameters.filter((p) => p.given).map((p) => `${p.name}=${JSON.stringify(p.value)}`).join(" ")
    } (${changed.length} differing from the defaults${
      changed.length > 0 ? ": verdicts that differ from the expected ones are shown, not enforced" : ""
    })`,
  );
  const env: Record<string, string> = changed.length > 0 ? { [PARAMETERS_CHANGED_ENV]: "1" } : {};
  return { input, stem, env };
}

/**
 * The index lists the reports just staged and those already published in `out` (a run with --notebooks
 * must not drop the others), reading each report's executed notebook for its title, description, verdict
 * counts and model page.
 */
async function indexEntries(staging: string, out: string, docs: Set<string>): Promise<IndexEntry[]> {
  const sources = new Map<string, string>();
  for (const dir of [out, staging]) {
    for (const stem of await reportStems(dir)) sources.set(stem, join(dir, `${stem}.ipynb`));
  }
  const entries: IndexEntry[] = [];
  for (const [stem, path] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
    const notebook = await readNotebook(path);
    entries.push({
      href: `${encodeURIComponent(stem)}.html`,
      ...summarize(notebook, stem),
      verdicts: notebookVerdicts(notebook),
      docsHref: docsHref(notebook, docs),
    });
  }
  return entries;
}

/** The names of docs/models/*.md, without ".md". */
async function docsModels(): Promise<Set<string>> {
  const names = new Set<string>();
  try {
    for await (const entry of Deno.readDir(join(PROJECT_ROOT, DOCS_SOURCE))) {
      if (entry.isFile && entry.name.endsWith(".md")) names.add(entry.name.slice(0, -".md".length));
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names;
}

function docsHref(notebook: Notebook, docs: Set<string>): string | undefined {
  const model = docsModel(notebook);
  return model !== undefined && docs.has(model) ? `${DOCS_OUT}/${docsPageName(model)}` : undefined;
}

/**
 * Links from a page published in `dir` (reports in `out`) and rendered from `source` to project files: a
 * model page's Markdown goes to its rendered page, relative, so that the link works wherever the reports
 * folder is copied. Nothing else is published with the reports: a link to it is dropped, with a warning.
 */
function linksFrom(dir: string, out: string, docs: Set<string>, source: string): LinkTo {
  const warned = new Set<string>();
  return (projectPath) => {
    const model = projectPath.match(new RegExp(`^${DOCS_SOURCE}/([^/]+)\\.md$`))?.[1];
    if (model !== undefined && docs.has(model)) {
      return relative(dir, join(out, DOCS_OUT, docsPageName(model))).split(sep).join("/");
    }
    if (!warned.has(projectPath)) {
      warned.add(projectPath);
      console.error(
        `report: ${source} links ${projectPath}, which is not published with the reports; shown as text`,
      );
    }
    return undefined;
  };
}

function docsPageName(model: string): string {
  return model === "README" ? "index.html" : `${model}.html`;
}

/** Renders every model page into <staging>/docs/, with links to the reports of its model. */
async function writeDocs(staging: string, out: string, docs: Set<string>, reports: IndexEntry[]) {
  await Deno.mkdir(join(staging, DOCS_OUT), { recursive: true });
  for (const model of docs) {
    const fileName = `${DOCS_SOURCE}/${model}.md`;
    const linkTo = linksFrom(join(out, DOCS_OUT), out, docs, fileName);
    const page = docsPageName(model);
    const links = [
      { href: "../index.html", label: "← All reports" },
      ...(model === "README" ? [] : [{ href: "index.html", label: "All models" }]),
      ...reports.filter((report) => report.docsHref === `${DOCS_OUT}/${page}`)
        .map((report) => ({ href: `../${report.href}`, label: `Report: ${report.title}` })),
    ];
    const markdown = await Deno.readTextFile(join(PROJECT_ROOT, fileName));
    await Deno.writeTextFile(
      join(staging, DOCS_OUT, page),
      renderDocsPage(markdown, { fileName, linkTo, links }),
    );
  }
}

/** Stems that have both <stem>.ipynb and <stem>.html in dir (none if dir does not exist). */
async function reportStems(dir: string): Promise<string[]> {
  const names = new Set<string>();
  try {
    for await (const entry of Deno.readDir(dir)) if (entry.isFile) names.add(entry.name);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return [...names].filter((name) => name.endsWith(".ipynb")).map((name) => name.slice(0, -".ipynb".length))
    .filter((stem) => names.has(`${stem}.html`));
}

/** Moves the staged files into `out`, directories merged into those already there. */
async function publish(staging: string, out: string): Promise<void> {
  await Deno.mkdir(out, { recursive: true });
  for await (const entry of Deno.readDir(staging)) {
    const from = join(staging, entry.name);
    const to = join(out, entry.name);
    if (entry.isDirectory) await publish(from, to);
    else await Deno.rename(from, to);
  }
}

async function readNotebook(path: string): Promise<Notebook> {
  return JSON.parse(await Deno.readTextFile(path));
}

function stemOf(path: string): string {
  return basename(path).replace(/\.ipynb$/, "");
}

/** Project-relative when inside the project, so messages and footers do not leak machine paths. */
function displayPath(path: string): string {
  const rel = relative(PROJECT_ROOT, path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

if (import.meta.main) {
  try {
    const options = await parseOptions(Deno.args);
    if (options.help) console.log(USAGE);
    else await report(options);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`report: ${error.message}\n${USAGE}`);
      Deno.exit(2);
    }
    if (error instanceof Interrupted) {
      console.error(`report: ${error.message}; nothing was published`);
      Deno.exit(SIGNAL_EXIT_CODES[error.signal]);
    }
    if (error instanceof PackageError) {
      console.error(`report: ${error.message}`);
      Deno.exit(1);
    }
    if (error instanceof NotebookFailed || error instanceof CellNotRendered) {
      // A failed cell's line has been printed by the runner; a cell not rendered is named in the message.
      console.error(`report: ${error.message}; nothing was published`);
      Deno.exit(1);
    }
    throw error;
  }
}
