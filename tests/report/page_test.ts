// The reader-first page, without Jupyter: fixture notebooks that carry their outputs are rendered directly
// and checked for the page's order (title, summary, verdicts, contents, analyses, appendix), its anchors,
// its links, the index and the model pages; Chromium checks that they fit a phone and takes screenshots.

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { parseHTML } from "linkedom";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderDocsPage } from "@lib/report/docs.ts";
import { type Notebook, renderIndex, renderNotebook, summarize } from "@lib/report/html.ts";
import { docsModel } from "@lib/report/notebook.ts";
import { notebookVerdicts } from "@lib/report/verdicts.ts";
import { HeadlessChromium } from "../support/browser.ts";
import { brokenLinks, contractProblems, overflowAt, screenshot, snakeCaseHeaders } from "./contract.ts";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const GENERATED_AT = new Date(0);

Deno.test("a report reads title, summary, verdicts, contents, analyses, appendix", async () => {
  // Rendered as if it lived in notebooks/, from where its Markdown links are written.
  const html = renderNotebook(await fixture("reader.ipynb"), {
    fileName: "notebooks/reader.ipynb",
    generatedAt: GENERATED_AT,
    docsHref: "docs/honey.html",
    linkTo: (path) => path === "docs/models/honey.md" ? "docs/honey.html" : undefined,
  });
  assertEquals(contractProblems(html), []);
  const { document } = parseHTML(html);
  const main = document.querySelector("main")!;
  const order = [...main.querySelectorAll("*")];
  const at = (selector: string) => {
    const element = main.querySelector(selector);
    assert(element, `no ${selector}`);
    return order.indexOf(element);
  };
  const parts = [
    "nav.top",
    "h1",
    ".summary",
    "section.verdicts",
    "nav.contents",
    ".analyses",
    "section.appendix",
  ];
  assertEquals([...parts].sort((a, b) => at(a) - at(b)), parts);

  assertEquals(main.querySelector("h1")!.textContent, "Reader fixture: a report as a reader meets it");
  // The summary is the first paragraph but the line naming the model page, which stays with the analyses.
  assertStringIncludes(text(main.querySelector(".summary")), "this paragraph is the report's summary");
  assertStringIncludes(text(main.querySelector(".analyses")), "How the model works: docs/models/honey.md");
  // Markdown links are written from notebooks/; the page is published elsewhere, without the README.
  assertEquals(
    [...main.querySelectorAll(".analyses > section.markdown:first-child a")].map((a) =>
      a.getAttribute("href")
    ),
    ["docs/honey.html", null],
  );
  assertEquals(
    [...main.querySelectorAll("nav.top a")].map((a) => a.getAttribute("href")),
    ["index.html", "docs/honey.html"],
  );

  // The claims section, shown by the second-to-last cell, opens the page; a note is left in its place.
  const verdicts = main.querySelector("section.verdicts")!;
  assertEquals(
    text(verdicts.querySelector(".verdict-counts")),
    "2 hold · 1 does not hold · 1 not testable here",
  );
  assert(verdicts.querySelector("section.claims table.verdicts"));
  assertEquals(main.querySelectorAll("section.claims").length, 1);
  assertStringIncludes(text(main.querySelector(".analyses p.moved a[href='#verdicts']")), "at the top");

  // Contents: every level-2 and level-3 heading, anchored by its text (a repeat gets "-1"), then the appendix.
  const contents = [...main.querySelectorAll("nav.contents a")].map((a) => [a.getAttribute("href"), text(a)]);
  assertEquals(contents, [
    ["#supply-over-time", "Supply over time"],
    ["#the-sweep", "The sweep"],
    ["#a-wide-table", "A wide table"],
    ["#every-parameter", "Every parameter"],
    ["#the-documented-claims-beside-the-reproduction", "The documented claims beside the reproduction"],
    ["#supply-over-time-1", "Supply over time"],
    ["#appendix", "Appendix"],
  ]);

  // The appendix: the 24-row table (named by its cell's comment), the table marked for the appendix with
  // its CSV link, and the cell tagged `appendix` with its chart, each folded.
  const appendix = [...main.querySelectorAll("section.appendix > details")];
  assertEquals(appendix.map((details) => text(details.querySelector("summary"))), [
    "Median trend and share of failed runs per productivity (24 rows)",
    "Every parameter with its default (2 rows)",
    "Every run's supply",
  ]);
  assert(appendix.every((details) => !details.hasAttribute("open")));
  assert(appendix[1].querySelector('a[download][href^="data:text/csv;base64,"]'), "the CSV link went along");
  assert(appendix[2].querySelector("svg") && appendix[2].querySelector("details.code"));
  for (const { id } of appendix) {
    assert(main.querySelector(`.analyses a[href="#${id}"]`), `no pointer to #${id}`);
  }
  assertEquals(
    main.querySelectorAll(".analyses table").length,
    1,
    "only the short wide table stays in place",
  );

  // Code is folded, and every table scrolls sideways in its own block.
  assert([...main.querySelectorAll("pre > code")].every((code) => code.closest("details.code")));
  assert(
    [...main.querySelectorAll("table")].every((table) => table.parentElement?.className === "table-scroll"),
  );
});

Deno.test("the model page comes from the notebook's metadata, else from its first markdown cell", () => {
  const cells: Notebook["cells"] = [{ cell_type: "markdown", source: "See `docs/models/gonka.md`." }];
  assertEquals(docsModel({ cells, metadata: { report: { docs: "docs/models/honey.md" } } }), "honey");
  assertEquals(docsModel({ cells }), "gonka");
  assertEquals(docsModel({ cells, metadata: { report: { docs: "javascript:alert(1)" } } }), undefined);
  assertEquals(docsModel({ cells: [] }), undefined);
});

Deno.test("the index gives each report a two-line summary, its verdict counts and its model page", async () => {
  const reader = await fixture("reader.ipynb");
  const verdicts = notebookVerdicts(reader);
  assertEquals(verdicts, { holds: 2, fails: 1, untestable: 1 });
  assertEquals(notebookVerdicts(await fixture("chart.ipynb")), undefined);
  const long = "word ".repeat(100).trim();
  const html = renderIndex([
    { href: "reader.html", ...summarize(reader, "reader"), verdicts, docsHref: "docs/honey.html" },
    { href: "long.html", title: "Long", description: long },
  ], { generatedAt: GENERATED_AT, docsIndexHref: "docs/index.html" });
  assertStringIncludes(html, '<meta http-equiv="Content-Security-Policy"');
  const { document } = parseHTML(html);
  const [first, second] = document.querySelectorAll("ul.reports > li");
  // The bold lead-in ("What the source document claims.") labels the paragraph; the index leaves it out.
  assert(text(first.querySelector("p.brief")).startsWith("A token's supply halves"));
  assertEquals(
    text(first.querySelector(".verdict-counts")),
    "2 hold · 1 does not hold · 1 not testable here",
  );
  assertEquals(first.querySelector('a[href="docs/honey.html"]')?.textContent, "How the model works");
  const brief = text(second.querySelector("p.brief"));
  assert(brief.endsWith("…") && brief.length <= 201, brief);
  assert(!second.querySelector(".verdict-counts"), "no counts for a notebook without a claims section");
  assert(document.querySelector('a[href="docs/index.html"]'));
});

Deno.test("model pages: the same page, GitHub's heading anchors, links to other pages rewritten", () => {
  const html = renderDocsPage(
    "# `honey` — Honey supply\n\nIntro.\n\n## Where the original differs\n\n### Parameters\n\n" +
      "[gonka](gonka.md#the-model), [README](../../README.md), [up](#where-the-original-differs), " +
      "[web](https://example.org/x), [bad](javascript:alert(1))\n",
    {
      fileName: "docs/models/honey.md",
      generatedAt: GENERATED_AT,
      linkTo: (path) => path === "docs/models/gonka.md" ? "gonka.html" : undefined,
      links: [{ href: "../index.html", label: "← All reports" }],
    },
  );
  assertEquals(contractProblems(html), []);
  const { document } = parseHTML(html);
  assertEquals(document.querySelector("title")?.textContent, "honey — Honey supply");
  assertEquals([...document.querySelectorAll(".document a")].map((a) => a.getAttribute("href")), [
    "gonka.html#the-model",
    null,
    "#where-the-original-differs",
    "https://example.org/x",
    null,
  ]);
  assertEquals([...document.querySelectorAll("nav.contents a")].map((a) => a.getAttribute("href")), [
    "#where-the-original-differs",
    "#parameters",
  ]);
});

Deno.test("the link check names every link that breaks once the reports folder is shared", async () => {
  const out = await Deno.makeTempDir({ prefix: "report-links-test-" });
  try {
    await Deno.mkdir(join(out, "docs"));
    await Deno.writeTextFile(join(out, "docs", "honey.html"), `<h2 id="the-model">m</h2>`);
    const kept = [
      "docs/honey.html",
      "docs/honey.html#the-model",
      "#here",
      "https://example.org/",
      "mailto:a@example.org",
      "data:text/csv;base64,YQo=",
    ];
    const broken = [
      "../README.md",
      "docs/gonka.html",
      "docs/honey.html#nowhere",
      "#nowhere",
      "/etc/hosts",
      "file:///etc/hosts",
      "docs/",
    ];
    const anchors = [...kept, ...broken].map((href) => `<a href="${href}">x</a>`).join("");
    await Deno.writeTextFile(join(out, "index.html"), `<p id="here">${anchors}<img src="img.png"></p>`);
    await Deno.writeTextFile(join(out, "docs", "index.html"), `<a href="../index.html#here">up</a>`);
    assertEquals(await brokenLinks(out), [
      "index.html: ../README.md (outside the reports folder)",
      "index.html: docs/gonka.html (no such file)",
      "index.html: docs/honey.html#nowhere (no element #nowhere in docs/honey.html)",
      "index.html: #nowhere (no element #nowhere in index.html)",
      "index.html: /etc/hosts (a path from the root)",
      "index.html: file:///etc/hosts (a file: URL)",
      "index.html: docs/ (no such file)",
      "index.html: img.png (no such file)",
    ]);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("the contract check names what a page gets wrong", () => {
  const broken = `<!DOCTYPE html><html><head><title>x</title></head><body><main><div class="analyses">` +
    `<svg></svg></div><section class="verdicts"></section><nav class="contents"><a href="#nowhere">x</a>` +
    `</nav><script>1</script></main></body></html>`;
  assertEquals(contractProblems(broken), [
    "no Content-Security-Policy meta tag",
    "a <script> element",
    "no link back to the index",
    "the verdicts come after the first chart",
    "the contents come after the first chart",
    "the contents link #nowhere goes nowhere",
  ]);
});

Deno.test("raw snake_case column names in table headers are found, everywhere or in captioned tables", async () => {
  const html = renderNotebook(await fixture("headers.ipynb"), { fileName: "headers.ipynb" });
  assertEquals(snakeCaseHeaders(html), [
    "table 1: share_saturated",
    "Captioned, with a raw column name: target_reserve_ratio",
    "table 3: median_trend",
  ]);
  assertEquals(snakeCaseHeaders(html, "captioned"), [
    "table 1: share_saturated",
    "Captioned, with a raw column name: target_reserve_ratio",
  ]);
});

Deno.test("fixture pages fit a 400 px screen; screenshots for review", async () => {
  const dir = await Deno.makeTempDir({ prefix: "report-page-test-" });
  try {
    await using browser = await HeadlessChromium.launch();
    for (const name of ["reader", "payloads", "chart"]) {
      const file = join(dir, `${name}.html`);
      await Deno.writeTextFile(
        file,
        renderNotebook(await fixture(`${name}.ipynb`), { fileName: `${name}.ipynb` }),
      );
      assertEquals(await overflowAt(browser, file, 400), 0, `${name}: wider than a 400 px screen`);
      await screenshot(browser, file, `fixture-${name}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function fixture(name: string): Promise<Notebook> {
  return JSON.parse(await Deno.readTextFile(join(FIXTURES, name)));
}

function text(element: Element | null): string {
  return element?.textContent?.replace(/\s+/g, " ").trim() ?? "";
}
