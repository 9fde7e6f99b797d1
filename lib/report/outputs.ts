/** A code cell's outputs as sanitized HTML, each in its own wrapper. */
import { renderMarkdown } from "./markdown.ts";
import { type MimeBundle, type MultilineText, type Output, text } from "./notebook.ts";
import { escapeHtml, isBase64, sanitizeHtml, type SanitizeOptions } from "./sanitize.ts";
import { UNTRUSTED_FALLBACK_CLASS } from "../plot/dom.ts";

const IMAGE_TYPES = ["image/png", "image/jpeg"];
/**
 * Larger outputs are refused, not rendered: a page holding one is too heavy to read, and rendering a
 * table of this size takes about half a minute and a gigabyte of memory (a larger one may exhaust it).
 */
export const MAX_OUTPUT_CHARACTERS = 16_000_000;

/** `options` apply to the HTML, SVG and Markdown outputs; their relative links are written from the notebook. */
export function renderOutput(output: Output, options: SanitizeOptions = {}): string {
  switch (output.output_type) {
    case "stream": {
      const stderr = output.name === "stderr" ? " stderr" : "";
      const stream = withinLimit(`${output.name} output`, text(output.text));
      return `<pre class="output stream${stderr}">${escapeHtml(stripAnsi(stream))}</pre>`;
    }
    case "error": {
      const traceback = stripAnsi((output.traceback ?? []).join("\n"));
      return `<div class="output error"><strong>${escapeHtml(`${output.ename}: ${output.evalue}`)}</strong>` +
        (traceback ? `<pre>${escapeHtml(traceback)}</pre>` : "") + "</div>";
    }
    case "display_data":
    case "execute_result":
      return renderMimeBundle(output.data, options);
  }
}

/** Renders the richest representation we can show without scripts, like Jupyter's own preference order. */
function renderMimeBundle(data: MimeBundle, options: SanitizeOptions): string {
  const get = (mime: string) =>
    typeof data[mime] === "string" || Array.isArray(data[mime])
      ? withinLimit(`${mime} output`, text(data[mime] as MultilineText))
      : undefined;
  const html = get("text/html");
  // A chart's copy for untrusted notebooks would show it twice (lib/plot/dom.ts notebookHtml).
  if (html !== undefined) {
    return `<div class="output html">${
      sanitizeHtml(html, { ...options, dropClass: UNTRUSTED_FALLBACK_CLASS })
    }</div>`;
  }
  const svg = get("image/svg+xml");
  // An XML declaration or doctype is invalid inside an HTML document, so drop anything before <svg.
  if (svg !== undefined) {
    return `<div class="output svg">${
      sanitizeHtml(svg.slice(Math.max(0, svg.indexOf("<svg"))), options)
    }</div>`;
  }
  for (const mime of IMAGE_TYPES) {
    const image = get(mime);
    if (image === undefined) continue;
    const base64 = image.replace(/\s+/g, "");
    // Anything else could close the src attribute and add markup of its own.
    if (!isBase64(base64)) {
      return `<p class="output omitted">(An image was left out: its data is not base64.)</p>`;
    }
    return `<div class="output image"><img alt="" src="data:${mime};base64,${base64}"></div>`;
  }
  const md = get("text/markdown");
  if (md !== undefined) return `<div class="output markdown">${renderMarkdown(md, options)}</div>`;
  const plain = get("text/plain");
  if (plain !== undefined) return `<pre class="output">${escapeHtml(stripAnsi(plain))}</pre>`;
  return "";
}

function withinLimit(what: string, value: string): string {
  if (value.length <= MAX_OUTPUT_CHARACTERS) return value;
  const millions = (count: number) => `${Number((count / 1e6).toFixed(1))} million`;
  throw new Error(
    `its ${what} has ${millions(value.length)} characters, more than the ${
      millions(MAX_OUTPUT_CHARACTERS)
    } a report shows; show a part of it, or write it to a file`,
  );
}

function stripAnsi(value: string): string {
  // deno-lint-ignore no-control-regex
  return value.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
}
