/**
 * The explorer's script: lib/explore/app.ts bundled for the browser by `deno bundle` (one IIFE, minified,
 * every dependency inside: the engine, the five models, Observable Plot), once per process, with the
 * sha256 a Content-Security-Policy allows it by.
 */
const ENTRY = new URL("./app.ts", import.meta.url).pathname;
const ROOT = new URL("../../", import.meta.url).pathname;

export interface ExplorerScript {
  readonly text: string;
  /** The CSP source that allows exactly this script: `'sha256-…'`. */
  readonly source: string;
}

let built: Promise<ExplorerScript> | undefined;

/** The CSP hash source of an inline script's text. */
export async function hashSource(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
}

// "deno" by name, as the explore task allows it (--allow-run=deno): the one on PATH, as for the task.
async function build(): Promise<ExplorerScript> {
  const command = (deno: string) =>
    new Deno.Command(deno, {
      args: ["bundle", "--quiet", "--platform", "browser", "--format", "iife", "--minify", ENTRY],
      cwd: ROOT,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  let out: Deno.CommandOutput;
  try {
    out = await command("deno");
  } catch (e) {
    // A kernel started by its absolute path may not have deno on PATH: the running one then bundles.
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    out = await command(Deno.execPath());
  }
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success || text.length === 0) {
    throw new Error(
      `deno bundle ${ENTRY} failed: ${new TextDecoder().decode(out.stderr).trim().slice(0, 2000)}`,
    );
  }
  // Inline, the text must not close its element or open a comment the HTML parser would honour.
  if (/<\/script|<!--/i.test(text)) throw new Error("the explorer's bundle holds '</script' or '<!--'");
  return { text, source: await hashSource(text) };
}

/** The explorer's script (built on first use, then shared by every page this process writes). */
export function explorerScript(): Promise<ExplorerScript> {
  built ??= build();
  return built;
}
