/**
 * What every command of the command line shares in reading its arguments: the error that means "the
 * request is wrong" (exit code 2), parsing with a suggestion for a mistyped flag, options given once,
 * and whole numbers.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { clip } from "../engine/params.ts";
import { didYouMean } from "../engine/suggest.ts";

/** A problem with what the user asked for (exit code 2). */
export class UsageError extends Error {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * The command line parsed against `options` (positionals allowed). An unknown flag is refused with the
 * closest known ones (`--sweeps`: did you mean --sweep?), any other parse error in its own words.
 */
export function parseCommandLine<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options, strict: true });
  } catch (e) {
    const error = e as Error & { code?: string };
    if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const flag = argv.find((a) => error.message.includes(`'${a}'`)) ?? "";
      const name = flag.replace(/^-+/, "").split("=")[0];
      const suggestion = didYouMean(name, Object.keys(options), "--");
      throw new UsageError(`unknown option '${clip(flag)}'${suggestion ? `; ${suggestion}` : ""}`);
    }
    throw new UsageError(error.message);
  }
}

/** The value of an option that may be given at most once. */
export function once(values: readonly string[] | undefined, flag: string): string | undefined {
  if (values !== undefined && values.length > 1) throw new UsageError(`${flag} is given more than once`);
  return values?.[0];
}

/** A whole number ≥ min given as text, or undefined when the option was not given. */
export function wholeNumber(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d{1,15}$/.test(text.trim()) ? Number(text) : NaN;
  if (!(n >= min)) throw new UsageError(`${flag} expects a whole number ≥ ${min}, got '${clip(text)}'`);
  return n;
}
