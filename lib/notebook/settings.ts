/**
 * Checks of a notebook's knobs (a model's `Settings`) that several models share, with one message style:
 * `settings.<name> is <value>: <what is accepted>`, one line, as a RangeError. A model's `checkSettings`
 * calls these for the common checks and `settingError` for its own, so every refusal reads alike.
 *
 * ```ts
 * wholeSetting(s, "runs", 1); // settings.runs is 0: a whole number ≥ 1
 * settingIncludes(s, "feeRates", 0, "the run the fee chart compares with");
 * ```
 */

/** A value as the notebook's parameters cell writes it: numbers as they are, lists in brackets. */
export function showSetting(value: unknown): string {
  return Array.isArray(value) ? `[${value.map(showSetting).join(", ")}]` : String(value);
}

/** The one refusal of a setting: `settings.<name> is <value>: <accepted>`. */
export function settingError(name: string, value: unknown, accepted: string): RangeError {
  return new RangeError(`settings.${name} is ${showSetting(value)}: ${accepted}`);
}

/**
 * Refuses a count or seed that is not a whole number (exactly representable, so no two settings run
 * alike), or, given `min`, one below it.
 */
export function wholeSetting<S extends { readonly [k in K]: number }, K extends keyof S & string>(
  s: S,
  name: K,
  min?: number,
): void {
  const v = s[name];
  if (!Number.isSafeInteger(v) || (min !== undefined && v < min)) {
    throw settingError(name, v, min === undefined ? "a whole number" : `a whole number ≥ ${min}`);
  }
}

/** Refuses an empty list: the experiment it feeds would run nothing. */
export function nonEmptySetting<
  S extends { readonly [k in K]: readonly unknown[] },
  K extends keyof S & string,
>(
  s: S,
  name: K,
): void {
  if (s[name].length === 0) throw settingError(name, s[name], "a list of at least one value");
}

/** Refuses a list without `value`, which a chart or caption compares the others with (`why`). */
export function settingIncludes<
  S extends { readonly [k in K]: readonly number[] },
  K extends keyof S & string,
>(
  s: S,
  name: K,
  value: number,
  why: string,
): void {
  if (!s[name].includes(value)) throw settingError(name, s[name], `a list that includes ${value}, ${why}`);
}

/** Refuses a list with a value outside the accepted ones (`within`), described by `accepted`. */
export function settingValuesWithin<
  S extends { readonly [k in K]: readonly unknown[] },
  K extends keyof S & string,
>(
  s: S,
  name: K,
  within: (x: S[K][number]) => boolean,
  accepted: string,
): void {
  const bad = s[name].find((x) => !within(x));
  if (bad !== undefined) throw settingError(name, s[name], `${accepted}, not ${showSetting(bad)}`);
}
