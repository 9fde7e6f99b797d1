/**
 * The seed grammar every input shares (a flag, a configuration file, an explorer's URL fragment), kept
 * apart from config.ts so that a browser page can use it without the file reading around it.
 *
 * Seeds become part of every stream's seed text and of manifest.json, so they must survive JSON exactly
 * and read back the same: safe whole numbers, or short strings of characters that need no escaping. A
 * text seed may not start with '-', so that '-3' is refused rather than taken for the text "-3".
 */
const SEED_TEXT = /^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,63}$/;
export const SEED_RULE =
  "a whole number in [0, 2^53 - 1] or 1 to 64 letters, digits, '_', '.' or '-' (not first)";

/** Whether `value` is a seed as a file gives it (or as already parsed). */
export function isSeed(value: unknown): value is string | number {
  return typeof value === "number"
    ? Number.isSafeInteger(value) && value >= 0
    : typeof value === "string" && SEED_TEXT.test(value);
}

/**
 * A seed as typed: a whole number written canonically is that number (so `--seed 7` and `seed = 7`
 * record the same manifest); any other text, "007" included, is kept as text. Not checked: see isSeed.
 */
export function seedOfText(text: string): string | number {
  const n = /^(0|[1-9]\d{0,15})$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(n) ? n : text;
}
