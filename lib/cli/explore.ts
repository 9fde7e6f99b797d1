/**
 * `deno task explore <model> [--scenario NAME] [--set name=value]... [--out FILE.html]`: writes one
 * self-contained page that runs the model in the reader's browser (open it from disk; no server).
 */
import { dirname, resolve } from "node:path";
import { ParamError } from "../engine/params.ts";
import { clip, quote } from "../engine/quote.ts";
import { didYouMean } from "../engine/suggest.ts";
import { ConfigError } from "../io/config.ts";
import { UsageError } from "../system/usage.ts";
import { commandLine } from "./args.ts";
import { explorerParts } from "../explore/embed.ts";
import { initialState } from "../explore/initial.ts";
import { explorables } from "../explore/models.ts";
import { explorerPage } from "../explore/page.ts";

const USAGE = `deno task explore <model> [--scenario NAME] [--set name=value]... [--out FILE.html]

Writes one HTML page that runs the model in your browser, from disk, with no server: a control for every
parameter (deno task sim <model> --help describes them), runs and seed; charts of the main outputs
(median and 5–95 % band over runs) and a second "compare with" setting; each output's final-step median;
and the deno task sim command that gives the same numbers. The page's settings live in its address
(#throttle=0.05&seed=7&runs=10), so a link reproduces a view.

  --scenario NAME   open at a shipped scenario's values (a swept parameter at its first value)
  --set name=value  open with this parameter's value (repeatable), read as sim reads it
  --out FILE.html   where to write (default data/explore/<model>.html)

models: ${Object.keys(explorables).join(", ")}`;

const OPTIONS = {
  scenario: { type: "string" },
  set: { type: "string", multiple: true },
  out: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = commandLine(argv, OPTIONS);
  if (values.help) return console.log(USAGE);
  if (positionals.length !== 1) {
    throw new UsageError(
      `explore takes one model (${Object.keys(explorables).join(", ")}); got ${positionals.length} (--help)`,
    );
  }
  const name = positionals[0];
  if (!Object.hasOwn(explorables, name)) {
    const hint = didYouMean(name, Object.keys(explorables));
    throw new UsageError(
      `no model ${quote(name)} to explore${hint ? `; ${hint}` : ""} (models: ${
        Object.keys(explorables).join(", ")
      })`,
    );
  }
  const out = resolve(values.out ?? `data/explore/${name}.html`);
  if (!out.endsWith(".html")) {
    throw new UsageError(`--out ${clip(out, 200)}: the page's name must end in .html`);
  }
  const { state, notes } = await initialState(name, { scenario: values.scenario, set: values.set });
  const parts = await explorerParts(name, state, true);
  const subtitle = `${explorables[name].model.title}. The model runs in this page, in your browser; the ` +
    "page's address keeps the settings, so a link shows the same view.";
  const html = explorerPage(`Explore ${name}`, subtitle, parts, notes);
  await Deno.mkdir(dirname(out), { recursive: true });
  await Deno.writeTextFile(out, html);
  for (const note of notes) console.error(`explore: note: ${note}`);
  console.log(
    `explore: wrote ${out} (${
      Math.round(new TextEncoder().encode(html).length / 1024)
    } kB); open it in a browser`,
  );
}

if (import.meta.main) {
  try {
    await main(Deno.args);
  } catch (e) {
    console.error(`explore: error: ${clip((e as Error).message.split("\n")[0], 400)}`);
    const refused = [UsageError, ConfigError, ParamError].some((c) => e instanceof c);
    Deno.exit(refused ? 2 : 1);
  }
}
