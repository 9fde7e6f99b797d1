// Tests for lib/report: the notebook runner keeps every output (the Deno kernel can report idle before a
// cell's last outputs), reports are self-contained and keep the page contract (contract.ts), a failing
// notebook publishes nothing, and the charts of a rendered report are really drawn by a browser, which
// also screenshots every report for review.

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { parseHTML } from "linkedom";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { HeadlessChromium } from "../support/browser.ts";
import {
  brokenLinks,
  clippedCaptions,
  contractProblems,
  openingAt1280,
  overflowAt,
  screenshot,
  snakeCaseHeaders,
} from "./contract.ts";
import { executeNotebook } from "@lib/report/execute.ts";
import { type Cell, type Notebook, type Output, renderNotebook, summarize } from "@lib/report/html.ts";
import { MAX_DEPTH } from "@lib/report/sanitize.ts";
import { ensureJupyter } from "@lib/system/packages.ts";
import { isAlive, listProcesses, pollUntil, type Process, withDescendants } from "./processes.ts";
import { CAPTION_CHECKS } from "./captions.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const NOTEBOOKS = join(ROOT, "notebooks");
const FIXTURES = join(ROOT, "tests/report/fixtures");

/** Output loss is intermittent, so one clean run proves little. */
const OUTPUT_RUNS = 5;
/** The report whose charts the browser check counts; until its notebook exists, the chart fixture's. */
const HONEY_REPORT = "honey-supply.html";
const FALLBACK_CHART_REPORT = "chart.html";
const MIN_DRAWN_CHARTS = 1;
/**
 * A verdict table fits in about a screen and a half of a 1280 × 800 laptop, and the model
 * checks, which are true by construction, in well under one, as do the inconsistencies found.
 */
const MAX_VERDICTS_PX = 1200;
const MAX_CHECKS_PX = 500;

/** What each code cell of fixtures/outputs.ipynb must print or display, in order. */
const EXPECTED_OUTPUTS = [
  ["stdout: hello from the first cell\n"],
  ["execute_result: text/html"],
  ["execute_result: text/html"],
  ["display_data: image/svg+xml"],
  ["stdout: line 1\nline 2\nline 3\n", "stderr: a warning on stderr\n", "stdout: after the warning\n"],
  ["stdout: after the await\n", 'execute_result: text/plain "awaited value"'],
  ["stdout: total = 6\n", "execute_result: text/plain 6"],
];

Deno.test("the runner keeps every output of every cell, run after run", async () => {
  await ensureJupyter();
  await withTempDir(async (dir) => {
    for (let run = 1; run <= OUTPUT_RUNS; run++) {
      const executed = join(dir, `outputs-${run}.ipynb`);
      await executeNotebook(join(FIXTURES, "outputs.ipynb"), executed);
      const cells = codeCells(await readNotebook(executed));
      const where = `run ${run}`;
      for (const [i, cell] of cells.entries()) {
        assert(cell.outputs?.length, `${where}: code cell ${i + 1} lost its outputs`);
      }
      assertEquals(cells.map((cell) => cell.outputs!.map(describeOutput)), EXPECTED_OUTPUTS, where);
      assertEquals(cells.map((cell) => cell.execution_count), [1, 2, 3, 4, 5, 6, 7], where);
      const [, table, badge, svg] = cells.map((cell) => cell.outputs![0]);
      assertStringIncludes(mime(table, "text/html"), "<td>gamma</td>", where);
      assertEquals(mime(badge, "text/html"), '<p class="badge">custom <b>HTML</b> output</p>', where);
      assertEquals(mime(svg, "image/svg+xml").match(/<rect /g)?.length, 3, where);
    }
  });
});

Deno.test("report on the project's notebooks: outputs kept, pages self-contained, charts drawn", async (t) => {
  const notebooks = await listNotebooks(NOTEBOOKS);
  // Until notebooks/ has notebooks, exercise the same path with the fixtures.
  const args = notebooks.length > 0
    ? []
    : ["--notebooks", ["outputs.ipynb", "chart.ipynb"].map((name) => join(FIXTURES, name)).join(",")];
  const stems = (notebooks.length > 0 ? notebooks : ["outputs.ipynb", "chart.ipynb"]).map((name) =>
    name.replace(/\.ipynb$/, "")
  );
  await withTempDir(async (dir) => {
    const out = join(dir, "reports");
    const { code, stderr } = await runReport([...args, "--out", out]);
    assertEquals(code, 0, stderr);

    await t.step("every code cell kept its outputs (unless tagged no-output)", async () => {
      for (const stem of stems) {
        for (const [i, cell] of codeCells(await readNotebook(join(out, `${stem}.ipynb`))).entries()) {
          if (cell.metadata?.tags?.includes("no-output")) continue;
          const firstLine = sourceText(cell).trim().split("\n")[0];
          assert(cell.outputs?.length, `${stem}: code cell ${i + 1} (${firstLine}) has no output`);
        }
      }
    });

    await t.step(
      "every link of every page, the model pages' too, works in the folder shared alone",
      async () => {
        assertEquals(await brokenLinks(out), []);
        assert(!stderr.includes("not published with the reports"), stderr);
        const index = await Deno.readTextFile(join(out, "index.html"));
        for (const stem of stems) assertStringIncludes(index, `href="${stem}.html"`);
      },
    );

    await t.step("every report keeps the page contract", async () => {
      for (const stem of stems) {
        const html = await Deno.readTextFile(join(out, `${stem}.html`));
        assertEquals(contractProblems(html), [], stem);
        // Tables written for readers (verdicts, captioned tables) must not show raw column names; other
        // tables are listed until their notebooks give them readable headers.
        assertEquals(snakeCaseHeaders(html, "captioned"), [], `${stem}: raw column names in table headers`);
        const others = snakeCaseHeaders(html);
        if (others.length > 0) {
          console.warn(`${stem}: raw column names in table headers: ${others.join("; ")}`);
        }
      }
    });

    await t.step("captions state their data (tests/report/captions.ts)", async () => {
      // Only the project's notebooks have checked captions; the fixtures have none.
      if (notebooks.length === 0) return;
      for (const [stem, check] of Object.entries(CAPTION_CHECKS)) {
        check(await Deno.readTextFile(join(out, `${stem}.html`)));
      }
    });

    await t.step("the model pages are published beside the reports and keep the contract", async () => {
      const pages = (await listDir(join(out, "docs"))).filter((name) => name.endsWith(".html"));
      assert(pages.includes("index.html"), `docs/: ${pages.join(", ")}`);
      for (const page of pages) {
        assertEquals(contractProblems(await Deno.readTextFile(join(out, "docs", page))), [], `docs/${page}`);
      }
    });

    await t.step(
      "every report, and every table caption, fits a 400 px screen; screenshots at 1280 and 400 px",
      async () => {
        await using browser = await HeadlessChromium.launch();
        for (const page of [...stems, "index"]) {
          const file = join(out, `${page}.html`);
          assertEquals(await overflowAt(browser, file, 400), 0, `${page}: wider than a 400 px screen`);
          assertEquals(
            await clippedCaptions(browser, file, 400),
            [],
            `${page}: table captions cut off at 400 px`,
          );
          await screenshot(browser, file, page);
        }
      },
    );

    await t.step(
      "every report leads with what was found in 3–6 sentences and a verdict table about a screen and a half high",
      async () => {
        await using browser = await HeadlessChromium.launch();
        for (const stem of stems) {
          const { verdicts, checks, findings, sentences } = await openingAt1280(
            browser,
            join(out, `${stem}.html`),
          );
          // The fixtures have no claims; every project notebook has.
          if (notebooks.length === 0) continue;
          assert(
            verdicts.length > 0 && sentences.length > 0,
            `${stem}: no verdict table or no "What we found"`,
          );
          for (const n of sentences) assert(n >= 3 && n <= 6, `${stem}: "What we found" has ${n} sentences`);
          for (const px of verdicts) {
            assert(px <= MAX_VERDICTS_PX, `${stem}: the verdict table is ${px} px high at 1280 px`);
          }
          for (const px of checks) {
            assert(px <= MAX_CHECKS_PX, `${stem}: the model checks table is ${px} px high at 1280 px`);
          }
          for (const px of findings) {
            assert(px <= MAX_CHECKS_PX, `${stem}: the inconsistencies table is ${px} px high at 1280 px`);
          }
        }
      },
    );

    await t.step("Chromium draws the report's charts", async () => {
      const report = stems.includes("honey-supply") ? HONEY_REPORT : FALLBACK_CHART_REPORT;
      await using browser = await HeadlessChromium.launch();
      const drawn = await browser.evaluate<number>(pathToFileURL(join(out, report)).href, COUNT_DRAWN_CHARTS);
      assert(
        drawn >= MIN_DRAWN_CHARTS,
        `${report}: ${drawn} drawn charts, expected at least ${MIN_DRAWN_CHARTS}`,
      );
    });
  });
});

Deno.test("a failing cell stops the report and publishes nothing", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "reports");
    await Deno.mkdir(out);
    await Deno.writeTextFile(join(out, "index.html"), "previous index\n");
    const notebooks = ["chart.ipynb", "failing.ipynb"].map((name) => join(FIXTURES, name)).join(",");

    const { code, stderr } = await runReport(["--notebooks", notebooks, "--out", out]);

    assertEquals(code, 1, stderr);
    assertStringIncludes(stderr, "failing.ipynb: cell 3/4 failed: Error: boom: fixture failure");
    assertEquals(await listDir(out), ["index.html"]);
    assertEquals(await Deno.readTextFile(join(out, "index.html")), "previous index\n");
    assertEquals(await listDir(dir), ["reports"], "the staging directory was not removed");
  });
});

Deno.test("a failing notebook stops the one running beside it, which leaves no process behind", async () => {
  await ensureJupyter();
  await withTempDir(async (dir) => {
    const out = join(dir, "reports");
    const notebooks = ["slow.ipynb", "failing.ipynb"].map((name) => join(FIXTURES, name)).join(",");
    const { task, stderr } = startReport(["--notebooks", notebooks, "--out", out, "--jobs", "2"]);
    // Every process seen below the report while it ran: the slow notebook's runner and kernel among them.
    const seen = new Map<string, Process>();
    let ended = false;
    const status = task.status.finally(() => ended = true);
    while (!ended) {
      for (const p of withDescendants(await listProcesses(), task.pid)) {
        seen.set(`${p.pid} ${p.startTime}`, p);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { code } = await status;
    const printed = await stderr.done;
    assertEquals(code, 1, printed);
    assertStringIncludes(printed, "failing.ipynb: cell 3/4 failed: Error: boom: fixture failure");
    assertEquals(printed.trim().split("\n").at(-1), "report: failing.ipynb failed; nothing was published");
    const processes = [...seen.values()];
    assert(processes.some((p) => p.command.includes("slow.ipynb")), "the slow notebook never ran");
    await pollUntil(
      async () => (await alive(processes)).length === 0,
      "the report's processes to end",
      30_000,
    )
      .catch(async (error) => {
        const left = await alive(processes);
        for (const process of left) Deno.kill(process.pid, "SIGKILL");
        throw new Error(`${error.message}; still running:\n${left.map((p) => p.command).join("\n")}`);
      });
    assertEquals(await listDir(dir), [], "the staging directory was not removed");
  });
});

Deno.test("notebooks run one at a time or two at once publish the same bytes", async () => {
  await withTempDir(async (dir) => {
    const notebooks = ["outputs.ipynb", "chart.ipynb"].map((name) => join(FIXTURES, name)).join(",");
    const files = async (jobs: string) => {
      const out = join(dir, `jobs-${jobs}`);
      const { code, stderr } = await runReport(["--notebooks", notebooks, "--out", out, "--jobs", jobs]);
      assertEquals(code, 0, stderr);
      // Every byte but the minute in the footers' "Generated" time.
      const read = async (name: string) =>
        (await Deno.readTextFile(join(out, name))).replace(/Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC/, "");
      const names = (await listDir(out)).filter((name) => name !== "docs");
      return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await read(name)])));
    };
    const one = await files("1");
    assertEquals(Object.keys(one), [
      "chart.html",
      "chart.ipynb",
      "index.html",
      "outputs.html",
      "outputs.ipynb",
    ]);
    assertEquals(await files("2"), one);
  });
});

Deno.test("a 2 MB output is rendered whole; one nested too deep stops the report with a line naming its cell", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "reports");
    const large = await runReport(["--notebooks", join(FIXTURES, "large.ipynb"), "--out", out]);
    assertEquals(large.code, 0, large.stderr);
    const html = await Deno.readTextFile(join(out, "large.html"));
    assert(html.length > 2_000_000, `large.html is only ${html.length} characters`);
    assertEquals(contractProblems(html), []);
    const { document } = parseHTML(html);
    const rows = [...document.querySelectorAll("section.appendix tbody tr")];
    assertEquals(rows.length, 60_000);
    assertEquals(rows.at(-1)!.textContent, "6000029999.5");

    const deep = await runReport(["--notebooks", join(FIXTURES, "deep.ipynb"), "--out", out]);
    assertEquals(deep.code, 1, deep.stderr);
    assertEquals(
      deep.stderr.trim().split("\n").at(-1),
      "report: tests/report/fixtures/deep.ipynb: cell 3/3 cannot be rendered: elements are nested more than " +
        `${MAX_DEPTH} deep; nothing was published`,
    );
    assertEquals(await listDir(out), ["docs", "index.html", "large.html", "large.ipynb"]);
    assertEquals(await Deno.readTextFile(join(out, "large.html")), html, "the previous report was kept");
    assertEquals(await listDir(dir), ["reports"], "the staging directory was not removed");
  });
});

Deno.test("links written from the notebook lead to the published model pages, or are shown as text", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "reports");
    const { code, stderr } = await runReport(["--notebooks", join(FIXTURES, "links.ipynb"), "--out", out]);
    assertEquals(code, 0, stderr);
    assertEquals(await brokenLinks(out), []);
    const { document } = parseHTML(await Deno.readTextFile(join(out, "links.html")));
    const links = [...document.querySelectorAll(".analyses a")].map((
      a,
    ) => [a.textContent, a.getAttribute("href")]);
    assertEquals(links, [
      ["docs/models/honey.md", "docs/honey.html"],
      ["its model section", "docs/honey.html#the-model"],
      ["README", null],
      ["the report's code", null],
      ["a path from the root", null],
      ["a missing page", null],
      ["The web", "https://example.org/"],
      ["mail", "mailto:someone@example.org"],
      ["the outputs below", "#outputs"],
      ["Gonka", "docs/gonka.html#the-model"],
      ["README", null],
      ["Bostrom", "docs/bostrom.html"],
      ["the scenarios", null],
    ]);
    const warnings = stderr.split("\n").filter((line) => line.includes("not published"));
    const source = "tests/report/fixtures/links.ipynb";
    assertEquals(warnings, [
      `report: ${source} links README.md, which is not published with the reports; shown as text`,
      `report: ${source} links lib/report/main.ts, which is not published with the reports; shown as text`,
      `report: ${source} links docs/models/nothing.md, which is not published with the reports; shown as text`,
      `report: ${source} links data/scenarios/honey/, which is not published with the reports; shown as text`,
    ]);
  });
});

for (const signal of ["SIGINT", "SIGTERM", "SIGKILL"] as const) {
  Deno.test(`a report stopped by ${signal} while a cell runs leaves no kernel and publishes nothing`, async () => {
    await ensureJupyter();
    await withTempDir(async (dir) => {
      const out = join(dir, "reports");
      await Deno.mkdir(out);
      await Deno.writeTextFile(join(out, "index.html"), "previous index\n");
      // As users run it: the task, which runs the report, which runs the notebook runner, which starts
      // the kernel (in a session of its own).
      const { task, stderr } = startReport(["--notebooks", join(FIXTURES, "slow.ipynb"), "--out", out]);
      let processes: Process[] = [];
      try {
        await pollUntil(
          () => stderr.text().includes("slow.ipynb: cell 3/3"),
          "the slow cell to run",
          120_000,
        );
        processes = withDescendants(await listProcesses(), task.pid);
        const commands = processes.map((process) => process.command).join("\n");
        const report = processes.find((process) => process.command.includes("lib/report/main.ts"));
        assert(report, `no report process among:\n${commands}`);
        assertEquals(processes.filter(isKernel).length, 1, `not one kernel among:\n${commands}`);

        if (signal === "SIGINT") {
          // Ctrl-C: the terminal signals its foreground process group, which the kernel is not in.
          for (const process of processes.filter((process) => process.pgid === processes[0].pgid)) {
            Deno.kill(process.pid, signal);
          }
        } else if (signal === "SIGTERM") {
          task.kill(signal); // `kill PID`, e.g. by a scheduler or `timeout`, reaches the task only.
        } else {
          Deno.kill(report.pid, signal); // No handler runs: the runner must notice that it was orphaned.
        }
        const { code } = await task.status;
        await pollUntil(
          async () => (await alive(processes)).length === 0,
          "the report's processes to end",
          30_000,
        )
          .catch(async (error) => {
            const left = (await alive(processes)).map((process) => process.command).join("\n");
            throw new Error(`${error.message}; still running:\n${left}`);
          });
        const printed = await stderr.done;
        if (signal !== "SIGKILL") {
          assertEquals(code, signal === "SIGINT" ? 130 : 143, printed);
          assertStringIncludes(printed, `report: interrupted by ${signal}; nothing was published`);
          assertEquals(await listDir(dir), ["reports"], "the staging directory was not removed");
        }
        assertEquals(await listDir(out), ["index.html"]);
        assertEquals(await Deno.readTextFile(join(out, "index.html")), "previous index\n");
      } finally {
        // A failed check must not leave its processes behind.
        if (processes.length === 0) processes = withDescendants(await listProcesses(), task.pid);
        for (const process of await alive(processes)) Deno.kill(process.pid, "SIGKILL");
        await task.status;
        await stderr.done;
      }
    });
  });
}

Deno.test("an unknown flag is rejected by name", async () => {
  const { code, stderr } = await runReport(["--outdir", "x"]);
  assertEquals(code, 2);
  assertStringIncludes(stderr, "--outdir");
});

Deno.test("html: title, description, escaping and mime preference", () => {
  const notebook: Notebook = {
    cells: [
      { cell_type: "markdown", source: ["Intro with *emphasis*\n", "on two lines.\n", "\n", "More."] },
      { cell_type: "markdown", source: "## The `title` & more" },
      {
        cell_type: "code",
        source: 'const tag = "<b>";',
        outputs: [
          {
            output_type: "execute_result",
            data: { "text/plain": "PLAIN", "text/html": ["<i>", "rich</i>"] },
          },
          { output_type: "display_data", data: { "text/plain": "<only plain>" } },
          { output_type: "display_data", data: { "image/png": "iVBORw0KGgo=\n" } },
          {
            output_type: "error",
            ename: "TypeError",
            evalue: "bad <value>",
            traceback: ["\x1b[31mTypeError\x1b[0m"],
          },
        ],
      },
    ],
  };
  assertEquals(summarize(notebook, "x.ipynb"), {
    title: "The title & more",
    description: "Intro with emphasis on two lines.",
  });
  const html = renderNotebook(notebook, { fileName: "notebooks/x.ipynb", generatedAt: new Date(0) });
  assertStringIncludes(html, "<title>The title &amp; more</title>");
  assertStringIncludes(
    html,
    "<summary>Code</summary><pre><code>const tag = &quot;&lt;b&gt;&quot;;</code></pre>",
  );
  assertStringIncludes(html, "<i>rich</i>");
  assert(!html.includes("PLAIN"), "text/plain must not be shown next to a richer representation");
  assertStringIncludes(html, "&lt;only plain&gt;");
  assertStringIncludes(html, 'src="data:image/png;base64,iVBORw0KGgo="');
  assertStringIncludes(html, "TypeError: bad &lt;value&gt;");
  assert(!html.includes("\x1b"), "ANSI escapes must be stripped");
  assertStringIncludes(html, "Generated 1970-01-01 00:00 UTC from <code>notebooks/x.ipynb</code>");
});

/** Top-level SVGs that are laid out at a chart's size and contain marks. */
const COUNT_DRAWN_CHARTS = `[...document.querySelectorAll("svg")].filter((svg) => {
  if (svg.parentElement?.closest("svg")) return false;
  const box = svg.getBoundingClientRect();
  return box.width > 100 && box.height > 50 && svg.querySelector("path, rect, circle, line") !== null;
}).length`;

function describeOutput(output: Output): string {
  switch (output.output_type) {
    case "stream":
      return `${output.name}: ${sourceText({ source: output.text })}`;
    case "error":
      return `error: ${output.ename}: ${output.evalue}`;
    default: {
      const mimes = Object.keys(output.data);
      const shown = ["text/html", "image/svg+xml"].find((m) => mimes.includes(m)) ?? "text/plain";
      return `${output.output_type}: ${shown}` + (shown === "text/plain" ? ` ${mime(output, shown)}` : "");
    }
  }
}

function mime(output: Output, type: string): string {
  assert("data" in output, `expected a display output, got ${output.output_type}`);
  const value = output.data[type];
  assert(value !== undefined, `output has no ${type}`);
  return Array.isArray(value) ? value.join("") : String(value);
}

function codeCells(notebook: Notebook): (Cell & { execution_count?: number | null })[] {
  return notebook.cells.filter((cell) => cell.cell_type === "code" && sourceText(cell).trim() !== "");
}

function sourceText({ source }: { source: string | string[] }): string {
  return Array.isArray(source) ? source.join("") : source;
}

async function readNotebook(path: string): Promise<Notebook> {
  return JSON.parse(await Deno.readTextFile(path));
}

/** Runs the report as users do: through `deno task report`, with the task's own permissions. */
async function runReport(args: string[]): Promise<{ code: number; stderr: string }> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["task", "report", ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "null",
  }).output();
  return { code, stderr: new TextDecoder().decode(stderr) };
}

/** Starts the report as `runReport` does, its error stream read as it arrives, to act while it runs. */
function startReport(args: string[]): { task: Deno.ChildProcess; stderr: ReturnType<typeof collectText> } {
  const task = new Deno.Command(Deno.execPath(), {
    args: ["task", "report", ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  return { task, stderr: collectText(task.stderr) };
}

async function alive(processes: Process[]): Promise<Process[]> {
  const running = await Promise.all(processes.map(isAlive));
  return processes.filter((_, i) => running[i]);
}

function isKernel(process: Process): boolean {
  return process.command.includes("jupyter --kernel");
}

/** A stream's text as it arrives (`text()`), and all of it once it ends (`done`). */
function collectText(stream: ReadableStream<Uint8Array>): { text: () => string; done: Promise<string> } {
  let text = "";
  const done = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
    text += decoder.decode();
    return text;
  })();
  return { text: () => text, done };
}

async function listNotebooks(dir: string): Promise<string[]> {
  return (await listDir(dir)).filter((name) => name.endsWith(".ipynb"));
}

async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

async function withTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "report-test-" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
