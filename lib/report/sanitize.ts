/**
 * An allowlist sanitizer for the HTML and SVG that notebooks put into reports: markdown, `text/html`,
 * `image/svg+xml` and `text/markdown` outputs are written by code nobody reviewed for the reader, so
 * nothing in them may run in a report.
 *
 * The input is parsed with linkedom and the page is written back from the parsed tree by this module's own
 * serializer, never by copying input text: only allowlisted elements and attributes are written, every
 * attribute value and text is escaped, and the only unescaped text, a `<style>` element's, may not contain
 * `<`, `&` or `\`. So what the browser parses is exactly what was checked, whatever linkedom's parse of
 * odd markup differs from the browser's.
 */
import { parseHTML } from "linkedom";

const SVG_NS = "http://www.w3.org/2000/svg";

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
/** Deeper trees are cut off: real outputs are shallow, and a recursive walk must not overflow the stack. */
const MAX_DEPTH = 256;

/** Untrusted HTML (which may hold inline SVG) as the allowlisted HTML that renders the same. */
export function sanitizeHtml(html: string): string {
  return sanitizeChildren(parseFragment(html));
}

/** The allowlisted serialization of a node's children, e.g. of a page assembled from sanitized parts. */
export function sanitizeChildren(node: Node): string {
  return serializeChildren(node, 0);
}

/** A detached element holding the parse of an HTML fragment, for inspecting or rearranging it. */
export function parseFragment(html: string): Element {
  const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>");
  const container = document.createElement("div");
  container.innerHTML = html;
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

function serializeChildren(node: Node, depth: number): string {
  if (depth > MAX_DEPTH) return "";
  let out = "";
  for (const child of node.childNodes) {
    if (child.nodeType === 3 || child.nodeType === 4) out += escapeHtml(child.textContent ?? "");
    else if (child.nodeType === 1) out += serializeElement(child as Element, depth + 1);
    // Comments, processing instructions and doctypes are dropped.
  }
  return out;
}

function serializeElement(element: Element, depth: number): string {
  const name = element.localName.toLowerCase();
  const svg = element.namespaceURI === SVG_NS;
  if (!(svg ? SVG_ELEMENTS : HTML_ELEMENTS).has(name)) {
    return DROPPED_WITH_CONTENT.has(name) ? "" : serializeChildren(element, depth);
  }
  if (name === "style") {
    const css = withoutComments(element.textContent ?? "");
    return isSafeCss(css, true) ? `<style>${css}</style>` : "";
  }
  if (name === "input" && element.getAttribute("type")?.toLowerCase() !== "checkbox") return "";
  const attributes = [...element.attributes]
    .filter((attribute) => isSafeAttribute(name, svg, attribute.name.toLowerCase(), attribute.value))
    .map((attribute) => ` ${attribute.name}="${escapeHtml(attribute.value)}"`)
    .join("");
  if (!svg && VOID_ELEMENTS.has(name)) return `<${name}${attributes}>`;
  return `<${name}${attributes}>${serializeChildren(element, depth)}</${name}>`;
}

function isSafeAttribute(element: string, svg: boolean, name: string, value: string): boolean {
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
  // Browsers ignore ASCII whitespace and controls where they would hide a scheme, e.g. "java\nscript:".
  // deno-lint-ignore no-control-regex
  const url = value.replace(/[\u0000-\u0020\u007f]/g, "");
  if (svg && element === "image") return isImageDataUri(url);
  if (svg && element === "use") return url.startsWith("#");
  if (element !== "a") return false;
  const scheme = url.match(URL_SCHEME)?.[1];
  return scheme === undefined || LINK_SCHEMES.has(scheme.toLowerCase()) || isDataUri(url, CSV_DATA_URI);
}

function isImageDataUri(value: string): boolean {
  // deno-lint-ignore no-control-regex
  return isDataUri(value.replace(/[\u0000-\u0020]/g, ""), IMAGE_DATA_URI);
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
