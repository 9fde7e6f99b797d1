/**
 * The explorer's script, bundled for the browser (bundle.ts): on a page it starts every explorer
 * container not yet started; run as a Web Worker (from a Blob of this same script, so a page needs one
 * script only) it serves the runs. The script finds its own text while it first runs: a worker is made
 * from it, and a page may hold nothing else to load (file://, a notebook's output).
 */
import { CONFIG_ATTRIBUTE, type ExplorerConfig, startExplorer } from "./explorer.ts";
import { serveRuns } from "./worker.ts";

function startAll(source: string): void {
  for (const root of document.querySelectorAll<HTMLElement>(`[${CONFIG_ATTRIBUTE}]`)) {
    if (root.dataset.started) continue;
    root.dataset.started = "true";
    try {
      startExplorer(root, JSON.parse(root.getAttribute(CONFIG_ATTRIBUTE)!) as ExplorerConfig, source);
    } catch (e) {
      root.textContent = `This explorer could not start: ${(e as Error).message}`;
    }
  }
}

if (typeof document === "undefined") {
  serveRuns(self as unknown as Parameters<typeof serveRuns>[0]);
} else {
  const source = document.currentScript?.textContent ?? "";
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", () => startAll(source));
  else startAll(source);
}
