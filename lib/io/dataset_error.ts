/** Errors about an output folder, and the gist of a file-system error for their messages. */
import { escapeControl } from "../engine/quote.ts";

/** A problem with the output folder (exit code 2 on the command line: nothing was written). */
export class DatasetError extends Error {
  override name = "DatasetError";
}

/** The gist of a file-system error, without the path Deno appends (the message names it already). */
export function reason(e: unknown): string {
  return escapeControl((e as Error).message.split(":")[0]);
}
