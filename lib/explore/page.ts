/**
 * An explorer's own page: one self-contained HTML file that runs the model in the reader's browser from
 * file://, with no server. Its policy allows its one script by hash, a worker from a Blob URL, inline
 * styles and data: images, and nothing else: no other script, no eval, no request anywhere.
 */
import { escapeHtml } from "../notebook/display.ts";
import type { ExplorerParts } from "./embed.ts";

/** The Content-Security-Policy of a page holding an explorer whose script has CSP source `script`. */
export function explorerPolicy(script: string): string {
  return `default-src 'none'; script-src ${script}; worker-src blob:; img-src data:; style-src 'unsafe-inline'; ` +
    "base-uri 'none'; form-action 'none'";
}

/** The page: title, a line under it, notes for the reader (e.g. a scenario's sweep cut to one value), the explorer. */
export function explorerPage(
  title: string,
  subtitle: string,
  parts: ExplorerParts,
  notes: readonly string[] = [],
): string {
  const noted = notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${explorerPolicy(parts.scriptSource)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}${parts.css}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">${escapeHtml(subtitle)}</p>
${noted}
${parts.html}
${parts.script}
</body>
</html>
`;
}

const PAGE_CSS = `
body { margin: 0 auto; max-width: 1400px; padding: 1rem 1.25rem; color: #1f2328;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.5rem; margin: 0; }
p.subtitle { color: #59636e; margin: 0 0 .75rem; }
p.note { color: #9a6700; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f8fa; border-radius: 6px; padding: .5rem .75rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d1d9e0; padding: .2rem .5rem; text-align: left; }
caption { text-align: left; color: #59636e; padding: .3rem 0; }
`;
