// The page contract of a rendered report, as checks the tests run on fixtures and on the real reports:
// a policy that forbids scripts but the model's explorer (by its hash), verdicts and contents before the first chart, contents links that land,
// a way back to the index, and table headers written for readers rather than raw column names.

import { parseHTML } from "linkedom";
import { createHash } from "node:crypto";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { HeadlessChromium } from "../support/browser.ts";

/**
 * Where screenshots are kept for review; they are never compared. Not in data/reports/, the folder people
 * share: data/test-artifacts/ holds what tests leave for people to look at, and is ignored by git.
 */
export const SCREENSHOTS = fileURLToPath(new URL("../../data/test-artifacts/screenshots/", import.meta.url));
/** A laptop and a phone. */
export const WIDTHS = [1280, 400];

/** What is wrong with the page, in words; empty when it keeps the contract. */
export function contractProblems(html: string): string[] {
  const { document } = parseHTML(html);
  const problems: string[] = [];
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content");
  // The one script a report may hold is its model's explorer, allowed by its hash and nothing else.
  const scriptSrc = csp && /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1].trim();
  const scripts = [...document.querySelectorAll("script")];
  if (!csp) problems.push("no Content-Security-Policy meta tag");
  else if (
    !csp.includes("default-src 'none'") || (scriptSrc && !/^'sha256-[A-Za-z0-9+/]+={0,2}'$/.test(scriptSrc))
  ) {
    problems.push(`the Content-Security-Policy allows scripts: ${csp}`);
  }
  if (scripts.length > (scriptSrc ? 1 : 0)) problems.push("a <script> element");
  else if (scriptSrc && scripts.length === 1) {
    const hash = `'sha256-${createHash("sha256").update(scripts[0].textContent ?? "").digest("base64")}'`;
    if (hash !== scriptSrc) problems.push("a <script> element the policy does not name");
  }
  if (!document.querySelector('nav.top a[href$="index.html"]')) problems.push("no link back to the index");

  const order = [...document.querySelectorAll("*")];
  const firstChart = document.querySelector(".analyses svg, .analyses img");
  for (const [selector, what] of [["section.verdicts", "the verdicts"], ["nav.contents", "the contents"]]) {
    const element = document.querySelector(selector);
    if (element && firstChart && order.indexOf(element) > order.indexOf(firstChart)) {
      problems.push(`${what} come after the first chart`);
    }
  }
  for (const link of document.querySelectorAll('nav.contents a[href^="#"]')) {
    const id = decodeURIComponent(link.getAttribute("href")!.slice(1));
    if (!document.getElementById(id)) problems.push(`the contents link #${id} goes nowhere`);
  }
  return problems;
}

/**
 * What would not work in the pages under `out` once that folder is shared on its own, as "page: href
 * (why)": every href, src and xlink:href must be a web or mail link, a data: URI, an anchor in its page, or a
 * relative path to a file inside the folder (to an element of that page when it has a fragment).
 */
export async function brokenLinks(out: string): Promise<string[]> {
  const pages = new Map<string, Set<string>>(); // page, relative to out -> the ids in it
  const links: [string, string][] = [];
  for (const page of await htmlFiles(out)) {
    const { document } = parseHTML(await Deno.readTextFile(join(out, page)));
    pages.set(page, new Set([...document.querySelectorAll("[id]")].map((element) => element.id)));
    for (const element of document.querySelectorAll("*")) {
      for (const { name, value } of element.attributes) {
        if (["href", "src", "xlink:href"].includes(name)) links.push([page, value]);
      }
    }
  }
  const problems: string[] = [];
  for (const [page, href] of links) {
    const problem = linkProblem(out, page, href, pages);
    if (problem) problems.push(`${page}: ${href.slice(0, 80)} (${problem})`);
  }
  return problems;
}

function linkProblem(out: string, page: string, href: string, pages: Map<string, Set<string>>): string {
  const scheme = href.match(/^([a-z][a-z0-9+.-]*):/i)?.[1].toLowerCase();
  if (scheme !== undefined) {
    return ["http", "https", "mailto", "data"].includes(scheme) ? "" : `a ${scheme}: URL`;
  }
  if (href.startsWith("/")) return "a path from the root";
  const url = new URL(href, pathToFileURL(join(out, page)));
  const target = relative(out, fileURLToPath(url)).split(sep).join("/");
  if (target.startsWith("../")) return "outside the reports folder";
  if (!isFile(join(out, target))) return "no such file";
  const id = decodeURIComponent(url.hash.slice(1));
  if (id && !pages.get(target)?.has(id)) return `no element #${id} in ${target}`;
  return "";
}

/** The .html files under `dir`, as paths relative to it. */
async function htmlFiles(dir: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) files.push(...await htmlFiles(dir, path));
    else if (entry.name.endsWith(".html")) files.push(path);
  }
  return files.sort();
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** A column name as code writes it: lowercase words joined by underscores, e.g. "target_reserve_ratio". */
const SNAKE_CASE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/;

/**
 * Header cells that show a raw snake_case column name, as "<table>: <header>". `scope: "captioned"` looks
 * only at the verdict tables (in `.claims`) and tables with a caption: those written for readers.
 */
export function snakeCaseHeaders(html: string, scope: "all" | "captioned" = "all"): string[] {
  const { document } = parseHTML(html);
  const found: string[] = [];
  for (const [i, table] of [...document.querySelectorAll("table")].entries()) {
    const caption = table.querySelector("caption")?.textContent?.trim();
    if (scope === "captioned" && !caption && !table.closest(".claims")) continue;
    for (const header of table.querySelectorAll("th")) {
      const text = header.textContent?.trim() ?? "";
      if (SNAKE_CASE.test(text)) found.push(`${caption || `table ${i + 1}`}: ${text}`);
    }
  }
  return found;
}

/** Content wider than the viewport at `width` (0 when the page fits, as it must on a phone). */
export function overflowAt(browser: HeadlessChromium, file: string, width: number): Promise<number> {
  return browser.evaluate<number>(
    pathToFileURL(file).href,
    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    { width },
  );
}

/**
 * Captions of wide tables that reach past the block their table scrolls in at `width` px — a reader would
 * have to scroll sideways to read them — as their first words.
 */
export function clippedCaptions(browser: HeadlessChromium, file: string, width: number): Promise<string[]> {
  return browser.evaluate<string[]>(
    pathToFileURL(file).href,
    `[...document.querySelectorAll(".table-scroll > table > caption")]
      .filter((c) => c.getBoundingClientRect().right > c.closest(".table-scroll").getBoundingClientRect().right + 1)
      .map((c) => c.textContent.trim().slice(0, 60))`,
    { width },
  );
}

/** What a reader meets first on a report, as laid out by a browser at a laptop's 1280 × 800 px. */
export interface Opening {
  /** Heights in px of the verdict tables, of the model checks tables and of the inconsistencies tables. */
  verdicts: number[];
  checks: number[];
  findings: number[];
  /** Sentences of each "What we found" paragraph. */
  sentences: number[];
}

export function openingAt1280(browser: HeadlessChromium, file: string): Promise<Opening> {
  // A sentence ends at ".", "!" or "?" before a capital, a digit or the end; "0.5" and "e.g. x" do not end one.
  return browser.evaluate<Opening>(
    pathToFileURL(file).href,
    `(() => {
      const heights = (selector) =>
        [...document.querySelectorAll(selector)].map((e) => Math.round(e.getBoundingClientRect().height));
      return {
        verdicts: heights("table.verdicts"),
        checks: heights("table.checks"),
        findings: heights("table.findings"),
        sentences: [...document.querySelectorAll("section.found p")]
          .map((p) => (p.textContent.trim().match(/[.!?](?=\\s+[A-Z0-9]|\\s*$)/g) ?? []).length),
      };
    })()`,
    { width: 1280 },
  );
}

/** Saves the whole page at every width in WIDTHS as SCREENSHOTS/<name>-<width>.png; returns the paths. */
export async function screenshot(browser: HeadlessChromium, file: string, name: string): Promise<string[]> {
  await Deno.mkdir(SCREENSHOTS, { recursive: true });
  const paths: string[] = [];
  for (const width of WIDTHS) {
    const path = join(SCREENSHOTS, `${name}-${width}.png`);
    await Deno.writeFile(path, await browser.screenshot(pathToFileURL(file).href, { width }));
    paths.push(path);
  }
  return paths;
}
