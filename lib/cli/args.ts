/**
 * The command line of `compare` and `sensitivity`: Node's parseArgs, with its errors turned into the one
 * UsageError every command exits 2 on, and a mistyped option answered with the closest ones.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { quote } from "../engine/quote.ts";
import { didYouMean } from "../engine/suggest.ts";
import { UsageError } from "../system/usage.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The options and positionals of `argv`; an unknown option or a missing value is a UsageError. */
export function commandLine<O extends Options>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    const unknown = /Unknown option '([^']*)'/.exec((e as Error).message);
    if (unknown) {
      const hint = didYouMean(unknown[1], Object.keys(options).map((name) => `--${name}`));
      throw new UsageError(
        `unknown option ${quote(unknown[1])}${hint ? `; ${hint}` : ""} (--help for usage)`,
      );
    }
    throw new UsageError((e as Error).message.split("\n")[0]);
  }
}
