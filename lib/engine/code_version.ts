/**
 * A model's code version: the sha256 of every project module its module imports, directly or not (read
 * from the files, so an edit anywhere in what the model runs changes it), and of the npm versions those
 * modules import (the project's import map). The run cache (cache.ts) keys runs by it.
 *
 * Read synchronously (the notebooks' everyday calls are synchronous) and remembered per module for the
 * life of the process: a kernel that has already imported a model runs that code until it restarts, even
 * if the file changes meanwhile.
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";

const PROJECT = new URL("../../", import.meta.url);
const LIB = new URL("../", import.meta.url);

/** Import specifiers in a module's text: `import … from`, `export … from`, `import "…"`, `import("…")`. */
const IMPORTS = [
  /^\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/gm,
  /^\s*import\s*["']([^"']+)["']/gm,
  /\bimport\(\s*["']([^"']+)["']\s*\)/g,
];

const versions = new Map<string, string | undefined>();

/**
 * The code version of the module at `moduleUrl` (a `file:` URL) and everything it imports; undefined
 * when a file cannot be read (no read permission, a module outside the file system).
 */
export function codeVersion(moduleUrl: string): string | undefined {
  if (!versions.has(moduleUrl)) versions.set(moduleUrl, compute(moduleUrl));
  return versions.get(moduleUrl);
}

function compute(moduleUrl: string): string | undefined {
  if (!moduleUrl.startsWith("file:")) return undefined;
  try {
    const importMap = readImportMap();
    const hash = createHash("sha256");
    const seen = new Set<string>([moduleUrl]);
    const queue = [moduleUrl];
    const bare = new Set<string>();
    while (queue.length > 0) {
      const url = queue.shift()!;
      const source = Deno.readTextFileSync(new URL(url));
      // The path from the project (not the machine's) and the length frame each file's text.
      hash.update(`${url.replace(PROJECT.href, "")}\n${source.length}\n${source}`);
      for (const pattern of IMPORTS) {
        for (const [, specifier] of source.matchAll(pattern)) {
          const resolved = resolve(specifier, url);
          if (resolved === undefined) bare.add(specifier);
          else if (!seen.has(resolved)) {
            seen.add(resolved);
            queue.push(resolved);
          }
        }
      }
    }
    for (const specifier of [...bare].sort()) hash.update(`\n${specifier}=${importMap[specifier] ?? ""}`);
    return hash.digest("hex");
  } catch {
    return undefined;
  }
}

/** A project module's URL, or undefined for a package (npm, node:, a mapped name). */
function resolve(specifier: string, from: string): string | undefined {
  if (specifier.startsWith("./") || specifier.startsWith("../")) return new URL(specifier, from).href;
  if (specifier.startsWith("@lib/")) return new URL(specifier.slice("@lib/".length), LIB).href;
  return undefined;
}

function readImportMap(): Record<string, string> {
  const config = JSON.parse(Deno.readTextFileSync(fileURLToPath(new URL("deno.json", PROJECT))));
  return config.imports ?? {};
}
