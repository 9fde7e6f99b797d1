// `deno task new <name> [--agents]`: a new model that runs, in the shape of the others — parameters,
// state (or agents), model, experiments, outcomes, one claim, a scenario, tests, its documentation page and
// its notebook — registered for `deno task sim`. Everything is checked before anything is written; a
// refusal is one line on stderr with exit code 2, and leaves the project as it was.
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { firstExisting, install } from "./install.ts";
import { nameProblem } from "./names.ts";
import { register, REGISTRY, RegistryError, registryLines } from "./registry.ts";
import { generatedFiles, type ModelKind, ownedPaths } from "./templates.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const USAGE = "usage: deno task new <name> [--agents]";
const HELP = `${USAGE}

Writes a minimal working model named <name> — a state-update model (cadCAD's idiom), or with
--agents an agent-based one (Mesa's) — with its experiments, outcomes, one claim, a scenario, tests,
its page in docs/models/ and its notebook, and registers it in ${REGISTRY}.
README.md, "Adding a model", lists the files and what each is for.`;

/** A bad command line or a name the project cannot take; main prints it in one line and exits with 2. */
class Refusal extends Error {}

async function main(args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { agents: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    // Node's message for an unknown option runs to three sentences; the option is what matters.
    const unknown = (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
      ? (error as Error).message.match(/'([^']+)'/)?.[1]
      : undefined;
    throw new Refusal(`${unknown ? `unknown option ${unknown}` : (error as Error).message} (${USAGE})`);
  }
  if (parsed.values.help) return console.log(HELP);
  if (parsed.positionals.length !== 1) {
    throw new Refusal(
      parsed.positionals.length === 0
        ? `give the new model's name (${USAGE})`
        : `one name at a time, got ${parsed.positionals.join(" ")} (${USAGE})`,
    );
  }
  const [name] = parsed.positionals;
  const kind: ModelKind = parsed.values.agents ? "agents" : "state";

  const problem = await nameProblem(name, kind);
  if (problem) throw new Refusal(problem);
  let registry;
  try {
    registry = register(await Deno.readTextFile(join(ROOT, REGISTRY)), name, kind);
  } catch (error) {
    if (error instanceof RegistryError) throw new Refusal(error.message);
    throw error;
  }
  const owned = await ownedPaths(name, kind);
  const taken = await firstExisting(ROOT, owned);
  if (taken) throw new Refusal(`'${name}' is taken: ${taken} exists`);

  const files = await generatedFiles(name, kind);
  await install(ROOT, files, owned, { path: REGISTRY, text: registry });
  const what = kind === "state" ? "state-update" : "agent-based";
  console.log(
    [
      `new: wrote the ${what} model '${name}':`,
      ...files.map((file) => `  ${file.path}`),
      `and registered it in ${REGISTRY}: ${registryLines(name, kind).entry.trim()}`,
      "",
      "Try it:",
      `  deno test -A tests/models/${name}/`,
      `  deno task sim ${name} --help`,
      `  deno task report --notebooks notebooks/${name}.ipynb`,
      `Then make it your model, file by file; add it to docs/models/README.md and README.md's table of models.`,
    ].join("\n"),
  );
}

if (import.meta.main) {
  try {
    await main(Deno.args);
  } catch (error) {
    console.error(`new: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(error instanceof Refusal ? 2 : 1);
  }
}
