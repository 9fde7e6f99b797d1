// Nothing a notebook shows may run in its report. fixtures/payloads.ipynb carries script in every place a
// notebook can put it (markdown with raw HTML, text/html, image/svg+xml, text/markdown, text/plain, images
// whose base64 breaks out of its attribute, streams, errors, code); each payload would change the page's
// title. Chromium opens the rendered page, opens every <details>, clicks every link that is not a web or
// file link and waits; then the title must be unchanged and the DOM, as Chromium parsed it, free of
// anything that runs. Both walls are checked alone: the page without its CSP (the sanitizer alone), and
// unsanitized payloads under the CSP. The probe itself is checked on a page where a payload does run.

import { assert, assertEquals, assertMatch, assertStringIncludes, assertThrows } from "@std/assert";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CellNotRendered, type Notebook, renderNotebook, summarize } from "@lib/report/html.ts";
import { MAX_OUTPUT_CHARACTERS } from "@lib/report/outputs.ts";
import { page } from "@lib/report/page.ts";
import { isBase64, MAX_DEPTH, parseFragment, sanitizeChildren, sanitizeHtml } from "@lib/report/sanitize.ts";
import { HeadlessChromium } from "../support/browser.ts";
import { SANITIZER_CASES } from "./hostile.ts";

const PAYLOADS = fileURLToPath(new URL("./fixtures/payloads.ipynb", import.meta.url));
const CSP_META = /<meta http-equiv="Content-Security-Policy"[^>]*>\n?/;

interface Probe {
  title: string;
  /** What Chromium found in the page that could run or load something. */
  found: string[];
}

/**
 * Runs in the page after its load event: triggers what a reader could trigger, waits for the handlers it
 * triggered, then reports. No timer: what runs while the page loads (scripts, image errors, the toggle of a
 * <details open>) has run before the load event; a click runs its handlers at once; the toggle of each
 * <details> opened here is awaited, by a listener added after any the page set, so called after them; and a
 * link that would navigate to script is reported as such rather than waited for.
 */
const PROBE = `(async () => {
  const toggled = [];
  for (const details of document.querySelectorAll("details:not([open])")) {
    toggled.push(new Promise((resolve) => details.addEventListener("toggle", resolve, { once: true })));
    details.open = true;
  }
  const clicked = [];
  for (const link of document.querySelectorAll("a[href]")) {
    const protocol = new URL(link.href, document.baseURI).protocol;
    if (!/^(https?|mailto|file):$/.test(protocol)) {
      clicked.push(protocol);
      link.click();
    }
  }
  await Promise.all(toggled);
  const RUNS = ["script", "iframe", "frame", "object", "embed", "form", "base", "foreignobject", "animate",
    "set", "math", "template", "noscript", "link", "button", "textarea", "select"];
  const found = clicked.filter((p) => /^(javascript|vbscript|data):$/i.test(p)).map((p) => "a link to " + p);
  for (const element of document.querySelectorAll("*")) {
    const name = element.localName.toLowerCase();
    if (RUNS.includes(name)) found.push("<" + name + ">");
    if (name === "meta" && !element.matches("head > meta")) found.push("<meta> in the body");
    if (name === "style" && /url\\(\\s*[^#\\s]|@import|expression/i.test(element.textContent)) found.push("<style> that loads");
    for (const { name: attribute, value } of element.attributes) {
      if (/^on/i.test(attribute)) found.push(name + " " + attribute);
      if (/^(href|src|xlink:href|action|formaction|data)$/i.test(attribute)) {
        const url = value.replace(/[\\u0000-\\u0020]/g, "");
        if (/^(javascript|vbscript):/i.test(url) || /^data:(?!image\\/(png|jpeg|gif|webp);base64,|text\\/csv;base64,)/i.test(url)) {
          found.push(name + " " + attribute + "=" + value.slice(0, 40));
        }
      }
      if (attribute === "style" && /url\\(|expression/i.test(value)) found.push(name + " style=" + value.slice(0, 40));
    }
  }
  return { title: document.title, found };
})()`;

Deno.test("no payload runs in a rendered report, with its CSP or with the sanitizer alone", async (t) => {
  const notebook: Notebook = JSON.parse(await Deno.readTextFile(PAYLOADS));
  const html = renderNotebook(notebook, { fileName: "tests/report/fixtures/payloads.ipynb" });
  const title = summarize(notebook, "payloads.ipynb").title;
  assertMatch(html, CSP_META);
  await using browser = await HeadlessChromium.launch();
  await withTempDir(async (dir) => {
    for (const [name, variant] of [["as rendered", html], ["without its CSP", html.replace(CSP_META, "")]]) {
      await t.step(name, async () => {
        const probe = await open(browser, dir, variant);
        assertEquals(probe, { title, found: [] });
      });
    }
  });
});

Deno.test("the probe sees a payload run; the CSP alone stops it", async () => {
  const payload =
    `<img src="x" onerror="document.title='PWNED'"><details open ontoggle="document.title='PWNED'">` +
    `<summary>s</summary></details><script>document.title='PWNED'</script>`;
  await using browser = await HeadlessChromium.launch();
  await withTempDir(async (dir) => {
    const bare = await open(browser, dir, `<!DOCTYPE html><title>control</title>${payload}`);
    assertEquals(bare.title, "PWNED");
    assert(bare.found.includes("<script>") && bare.found.includes("img onerror"), bare.found.join(", "));
    const underCsp = await open(browser, dir, page({ title: "control", body: payload, footer: "" }));
    assertEquals(underCsp.title, "control");
    // What the probe triggers itself: the toggle of a closed <details> it opens is waited for, and a link
    // to script is named.
    const closed = `<!DOCTYPE html><title>control</title><details ontoggle="document.title='PWNED'">` +
      `<summary>s</summary></details><a href="javascript:void 0">l</a>`;
    const triggered = await open(browser, dir, closed);
    assertEquals(triggered.title, "PWNED");
    assert(triggered.found.includes("a link to javascript:"), triggered.found.join(", "));
  });
});

Deno.test("sanitizer: charts and tables come through whole, anything that runs or loads does not", () => {
  const chart = `<figure style="max-width:initial" class="plot-figure"><h2>Supply</h2>` +
    `<svg viewBox="0 0 640 320" width="640" class="plot"><style>:where(.plot) { display: block; }</style>` +
    `<defs><clipPath id="c1"><rect width="10" height="10"></rect></clipPath></defs>` +
    `<g clip-path="url(#c1)" aria-label="line"><path d="M0,0L10,10" stroke="currentColor"></path>` +
    `<title>0.5</title></g></svg><figcaption>Caption</figcaption><p class="csv">` +
    `<a class="csv-download" download="supply.csv" href="data:text/csv;base64,YSxiCg==">CSV</a></p></figure>`;
  assertEquals(
    sanitizeHtml(chart),
    chart.replace("<clipPath", "<clippath").replace("</clipPath>", "</clippath>"),
  );
  const table = `<table class="verdicts"><caption>c</caption><thead><tr><th colspan="2" ` +
    `style="text-align:right">a &amp; b</th></tr></thead><tbody><tr><td data-x="1">&lt;x&gt;</td></tr></tbody></table>`;
  assertEquals(sanitizeHtml(table), table);

  for (const [input, expected] of SANITIZER_CASES) assertEquals(sanitizeHtml(input), expected, input);
});

Deno.test("sanitizer: outputs of several MB come through whole, from markup and from a parsed tree", () => {
  const table = `<table><tbody>${
    Array.from({ length: 60_000 }, (_, i) => `<tr><td>${i}</td><td>${i / 2}</td></tr>`).join("")
  }</tbody></table>`;
  const siblings = "<div>x</div>".repeat(200_000);
  const text = `<p>${"a &amp; b ".repeat(200_000)}</p>`;
  for (
    const [name, html] of [["a table of 60,000 rows", table], ["200,000 siblings", siblings], ["text", text]]
  ) {
    assert(html.length > 2_000_000, `${name}: ${html.length} characters`);
    assertEquals(sanitizeHtml(html), html, name);
  }
  // linkedom's innerHTML overflowed the stack on as many siblings.
  assertEquals(sanitizeChildren(parseFragment(siblings)), siblings);
  // Unclosed paragraphs close one another, as a browser closes them.
  assertEquals(sanitizeHtml("<p>x".repeat(400_000)), "<p>x</p>".repeat(400_000));
});

Deno.test("sanitizer: elements nested up to MAX_DEPTH deep are kept, deeper ones refuse the whole input", () => {
  const nested = (depth: number) => "<span>".repeat(depth) + "deep";
  const closed = nested(MAX_DEPTH) + "</span>".repeat(MAX_DEPTH);
  assertEquals(sanitizeHtml(nested(MAX_DEPTH)), closed);
  assertEquals(sanitizeHtml(closed + closed), closed + closed);
  for (const depth of [MAX_DEPTH + 1, 100_000]) {
    assertThrows(() => sanitizeHtml(nested(depth)), Error, `elements are nested more than ${MAX_DEPTH} deep`);
  }
  // Also when stray end tags follow, each of which the parser looks for among the open elements.
  assertThrows(() => sanitizeHtml(nested(MAX_DEPTH + 1) + "</b>".repeat(100_000)), Error, "nested more than");
});

Deno.test("a cell whose output cannot be rendered is named, with the reason", () => {
  const notebook = (data: Record<string, string>): Notebook => ({
    cells: [
      { cell_type: "markdown", source: "# Title" },
      { cell_type: "code", source: "x", outputs: [{ output_type: "display_data", data }] },
    ],
  });
  const render = (data: Record<string, string>) => () =>
    renderNotebook(notebook(data), { fileName: "notebooks/x.ipynb" });
  assertThrows(
    render({ "text/html": "<b>".repeat(MAX_DEPTH + 1) }),
    CellNotRendered,
    `notebooks/x.ipynb: cell 2/2 cannot be rendered: elements are nested more than ${MAX_DEPTH} deep`,
  );
  assertThrows(
    render({ "text/plain": "a".repeat(MAX_OUTPUT_CHARACTERS + 1) }),
    CellNotRendered,
    "notebooks/x.ipynb: cell 2/2 cannot be rendered: its text/plain output has 16 million characters, " +
      "more than the 16 million a report shows; show a part of it, or write it to a file",
  );
  assertStringIncludes(render({ "text/plain": "a".repeat(MAX_OUTPUT_CHARACTERS) })(), "aaaa");
});

Deno.test("sanitizer: base64 that could end its attribute is refused", () => {
  assert(isBase64("iVBORw0KGgo="));
  for (const bad of ['AA"><script>', "AA' onerror='x", "AA==AA", "", "AA AA"]) assert(!isBase64(bad), bad);
});

async function open(browser: HeadlessChromium, dir: string, html: string): Promise<Probe> {
  const file = join(dir, `${crypto.randomUUID()}.html`);
  await Deno.writeTextFile(file, html);
  return await browser.evaluate<Probe>(pathToFileURL(file).href, PROBE);
}

async function withTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "report-security-test-" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
