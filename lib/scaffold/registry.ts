/**
 * The one edit a new model makes outside its own files: its line in lib/models/index.ts, the registry
 * of models `deno task sim` runs, and the import that line needs.
 */
import type { ModelKind } from "./templates.ts";

export const REGISTRY = "lib/models/index.ts";

/** Thrown when the registry cannot take the model; the message is one line. */
export class RegistryError extends Error {
  override name = "RegistryError";
}

/**
 * The registry entry of a new model and its import: a state-update model is wrapped by
 * `stateUpdateSimulator` (one `timeseries` table); an agent-based one brings its own `simulator.ts`
 * (its `timeseries` and `agents` tables).
 */
export function registryLines(name: string, kind: ModelKind): { importLine: string; entry: string } {
  return kind === "state"
    ? {
      importLine: `import { ${name} } from "./${name}/model.ts";`,
      entry: `  ${name}: stateUpdateSimulator(${name}),`,
    }
    : {
      importLine: `import { ${name}Simulator } from "./${name}/simulator.ts";`,
      entry: `  ${name}: ${name}Simulator,`,
    };
}

/**
 * The registry's text with the model added: its import among the others in path order, its entry last
 * in `simulators`. Throws RegistryError when the name is registered already, or when the file no longer
 * has the shape this edit knows (then nothing should be written).
 */
export function register(source: string, name: string, kind: ModelKind): string {
  const lines = source.split("\n");
  const open = lines.findIndex((line) => /^export const simulators\b.*= \{$/.test(line));
  const close = lines.findIndex((line, i) => i > open && line === "};");
  if (open < 0 || close < 0) {
    throw new RegistryError(`${REGISTRY} has no 'export const simulators … = {' … '};' to add '${name}' to`);
  }
  const entries = lines.slice(open + 1, close).map((line) => line.trim());
  if (entries.some((entry) => entry.startsWith(`${name}:`) || entry === `${name},`)) {
    throw new RegistryError(`'${name}' is registered already in ${REGISTRY}`);
  }
  if (
    kind === "state" &&
    !/^import \{[^}]*\bstateUpdateSimulator\b[^}]*\} from "\.\/simulator\.ts";$/m.test(source)
  ) {
    throw new RegistryError(`${REGISTRY} does not import stateUpdateSimulator from ./simulator.ts`);
  }
  const { importLine, entry } = registryLines(name, kind);
  const path = (line: string) => line.match(/^import .* from "(\.\/[^"]+)";$/)?.[1];
  const imports = lines.slice(0, open).flatMap((line, i) => path(line) === undefined ? [] : [i]);
  if (imports.length === 0) throw new RegistryError(`${REGISTRY} has no one-line imports of models`);
  const ours = path(importLine)!;
  const before = imports.find((i) => path(lines[i])! > ours) ?? imports.at(-1)! + 1;
  const added = [...lines];
  added.splice(close, 0, entry);
  added.splice(before, 0, importLine);
  return added.join("\n");
}
