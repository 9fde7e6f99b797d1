// Our sanitizer (lib/report/sanitize.ts) beside DOMPurify, a sanitizer kept by many, on the hostile corpus and
// on thousands of generated inputs. Ours may be stricter; what it must not do is keep something DOMPurify
// removes. Both outputs are parsed by Chromium, as a reader's browser would parse them, and compared by what
// they hold: elements (by namespace), attributes, the kind of each URL (its scheme, a data: URL's type) and
// ids that could clobber the document. Whatever ours holds and DOMPurify's does not is a failure, unless it
// is one of the exceptions below, each with its reason and a test of its own.

import { assert, assertEquals } from "@std/assert";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sanitizeHtml } from "@lib/report/sanitize.ts";
import { HeadlessChromium } from "../support/browser.ts";
import { fuzzedMarkup, payloadMarkup, SANITIZER_CASES } from "./hostile.ts";

const PURIFY = createRequire(import.meta.url).resolve("dompurify/dist/purify.min.js");
/** Generated inputs of each kind: HTML, SVG with MathML, Markdown. */
const FUZZED_PER_KIND = 1000;

interface Case {
  source: string;
  input: string;
  ours: string;
}

interface Difference extends Case {
  theirs: string;
  /** What ours holds and DOMPurify's output does not. */
  features: string[];
}

/** What ours may keep that DOMPurify removes, and why that is safe in a report. */
const EXCEPTIONS: { feature: RegExp; why: string }[] = [
  {
    feature: /^svg:use(?: (?:xlink:)?href=#)?$/,
    why: "<use> repeats an element of the same SVG (Plot draws symbols so). Ours keeps only in-document " +
      "references (#id); DOMPurify drops <use> altogether, since an external or data: one loads a document.",
  },
  {
    feature: /^html:a href=data:text\/csv$/,
    why:
      "A chart's or table's CSV download (lib/notebook/table.ts). A browser saves text/csv, never runs it.",
  },
  {
    feature: /^(?:html|svg)@(?:id|name)=clobbering$/,
    why: "An id named like a property of document or a form (DOM clobbering) misleads only scripts, and a " +
      "report runs none: the sanitizer keeps no script and the page's CSP allows none.",
  },
];

Deno.test("our sanitizer keeps nothing that DOMPurify removes, the documented exceptions aside", async () => {
  const corpus = [...await payloadMarkup(), ...SANITIZER_CASES.map(([input]) => input)];
  const inputs = [
    ...corpus.map((input, i) => [`corpus ${i + 1}`, input]),
    ...(["html", "svg", "markdown"] as const).flatMap((kind) =>
      fuzzedMarkup(kind, FUZZED_PER_KIND).map((input, i) => [`${kind} ${i + 1}`, input])
    ),
  ];
  const differences = await compare(
    inputs.map(([source, input]) => ({ source, input, ours: sanitizeHtml(input) })),
  );
  const unexplained = differences.flatMap(({ source, input, ours, theirs, features }) =>
    features.filter((feature) => !EXCEPTIONS.some(({ feature: allowed }) => allowed.test(feature)))
      .map((feature) =>
        `${source}: ours keeps ${feature}\n  input: ${input}\n  ours: ${ours}\n  DOMPurify: ${theirs}`
      )
  );
  assertEquals(unexplained, []);
  // Every exception is met by some input, so none of them is stale.
  for (const { feature } of EXCEPTIONS) {
    assert(
      differences.some(({ features }) => features.some((f) => feature.test(f))),
      `never met: ${feature}`,
    );
  }
});

Deno.test("each exception to DOMPurify is exactly what it says", async () => {
  const cases: [string, string[]][] = [
    [`<svg><use href="#a"></use><use xlink:href="https://x/s.svg#a"></use></svg>`, [
      "svg:use",
      "svg:use href=#",
    ]],
    [`<a download="t.csv" href="data:text/csv;base64,YQo=">CSV</a>`, ["html:a href=data:text/csv"]],
    [`<h2 id="cookie">Cookie</h2><svg id="forms"></svg>`, ["html@id=clobbering", "svg@id=clobbering"]],
  ];
  const differences = await compare(
    cases.map(([input], i) => ({ source: `${i}`, input, ours: sanitizeHtml(input) })),
  );
  assertEquals(differences.map(({ features }) => features), cases.map(([, features]) => features));
});

/** The differences between our output and DOMPurify's for each case, both run and parsed in Chromium. */
async function compare(cases: Case[]): Promise<Difference[]> {
  const dir = await Deno.makeTempDir({ prefix: "report-dompurify-test-" });
  try {
    const page = join(dir, "compare.html");
    // The cases travel as JSON in the page; escaping "<" keeps them from ending the script element.
    const json = JSON.stringify(cases).replaceAll("<", "\\u003c");
    await Deno.writeTextFile(
      page,
      `<!DOCTYPE html><meta charset="utf-8"><script src="${pathToFileURL(PURIFY).href}"></script>` +
        `<script>${COMPARE}</script><script type="application/json" id="cases">${json}</script>`,
    );
    await using browser = await HeadlessChromium.launch();
    return await browser.evaluate<Difference[]>(pathToFileURL(page).href, "compareAll()");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Runs in the page, with DOMPurify loaded. */
const COMPARE = `
const SVG = "http://www.w3.org/2000/svg";
const MATHML = "http://www.w3.org/1998/Math/MathML";
const URL_ATTRIBUTES = new Set(["href", "xlink:href", "src", "srcset", "srcdoc", "action", "formaction", "data",
  "poster", "background", "values", "to", "from", "by"]);
const FORM = document.createElement("form");

function features(html) {
  const parsed = new DOMParser().parseFromString("<!DOCTYPE html><body>" + html, "text/html");
  const found = new Set();
  for (const element of parsed.body.querySelectorAll("*")) {
    const ns = element.namespaceURI === SVG ? "svg" : element.namespaceURI === MATHML ? "math" : "html";
    const tag = ns + ":" + element.localName.toLowerCase();
    found.add(tag);
    for (const { name, value } of element.attributes) {
      const attribute = name.toLowerCase();
      // A URL is judged with its element (an image's src is not a frame's); anything else in its namespace.
      if (URL_ATTRIBUTES.has(attribute)) found.add(tag + " " + attribute + "=" + urlKind(value));
      else if (attribute === "id" || attribute === "name") {
        found.add(ns + "@" + attribute + (value in document || value in FORM ? "=clobbering" : ""));
      } else found.add(ns + "@" + attribute);
    }
  }
  return found;
}

function urlKind(value) {
  const url = value.replace(/[\\u0000-\\u0020\\u007f]/g, "");
  const scheme = url.match(/^([a-z][a-z0-9+.-]*):/i)?.[1].toLowerCase();
  if (scheme === undefined) return url.startsWith("#") ? "#" : "relative";
  if (scheme === "data") return "data:" + url.slice(5).split(/[;,]/)[0].toLowerCase();
  return scheme === "http" || scheme === "https" ? "web:" : scheme + ":";
}

function compareAll() {
  const cases = JSON.parse(document.getElementById("cases").textContent);
  const theirs = new Set();
  const outputs = cases.map((c) => DOMPurify.sanitize(c.input));
  for (const output of outputs) for (const feature of features(output)) theirs.add(feature);
  const differences = [];
  for (const [i, c] of cases.entries()) {
    const extra = [...features(c.ours)].filter((feature) => !theirs.has(feature));
    if (extra.length > 0) differences.push({ ...c, theirs: outputs[i], features: extra });
  }
  return differences;
}
`;
