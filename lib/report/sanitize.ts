/**
 * An allowlist sanitizer for the HTML and SVG that notebooks put into reports: markdown, `text/html`,
 * `image/svg+xml` and `text/markdown` outputs are written by code nobody reviewed for the reader, so
 * nothing in them may run in a report.
 *
 * The input is parsed (by htmlparser2, which linkedom builds its trees with) and the page is written back
 * from the parse by this module's own writer, never by copying input text: only allowlisted elements and
 * attributes are written, every attribute value and text is escaped, and the only unescaped text, a
 * `<style>` element's, may not contain `<`, `&` or `\`. So what the browser parses is exactly what was
 * checked, whatever the parser's reading of odd markup differs from the browser's.
 */
import { Parser } from "htmlparser2";
import { parseHTML } from "linkedom";
import type { RelativeLink } from "./links.ts";
import { CONFIG_ATTRIBUTE } from "../explore/state.ts";

/** Elements kept, with their children; the SVG ones only inside an `<svg>`. */
const HTML_ELEMENTS = new Set([
  "a",
  "abbr",
  "article",
  "aside",
  "b",
  "blockquote",
  "br",
  "caption",
  "code",
  "col",
  "colgroup",
  "dd",
  "del",
  "details",
  "div",
  "dl",
  "dt",
  "em",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "i",
  "img",
  "input",
  "ins",
  "kbd",
  "li",
  "mark",
  "nav",
  "ol",
  "p",
  "pre",
  "q",
  "s",
  "samp",
  "section",
  "small",
  "span",
  "strong",
  "style",
  "sub",
  "summary",
  "sup",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "u",
  "ul",
  "var",
  "wbr",
]);

const SVG_ELEMENTS = new Set([
  "a",
  "circle",
  "clippath",
  "defs",
  "desc",
  "ellipse",
  "g",
  "image",
  "line",
  "lineargradient",
  "marker",
  "mask",
  "path",
  "pattern",
  "polygon",
  "polyline",
  "radialgradient",
  "rect",
  "stop",
  "style",
  "svg",
  "symbol",
  "text",
  "title",
  "tspan",
  "use",
]);

/**
 * Elements dropped with everything inside them: they run code, load or embed documents, submit data, or
 * hold text that browsers parse differently from linkedom (raw text, MathML, foreignObject). Any other
 * element that is not allowlisted is unwrapped: its children are kept, itself is not.
 */
const DROPPED_WITH_CONTENT = new Set([
  "animate",
  "animatemotion",
  "animatetransform",
  "applet",
  "audio",
  "base",
  "button",
  "canvas",
  "embed",
  "foreignobject",
  "form",
  "frame",
  "frameset",
  "iframe",
  "link",
  "math",
  "meta",
  "noembed",
  "noframes",
  "noscript",
  "object",
  "plaintext",
  "script",
  "select",
  "set",
  "template",
  "textarea",
  "title",
  "video",
  "xmp",
]);

const VOID_ELEMENTS = new Set(["br", "col", "hr", "img", "input", "wbr"]);

const HTML_ATTRIBUTES = new Set([
  "abbr",
  "align",
  "alt",
  "checked",
  "class",
  "colspan",
  "datetime",
  "dir",
  "disabled",
  "download",
  "headers",
  "height",
  "href",
  "id",
  "lang",
  "open",
  "reversed",
  "role",
  "rowspan",
  "scope",
  "span",
  "src",
  "start",
  "style",
  "title",
  "type",
  "value",
  "width",
]);

const SVG_ATTRIBUTES = new Set([
  "alignment-baseline",
  "baseline-shift",
  "class",
  "clip-path",
  "clip-rule",
  "clippathunits",
  "color",
  "cx",
  "cy",
  "d",
  "display",
  "dominant-baseline",
  "dx",
  "dy",
  "fill",
  "fill-opacity",
  "fill-rule",
  "font-family",
  "font-size",
  "font-style",
  "font-variant",
  "font-weight",
  "fx",
  "fy",
  "gradienttransform",
  "gradientunits",
  "height",
  "href",
  "id",
  "lengthadjust",
  "letter-spacing",
  "marker-end",
  "marker-mid",
  "marker-start",
  "markerheight",
  "markerunits",
  "markerwidth",
  "mask",
  "maskcontentunits",
  "maskunits",
  "offset",
  "opacity",
  "orient",
  "overflow",
  "paint-order",
  "patterncontentunits",
  "patterntransform",
  "patternunits",
  "points",
  "preserveaspectratio",
  "r",
  "refx",
  "refy",
  "role",
  "rotate",
  "rx",
  "ry",
  "shape-rendering",
  "spreadmethod",
  "stop-color",
  "stop-opacity",
  "stroke",
  "stroke-dasharray",
  "stroke-dashoffset",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-miterlimit",
  "stroke-opacity",
  "stroke-width",
  "style",
  "text-anchor",
  "text-decoration",
  "text-rendering",
  "textlength",
  "transform",
  "vector-effect",
  "version",
  "viewbox",
  "visibility",
  "width",
  "word-spacing",
  "writing-mode",
  "x",
  "x1",
  "x2",
  "xlink:href",
  "xmlns",
  "xmlns:xlink",
  "y",
  "y1",
  "y2",
]);

/** Base64 as image outputs and data: URIs carry it: nothing that could end an attribute value. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const IMAGE_DATA_URI = /^data:image\/(?:png|jpeg|gif|webp);base64,([^]*)$/i;
/** Charts and tables attach their data as a CSV download; a browser never runs text/csv. */
const CSV_DATA_URI = /^data:text\/csv(?:;charset=utf-8)?;base64,([^]*)$/i;
const URL_SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const LINK_SCHEMES = new Set(["http", "https", "mailto"]);
const LOCAL_REFERENCE = /^url\(\s*#[\w.:-]+\s*\)$/i;
/**
 * Deeper nesting is refused (the input is not sanitized at all): Chromium flattens its trees below this
 * depth anyway, and the parser's cost grows with the depth times the length, so an output of nested
 * unclosed tags would take hours instead of failing at once.
 */
export const MAX_DEPTH = 512;

export interface SanitizeOptions {
  /**
   * Where a link that is neither a URL with a scheme nor an in-page anchor goes instead (its source was
   * written somewhere else than the page); undefined drops the link and keeps its text. Without it such
   * links are kept as written.
   */
  relativeLink?: RelativeLink;
  /** Elements of this class are dropped with their content (e.g. a chart's copy for untrusted notebooks). */
  dropClass?: string;
}

/**
 * Untrusted HTML (which may hold inline SVG) as the allowlisted HTML that renders the same.
 *
 * Sanitized as it is parsed, without building a tree: the parser's events (htmlparser2's, the parser
 * linkedom builds its trees with, so the result equals that of `sanitizeChildren(parseFragment(html))`)
 * go straight to the writer. Time and memory grow with the input's length, and nothing recurses, so an
 * output of any size or depth is sanitized without overflowing the stack.
 */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  const writer = new Writer(options);
  const parser = new Parser({
    onopentag: (name, attributes) => writer.open(name, Object.entries(attributes)),
    ontext: (text) => writer.text(text),
    onclosetag: () => writer.close(),
  }, { lowerCaseAttributeNames: false, decodeEntities: true });
  parser.end(html);
  return writer.result();
}

/** The allowlisted serialization of a node's children, e.g. of a page assembled from sanitized parts. */
export function sanitizeChildren(root: Node): string {
  const writer = new Writer({});
  // Walked in document order with a loop rather than recursion, for the same reason as sanitizeHtml.
  let node: Node | null = root.firstChild;
  while (node !== null) {
    if (node.nodeType === 1) {
      const element = node as Element;
      const attributes = [...element.attributes].map(({ name, value }): [string, string] => [name, value]);
      writer.open(element.localName, attributes);
      if (node.firstChild !== null) {
        node = node.firstChild;
        continue;
      }
      writer.close();
    } else if (node.nodeType === 3 || node.nodeType === 4) {
      writer.text(node.textContent ?? "");
    } // Comments, processing instructions and doctypes are dropped.
    while (node !== null && node.nextSibling === null) {
      node = node.parentNode;
      if (node === root) node = null;
      else if (node !== null) writer.close();
    }
    node = node?.nextSibling ?? null;
  }
  return writer.result();
}

/**
 * A detached element holding the parse of an HTML fragment, for inspecting or rearranging it.
 *
 * Not through `innerHTML`: linkedom's setter passes every top-level node to `replaceChildren` as an
 * argument of its own and walks the tree recursively, so a large output (a table of 100,000 rows) or a
 * deep one overflows the stack. The parse itself is iterative; the nodes are then moved one by one.
 */
export function parseFragment(html: string): Element {
  const { document } = parseHTML(html);
  const container = document.createElement("div");
  for (let node = document.firstChild; node !== null; node = document.firstChild) container.append(node);
  return container;
}

/** Whether base64 image data (whitespace removed) is safe to put into a data: URI attribute. */
export function isBase64(data: string): boolean {
  return BASE64.test(data);
}

/** Text made safe for element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** How an open element is written: its tags and content, its content only, or nothing. */
type Mode = "keep" | "unwrap" | "drop" | "style";

/**
 * Writes the allowlisted markup of a tree given as events in document order: open an element, text, close
 * the element opened last. Both ways in (a parse, a tree) go through it, so there is one set of rules.
 *
 * Whether an element is SVG is decided here, as a browser will decide it when it parses what is written,
 * not as the input's parser did: inside a written `<svg>` elements are SVG, except inside a written SVG
 * `<title>` or `<desc>`, whose content browsers parse as HTML. (An unwrapped element is not written, so its
 * content is where the element's parent is.) Checked against how Chromium parses what DOMPurify and this
 * writer write: tests/report/dompurify_test.ts.
 */
class Writer {
  constructor(private readonly options: SanitizeOptions) {}

  readonly #out: string[] = [];
  /** The open elements, innermost last, with whether a browser parses their content as SVG. */
  readonly #open: { name: string; mode: Mode; svgContent: boolean }[] = [];
  /** The text of the <style> element being written, checked whole when it closes. */
  #css = "";

  open(localName: string, attributes: [string, string][]): void {
    const name = localName.toLowerCase();
    const inSvg = this.#open.at(-1)?.svgContent ?? false;
    const svg = inSvg || name === "svg";
    const mode = this.#mode(name, svg, attributes);
    const isWritten = mode === "keep" || mode === "style";
    this.#open.push({
      name,
      mode,
      svgContent: isWritten ? svg && name !== "title" && name !== "desc" : inSvg,
    });
    if (mode === "style") this.#css = "";
    if (mode !== "keep") return;
    const seen: string[] = [];
    let written = "";
    for (const [attribute, value] of attributes) {
      const lower = attribute.toLowerCase();
      // Browsers keep the first of two attributes that differ only in case, and so does what we check.
      if (seen.includes(lower)) continue;
      seen.push(lower);
      if (!isSafeAttribute(name, svg, lower, value)) continue;
      const kept = this.#relink(name, lower, value);
      if (kept !== undefined && isSafeAttribute(name, svg, lower, kept)) {
        written += ` ${attribute}="${escapeHtml(kept)}"`;
      }
    }
    this.#out.push(`<${name}${written}>`);
    // A void element has no content and no end tag; anything a tree puts inside one is dropped.
    if (!svg && VOID_ELEMENTS.has(name)) this.#open[this.#open.length - 1].mode = "drop";
  }

  text(value: string): void {
    const mode = this.#open.at(-1)?.mode ?? "keep";
    if (mode === "style") this.#css += value;
    else if (mode !== "drop") this.#out.push(escapeHtml(value));
  }

  close(): void {
    const { name, mode } = this.#open.pop()!;
    if (mode === "keep") this.#out.push(`</${name}>`);
    if (mode === "style") {
      const css = withoutComments(this.#css);
      if (isSafeCss(css, true)) this.#out.push(`<style>${css}</style>`);
    }
  }

  result(): string {
    return this.#out.join("");
  }

  /** The value of an allowed attribute as written: a relative link through options.relativeLink. */
  #relink(element: string, attribute: string, value: string): string | undefined {
    const { relativeLink } = this.options;
    if (!relativeLink || element !== "a" || (attribute !== "href" && attribute !== "xlink:href")) {
      return value;
    }
    const url = withoutControls(value);
    return URL_SCHEME.test(url) || url.startsWith("#") ? value : relativeLink(url);
  }

  #mode(name: string, svg: boolean, attributes: [string, string][]): Mode {
    if (this.#open.length >= MAX_DEPTH) throw new Error(`elements are nested more than ${MAX_DEPTH} deep`);
    const parent = this.#open.at(-1)?.mode;
    // A stylesheet is text only: an element inside one goes, with its text.
    if (parent === "drop" || parent === "style") return "drop";
    if (!(svg ? SVG_ELEMENTS : HTML_ELEMENTS).has(name)) {
      return DROPPED_WITH_CONTENT.has(name) ? "drop" : "unwrap";
    }
    if (name === "style") return "style";
    const { dropClass } = this.options;
    if (
      dropClass &&
      attributes.some(([a, v]) => a.toLowerCase() === "class" && v.split(/\s+/).includes(dropClass))
    ) {
      return "drop";
    }
    if (name === "input") {
      const type = attributes.find(([attribute]) => attribute.toLowerCase() === "type")?.[1];
      if (type?.toLowerCase() !== "checkbox") return "drop";
    }
    return "keep";
  }
}

function isSafeAttribute(element: string, svg: boolean, name: string, value: string): boolean {
  // The report's explorer script starts every element carrying its configuration: only the report's own.
  if (name === CONFIG_ATTRIBUTE) return false;
  const allowed = (svg ? SVG_ATTRIBUTES : HTML_ATTRIBUTES).has(name) || /^(?:aria|data)-[\w.-]+$/.test(name);
  if (!allowed) return false;
  switch (name) {
    case "href":
    case "xlink:href":
      return isSafeReference(element, svg, value);
    case "src":
      return element === "img" && isImageDataUri(value);
    case "style":
      return isSafeCss(withoutComments(value), false);
    case "type":
      return element === "input" || element === "ol";
  }
  // Presentation attributes (fill, clip-path, marker-end...) may only point into the same document.
  return !/url\s*\(/i.test(value) || LOCAL_REFERENCE.test(value.trim());
}

/**
 * Links: web, mail, in-page or relative, and CSV data; SVG's use and image: in-document fragments and
 * images only.
 */
function isSafeReference(element: string, svg: boolean, value: string): boolean {
  const url = withoutControls(value);
  if (svg && element === "image") return isImageDataUri(url);
  if (svg && element === "use") return url.startsWith("#");
  if (element !== "a") return false;
  const scheme = url.match(URL_SCHEME)?.[1];
  return scheme === undefined || LINK_SCHEMES.has(scheme.toLowerCase()) || isDataUri(url, CSV_DATA_URI);
}

/** Browsers ignore ASCII whitespace and controls in a URL where they would hide a scheme: "java\nscript:". */
function withoutControls(url: string): string {
  // deno-lint-ignore no-control-regex
  return url.replace(/[\u0000-\u0020\u007f]/g, "");
}

function isImageDataUri(value: string): boolean {
  return isDataUri(withoutControls(value), IMAGE_DATA_URI);
}

function isDataUri(url: string, form: RegExp): boolean {
  const data = url.match(form)?.[1];
  return data !== undefined && isBase64(data);
}

/**
 * CSS (comments removed) that can neither load anything nor run code: no `url(` except to an element of
 * the same document (SVG gradients and clip paths), no `image-set(`, `@import` or script-running
 * extensions. Escapes are refused rather than decoded, so a spelling like `u\72l(` cannot slip past; a
 * stylesheet may not hold `<` or `&`, which would read differently as HTML raw text and inside SVG.
 */
function isSafeCss(css: string, stylesheet: boolean): boolean {
  if (
    /\\|expression\s*\(|image-set\s*\(|@import|javascript:|vbscript:|behavior\s*:|-moz-binding/i.test(css)
  ) return false;
  if (stylesheet && /[<&]/.test(css)) return false;
  return [...css.matchAll(/url\s*\(([^)]*)\)?/gi)].every((match) => /^\s*#[\w.:-]+\s*$/.test(match[1] ?? ""));
}

/** Comments become a space, as CSS reads them: a comment splitting a word leaves two words, not one. */
function withoutComments(css: string): string {
  return css.replace(/\/\*[^]*?(?:\*\/|$)/g, " ");
}
