/**
 * Which names a new model may take. The name is the command-line name (`deno task sim <name>`), the
 * folder's, the notebook's file name and the identifier the model is exported under (workers load it
 * by that name), so it must be all of these at once without clashing with anything the generated code
 * already names.
 */
import { type ModelKind, templateCells, templates } from "./templates.ts";

/** Long enough for any project's name; short enough that generated lines stay within `deno fmt`'s width. */
export const MAX_NAME_LENGTH = 20;

const NAME = /^[a-z][a-z0-9]*$/;

/** JavaScript's reserved words (strict mode, as modules are) and names a module cannot bind. */
const RESERVED = new Set(
  ("await break case catch class const continue debugger default delete do else enum eval export extends " +
    "false finally for function if implements import in instanceof interface let new null package private " +
    "protected public return static super switch this throw true try typeof undefined var void while with " +
    "yield arguments").split(" "),
);

/** Names taken by other things than models: `index.html` is the report's list of reports. */
const TAKEN: Readonly<Record<string, string>> = {
  index: "the report publishes its list of reports as index.html, which a notebook named index would replace",
};

/** What is wrong with `name` as a new model's name, in one line; undefined when nothing is. */
export async function nameProblem(name: string, kind: ModelKind): Promise<string | undefined> {
  if (!NAME.test(name) || name.length > MAX_NAME_LENGTH) {
    return `'${name}' is not a model name: lower-case letters and digits, starting with a letter, ` +
      `at most ${MAX_NAME_LENGTH} characters (e.g. honey, bostrom2)`;
  }
  if (RESERVED.has(name)) {
    return `'${name}' is a reserved word in JavaScript; the model is exported under its name`;
  }
  if (Object.hasOwn(TAKEN, name)) return `'${name}' is taken: ${TAKEN[name]}`;
  if ((await wordsOfGeneratedCode(kind)).has(name)) {
    return `'${name}' is a word the generated code already uses (an import, a variable or a word in its ` +
      `text), which the model's own identifier would clash with or shadow`;
  }
  return undefined;
}

/**
 * The lower-case words of the templates' code — TypeScript files and notebook code cells, comments left
 * out — each identifier taken up to its first capital (`finalSupplies` → `final`), since the generated
 * identifiers are the name followed by a capitalised word (`demoParams`).
 */
export async function wordsOfGeneratedCode(kind: ModelKind): Promise<Set<string>> {
  const words = new Set<string>();
  for (const [path, text] of await templates(kind)) {
    const code = path.endsWith(".ts.tmpl")
      ? text
      : path.endsWith(".ipynb.tmpl")
      ? templateCells(text).filter((c) => c.type === "code").map((c) => c.lines.join("")).join("\n")
      : "";
    const uncommented = code.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/.*$/gm, " ");
    for (const [identifier] of uncommented.matchAll(/[A-Za-z_$][\w$]*/g)) {
      const word = identifier.match(/^[a-z][a-z0-9]*/)?.[0];
      if (word) words.add(word);
    }
  }
  return words;
}
