// Hostile inputs for the sanitizer, shared by the tests that check it: a table of inputs with what each must
// become, the markup of the payload notebook, and a seeded generator of many more.

import seedrandom from "seedrandom";
import { fileURLToPath } from "node:url";
import { unsanitizedHtml } from "@lib/report/markdown.ts";
import { type Notebook, text } from "@lib/report/notebook.ts";

/** Markup and what sanitizeHtml must make of it: what runs or loads is dropped, the rest kept. */
export const SANITIZER_CASES: [string, string][] = [
  [`<p onclick="x()" title='a"b'>t</p>`, `<p title="a&quot;b">t</p>`],
  [`<a href="JaVa&#x0A;script:x()">l</a>`, `<a>l</a>`],
  [`<a href="https://example.org/?a=1&b=2">l</a>`, `<a href="https://example.org/?a=1&amp;b=2">l</a>`],
  [`<img src="data:image/png;base64,AA==&quot;onerror=x">`, `<img>`],
  [`<img src="data:image/svg+xml;base64,PHN2Zy8+">`, `<img>`],
  [
    `<svg><style>.a{background:url(https://x)}</style><style>.b{color:red}</style></svg>`,
    `<svg><style>.b{color:red}</style></svg>`,
  ],
  [
    `<svg><style>a</style><style>/* a */@import 'x';</style><style>@im/**/port</style></svg>`,
    `<svg><style>a</style><style>@im port</style></svg>`,
  ],
  [`<div style="color: red; background: u\\72l(x)">d</div>`, `<div>d</div>`],
  [`<rect fill="url(https://x/#a)"></rect>`, ``],
  [
    `<svg><rect fill="url(https://x/#a)" stroke="url(#g)"></rect></svg>`,
    `<svg><rect stroke="url(#g)"></rect></svg>`,
  ],
  [
    `<svg><use href="https://x/s.svg#a"></use><use href="#a"></use></svg>`,
    `<svg><use></use><use href="#a"></use></svg>`,
  ],
  [`<unknown-element><b>kept</b></unknown-element>`, `<b>kept</b>`],
  [
    `<input type="text" value="x"><input type="checkbox" checked disabled>`,
    `<input type="checkbox" checked="" disabled="">`,
  ],
  [`<!-- comment --><p>after</p>`, `<p>after</p>`],
  [
    `<svg><a xlink:href="https://example.org/">w</a><a href="mailto:a@example.org">m</a></svg>`,
    `<svg><a xlink:href="https://example.org/">w</a><a href="mailto:a@example.org">m</a></svg>`,
  ],
  // The content of an SVG desc (or title) is HTML to a browser: an SVG element there is not SVG.
  [`<svg><desc>t<rect fill="red"></rect><b>b</b></desc></svg>`, `<svg><desc>t<b>b</b></desc></svg>`],
];

/**
 * Every piece of markup fixtures/payloads.ipynb hands the sanitizer, as the renderer hands it over: its
 * Markdown cells and Markdown outputs as marked's HTML, its HTML outputs, its SVG outputs from `<svg`.
 */
export async function payloadMarkup(): Promise<string[]> {
  const notebook: Notebook = JSON.parse(await Deno.readTextFile(PAYLOADS));
  const markup: string[] = [];
  for (const cell of notebook.cells) {
    if (cell.cell_type === "markdown") markup.push(unsanitizedHtml(text(cell.source)));
    for (const output of cell.outputs ?? []) {
      if (!("data" in output)) continue;
      const get = (mime: string) =>
        output.data[mime] === undefined ? undefined : text(output.data[mime] as string);
      const html = get("text/html");
      const svg = get("image/svg+xml");
      const markdown = get("text/markdown");
      if (html !== undefined) markup.push(html);
      else if (svg !== undefined) markup.push(svg.slice(Math.max(0, svg.indexOf("<svg"))));
      else if (markdown !== undefined) markup.push(unsanitizedHtml(markdown));
    }
  }
  return markup;
}

export type FuzzKind = "html" | "svg" | "markdown";

/**
 * `count` hostile inputs of `kind` from a seeded generator (the same seed, the same inputs): random trees of
 * elements that are kept, dropped, unknown or parsed as raw text, in HTML, SVG and MathML, with event
 * handlers, URLs hiding their scheme (case, entities, controls), CSS that loads, quotes that break out,
 * comments, CDATA, unclosed and stray tags; or Markdown with such links, images and raw HTML, turned into
 * HTML as the renderer does.
 */
export function fuzzedMarkup(kind: FuzzKind, count: number, seed = `dompurify/${kind}`): string[] {
  const random = seedrandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number) => random() < p;
  const casing = (name: string) =>
    chance(0.2) ? name.toUpperCase() : chance(0.1) ? name[0].toUpperCase() + name.slice(1) : name;

  const url = (): string => {
    const scheme = pick(SCHEMES);
    let value = `${scheme}${pick(URL_TAILS)}`;
    if (chance(0.25)) value = value.replace(/^(.)(.)/, (_, a, b) => `${a}${pick(HIDDEN)}${b}`);
    if (chance(0.2)) value = `${pick(["", " ", "\u0001", "\t"])}${value}`;
    if (chance(0.2)) {
      value = [...value].map((c) => chance(0.3) ? `&#${c.charCodeAt(0)}${pick([";", ""])}` : c).join("");
    }
    return value;
  };
  const attributeValue = (attribute: string): string => {
    const name = attribute.toLowerCase();
    if (/^on/.test(name)) return "alert(1)";
    if (/href|src|action|data|poster|background|values|to|from|by|srcdoc|formaction|srcset/.test(name)) {
      return url();
    }
    if (name === "style" || /fill|stroke|clip|mask|filter|marker/.test(name)) return pick(CSS_VALUES);
    if (name === "id" || name === "name") return pick(IDS);
    if (name === "attributename") return pick(["href", "xlink:href", "onload", "style", "x"]);
    return pick(TEXTS);
  };
  const attributes = (names: readonly string[]): string => {
    let out = "";
    for (let i = int(4); i > 0; i--) {
      const name = pick(names);
      const value = attributeValue(name).replaceAll('"', "&quot;");
      out += " " + casing(name) +
        pick([`="${value}"`, `='${value.replaceAll("'", "&#39;")}'`, `=${value.replace(/[\s>]/g, "")}`, ""]);
    }
    return out;
  };
  const tree = (tags: readonly string[], names: readonly string[], depth: number): string => {
    let out = "";
    for (let i = 1 + int(3); i > 0; i--) {
      const roll = random();
      if (roll < 0.2 || depth === 0) out += pick(TEXTS);
      else if (roll < 0.25) {
        out += pick([
          "<!--",
          "<!-- c -->",
          "<!--><img src=x onerror=alert(1)>-->",
          "<![CDATA[<img src=x onerror=alert(1)>]]>",
          "<?xml x?>",
        ]);
      } else if (roll < 0.3) out += `</${pick(tags)}>`;
      else {
        const tag = casing(pick(tags));
        out += `<${tag}${attributes(names)}${chance(0.1) ? "/" : ""}>${tree(tags, names, depth - 1)}`;
        if (chance(0.85)) out += `</${tag}>`;
      }
    }
    return out;
  };
  const html = () => tree([...HTML_TAGS, ...RAW_TAGS, ...BREAKOUT], HTML_NAMES, 4);
  const svg = () =>
    `<svg${attributes(SVG_NAMES)}>${tree([...SVG_TAGS, ...BREAKOUT, "math", "mtext"], SVG_NAMES, 4)}</svg>` +
    (chance(0.3) ? `<math${attributes(HTML_NAMES)}>${tree(MATH_TAGS, HTML_NAMES, 3)}</math>` : "");
  const markdown = () => {
    const lines: string[] = [];
    for (let i = 1 + int(5); i > 0; i--) {
      const link = url().replaceAll(")", "%29");
      lines.push(pick([
        `[${pick(TEXTS)}](${link})`,
        `![${pick(TEXTS)}](${link} "${pick(TEXTS)}")`,
        `<${link.replace(/[\s<>]/g, "")}>`,
        `[ref][r${i}]\n\n[r${i}]: ${link.replace(/\s/g, "")}`,
        `${pick(["# ", "> ", "- ", "1. ", ""])}${pick(TEXTS)} *${pick(TEXTS)}* \`<script>alert(1)</script>\``,
        html(),
        `| a | b |\n|---|---|\n| ${html().replace(/\n|\|/g, "")} | [x](${link}) |`,
        "```html\n" + html() + "\n```",
      ]));
    }
    return unsanitizedHtml(lines.join("\n\n"));
  };
  const make = { html, svg, markdown }[kind];
  return Array.from({ length: count }, make);
}

const PAYLOADS = fileURLToPath(new URL("./fixtures/payloads.ipynb", import.meta.url));

const HTML_TAGS = [
  "a",
  "b",
  "div",
  "p",
  "span",
  "img",
  "table",
  "tr",
  "td",
  "details",
  "summary",
  "input",
  "style",
  "figure",
  "form",
  "button",
  "select",
  "iframe",
  "object",
  "embed",
  "base",
  "link",
  "meta",
  "video",
  "audio",
  "source",
  "marquee",
  "body",
  "html",
  "head",
  "frameset",
  "isindex",
  "keygen",
  "custom-element",
  "image",
] as const;
const RAW_TAGS = [
  "script",
  "title",
  "textarea",
  "xmp",
  "noscript",
  "noembed",
  "noframes",
  "iframe",
  "plaintext",
  "template",
] as const;
/** Tags that end SVG and MathML content in a browser's parse: the stuff of mutation XSS. */
const BREAKOUT = [
  "svg",
  "math",
  "img",
  "p",
  "br",
  "table",
  "style",
  "foreignobject",
  "desc",
  "title",
] as const;
const SVG_TAGS = [
  "a",
  "g",
  "rect",
  "path",
  "text",
  "tspan",
  "use",
  "image",
  "style",
  "script",
  "animate",
  "set",
  "animatetransform",
  "animatemotion",
  "foreignObject",
  "clipPath",
  "defs",
  "symbol",
  "pattern",
  "feImage",
  "filter",
  "mpath",
  "handler",
  "listener",
  "iframe",
] as const;
const MATH_TAGS = [
  "mi",
  "mo",
  "mtext",
  "mglyph",
  "malignmark",
  "annotation-xml",
  "semantics",
  "style",
  "img",
  "table",
  "svg",
] as const;
const HTML_NAMES = [
  "onclick",
  "onerror",
  "onload",
  "onfocus",
  "ontoggle",
  "onmouseover",
  "href",
  "src",
  "srcset",
  "srcdoc",
  "action",
  "formaction",
  "data",
  "poster",
  "background",
  "style",
  "class",
  "id",
  "name",
  "title",
  "alt",
  "type",
  "value",
  "checked",
  "open",
  "autofocus",
  "download",
  "target",
  "rel",
  "http-equiv",
  "content",
  "xlink:href",
  "is",
  "data-x",
  "aria-label",
  "colspan",
  "width",
] as const;
const SVG_NAMES = [
  "onload",
  "onbegin",
  "onend",
  "onclick",
  "href",
  "xlink:href",
  "values",
  "to",
  "from",
  "by",
  "attributeName",
  "begin",
  "fill",
  "stroke",
  "clip-path",
  "mask",
  "filter",
  "style",
  "class",
  "id",
  "viewBox",
  "d",
  "x",
  "y",
  "width",
  "height",
  "transform",
  "xmlns",
  "xmlns:xlink",
  "requiredExtensions",
  "systemLanguage",
] as const;
const SCHEMES = [
  "javascript:",
  "JaVaScRiPt:",
  "vbscript:",
  "data:text/html,",
  "data:image/svg+xml;base64,",
  "data:image/png;base64,",
  "data:text/csv;base64,",
  "https://",
  "http://",
  "mailto:",
  "file:///",
  "//",
  "/",
  "#",
  "",
  "blob:",
  "livescript:",
] as const;
const URL_TAILS = [
  "alert(1)",
  "example.org/x",
  "iVBORw0KGgo=",
  "YSxiCg==",
  "a",
  "x%0aalert(1)",
  "PHN2Zz48L3N2Zz4=",
] as const;
/** What browsers skip inside a URL's scheme. */
const HIDDEN = ["\t", "\n", "\r", "&#x09;", "&#10;", "&Tab;", "&NewLine;"] as const;
const CSS_VALUES = [
  "color:red",
  "url(#g)",
  "url(javascript:alert(1))",
  "background:url(https://x/a.png)",
  "x:expression(alert(1))",
  "background:u\\72l(x)",
  "behavior:url(x.htc)",
  "@import 'x'",
  "width:1px;/*",
  "-moz-binding:url(x)",
] as const;
const IDS = [
  "x",
  "contents",
  "cookie",
  "location",
  "forms",
  "body",
  "title",
  "appendix",
  "verdicts",
  "a b",
] as const;
const TEXTS = [
  "text",
  "a < b & c > d",
  "\"quoted'",
  "</script>",
  "</style>",
  "-->",
  "]]>",
  "&amp;",
  "&lt;img&gt;",
  "é ü ✓",
  "",
] as const;
