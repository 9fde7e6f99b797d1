/**
 * What the SLURM and Kubernetes front ends share: their two kinds of failure, running a program, quoting
 * for bash, and splitting `<model> <sim args>` from the front end's own flags.
 */
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { UsageError } from "../system/usage.ts";

/** Something outside the input failed (a daemon, a job, sbatch): one line, exit 1. */
export class ScaleError extends Error {}

/** The project root, where jobs `cd` to so that `deno task sim` finds deno.json. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");

export interface Output {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to completion; a missing program is a ScaleError naming it. */
export async function run(program: string, args: readonly string[], cwd?: string): Promise<Output> {
  try {
    const out = await new Deno.Command(program, { args: [...args], cwd, stdin: "null" }).output();
    const text = new TextDecoder();
    return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new ScaleError(`${program} is not installed`);
    throw error;
  }
}

/** Runs a program that must succeed; otherwise a ScaleError with its first line of complaint. */
export async function runOk(program: string, args: readonly string[]): Promise<string> {
  const out = await run(program, args);
  if (out.code !== 0) {
    const why = (out.stderr.trim() || out.stdout.trim()).split("\n")[0];
    throw new ScaleError(`${program} ${args.join(" ")} failed (exit ${out.code}): ${why}`);
  }
  return out.stdout;
}

/** One bash word: single quotes keep every character literal; a quote inside becomes '\''. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./=:,+@%-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

type OptionSpec = Readonly<Record<string, { readonly type: "string" | "boolean" }>>;

export interface SplitCommandLine<O extends OptionSpec> {
  /** The front end's own flags; each string flag at most once. */
  readonly values: { [K in keyof O]?: O[K]["type"] extends "string" ? string : boolean };
  readonly model: string;
  /** Everything else, in order, for `deno task sim`. */
  readonly simArgs: readonly string[];
}

/**
 * Takes the front end's own flags out of `<model> <sim args> <own flags>`, in any order, and leaves the
 * rest untouched for `deno task sim`, which checks it. `--shard` is refused: the front end sets it.
 */
export function splitCommandLine<O extends OptionSpec>(
  argv: readonly string[],
  options: O,
): SplitCommandLine<O> {
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const own = new Set<number>();
  const values: Record<string, string | boolean> = {};
  for (const token of tokens) {
    if (token.kind === "option-terminator") {
      throw new UsageError("'--' is not accepted; give the sim arguments as they are");
    }
    if (token.kind !== "option") continue;
    if (token.name === "shard") throw new UsageError("--shard is set for each job; give --shards N");
    if (!(token.name in options)) continue;
    if (token.name in values) throw new UsageError(`--${token.name} is given more than once`);
    own.add(token.index);
    if (options[token.name].type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`--${token.name} takes no value`);
      values[token.name] = true;
      continue;
    }
    // Without strict parsing, a flag at the end has no value, and a following flag would be taken as one.
    if (token.value === undefined || (token.inlineValue === false && token.value.startsWith("-"))) {
      throw new UsageError(`--${token.name} needs a value`);
    }
    if (token.inlineValue === false) own.add(token.index + 1);
    values[token.name] = token.value;
  }
  const rest = argv.filter((_, i) => !own.has(i));
  if (rest.length === 0 || rest[0].startsWith("-")) throw new UsageError("name the model first");
  return { values: values as SplitCommandLine<O>["values"], model: rest[0], simArgs: rest.slice(1) };
}

/** A whole number within [min, max] given as a flag's text. */
export function wholeNumber(text: string | undefined, flag: string, min: number, max: number): number {
  if (text === undefined) throw new UsageError(`${flag} is required`);
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got '${text.slice(0, 40)}'`);
  }
  return Number(text);
}
