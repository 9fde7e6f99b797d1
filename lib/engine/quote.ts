/**
 * Text from a user (a flag, a key in a file, a path) as a message shows it. Every message that repeats
 * what was typed or read goes through here, so that it stays one readable line whatever the input held:
 * control characters are escaped (a NUL, a newline or an escape sequence would otherwise reach the
 * terminal as is) and long text is cut short.
 */

// C0 and C1 control characters, DEL, the Unicode line and paragraph separators, and the bidirectional
// formatting characters that reorder what a terminal shows.
// deno-lint-ignore no-control-regex -- matching control characters is this expression's purpose
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` with every control character written as an escape (`\n`, `\t`, `\u0000`, ...). */
export function escapeControl(text: string): string {
  return text.replace(
    CONTROL,
    (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** User text cut to `max` characters (saying how long it was) with control characters escaped. */
export function clip(text: string, max = 40): string {
  return text.length <= max
    ? escapeControl(text)
    : `${escapeControl(text.slice(0, max))}… (${text.length} characters)`;
}

/** User text quoted for a message: `'text'`, clipped and escaped. */
export function quote(text: string, max = 40): string {
  return `'${clip(text, max)}'`;
}

/** A value as a message shows it: strings quoted, numbers and booleans as JavaScript prints them. */
export function shown(value: unknown): string {
  return typeof value === "string" ? quote(value) : String(value);
}
