/**
 * Parameter schemas: every model parameter carries its default, unit, meaning and accepted range, and
 * every value that reaches a model has been checked against them.
 */
import { shown } from "./quote.ts";
import { didYouMean } from "./suggest.ts";

/** A real (or whole) number with an accepted closed range. */
export interface NumberParam {
  readonly kind: "number";
  readonly default: number;
  /** Unit of measure, e.g. "HNY/month", "fraction", "epochs"; "1" for dimensionless counts. */
  readonly unit: string;
  readonly description: string;
  readonly min?: number;
  readonly max?: number;
  /** Only whole numbers are accepted. */
  readonly integer?: boolean;
}

/** One of a fixed set of named options (a model variant, a mode). */
export interface ChoiceParam<O extends string = string> {
  readonly kind: "choice";
  readonly default: O;
  readonly options: readonly O[];
  readonly description: string;
}

/** An on/off switch. */
export interface BooleanParam {
  readonly kind: "boolean";
  readonly default: boolean;
  readonly description: string;
}

/**
 * Where `--help` lists a parameter: under its group's heading (e.g. the parameters only one variant of a
 * model reads), or, without a group, first, under "parameters".
 */
interface Grouped {
  readonly group?: string;
}

export type ParamSpec = (NumberParam | ChoiceParam | BooleanParam) & Grouped;
export type ParamSchema = Readonly<Record<string, ParamSpec>>;

/** Every parameter of `schema`, put in the group `name` (see `Grouped`). */
export function paramGroup<Sch extends ParamSchema>(
  name: string,
  schema: Sch,
): { readonly [K in keyof Sch]: Sch[K] & { readonly group: string } } {
  return Object.fromEntries(Object.entries(schema).map(([k, spec]) => [k, { ...spec, group: name }])) as {
    readonly [K in keyof Sch]: Sch[K] & { readonly group: string };
  };
}

type ValueOf<S> = S extends NumberParam ? number
  : S extends BooleanParam ? boolean
  : S extends ChoiceParam<infer O> ? O
  : never;

/** The resolved parameter values of a schema. */
export type ParamValues<Sch extends ParamSchema> = { readonly [K in keyof Sch]: ValueOf<Sch[K]> };

/** A parameter value as it may arrive from code, a config file or the command line. */
export type ParamValue = number | boolean | string;

/** Raised for any parameter problem; the message names the parameter, the value and what is accepted. */
export class ParamError extends Error {
  override name = "ParamError";
}

/** Text describing what a parameter accepts, for error messages and documentation. */
export function accepted(spec: ParamSpec): string {
  switch (spec.kind) {
    case "number": {
      const lo = spec.min ?? -Infinity;
      const hi = spec.max ?? Infinity;
      const what = spec.integer ? "a whole number" : "a number";
      if (lo === -Infinity && hi === Infinity) return what;
      if (hi === Infinity) return `${what} ≥ ${lo}`;
      if (lo === -Infinity) return `${what} ≤ ${hi}`;
      return `${what} in [${lo}, ${hi}]`;
    }
    case "choice":
      return `one of ${spec.options.join(", ")}`;
    case "boolean":
      return "true or false";
  }
}

/** Longest text read as a number; no plain decimal number needs more, and a short cap keeps parsing cheap. */
export const MAX_NUMBER_TEXT = 64;

// Sign, digits with an optional fraction (or a bare fraction), optional exponent. Each part starts with a
// character the one before cannot match, so a failing match backtracks at most once per character.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The one number grammar of every text a person writes (`--set`, ranges, lists, strings in a
 * configuration file): plain decimal notation, finite, at most MAX_NUMBER_TEXT characters. Number()
 * alone would also take "", "0x10", "0b1", "Infinity" and "1e999".
 */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  if (trimmed.length > MAX_NUMBER_TEXT) {
    throw new ParamError(
      `${shown(trimmed)} is too long for a number (at most ${MAX_NUMBER_TEXT} characters)`,
    );
  }
  if (!DECIMAL.test(trimmed)) {
    throw new ParamError(`${shown(trimmed)} is not a number in plain decimal notation`);
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw new ParamError(`${shown(trimmed)} is beyond the finite numbers`);
  return value;
}

/** Parameter lists at most this long are given in full in a message; longer ones are left to --help. */
const LISTED_PARAMETERS = 12;

/**
 * The message refusing an unknown parameter: the closest known names, and the whole list when it is
 * short (a hundred names in one line help nobody; `--help` groups them).
 */
export function unknownParameter(schema: ParamSchema, name: string, model: string): string {
  const known = Object.keys(schema);
  const suggestion = didYouMean(name, known);
  const list = known.length <= LISTED_PARAMETERS
    ? `known parameters: ${known.join(", ")}`
    : `${known.length} parameters: deno task sim ${model} --help`;
  return `unknown parameter ${shown(name)} for model ${model}; ${
    suggestion ? `${suggestion} (${list})` : list
  }`;
}

function lookup(schema: ParamSchema, name: string, model: string): ParamSpec {
  if (!Object.hasOwn(schema, name)) throw new ParamError(unknownParameter(schema, name, model));
  return schema[name];
}

/** Checks one value against its parameter's spec and returns it; throws ParamError otherwise. */
export function checkValue(schema: ParamSchema, name: string, value: unknown, model: string): ParamValue {
  const spec = lookup(schema, name, model);
  const bad = (why = "is not accepted") =>
    new ParamError(
      `parameter '${name}' of model ${model}: ${shown(value)} ${why}; expected ${accepted(spec)}`,
    );
  switch (spec.kind) {
    case "number": {
      if (typeof value !== "number") throw bad();
      // NaN and ±Infinity pass no range test a model relies on, and JSON cannot record them.
      if (!Number.isFinite(value)) throw bad("is not a finite number");
      if (spec.integer && !Number.isInteger(value)) throw bad();
      if (spec.min !== undefined && value < spec.min) throw bad();
      if (spec.max !== undefined && value > spec.max) throw bad();
      return value;
    }
    case "choice":
      if (typeof value !== "string" || !spec.options.includes(value)) throw bad();
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw bad();
      return value;
  }
}

/**
 * Parses a value written as text (command line, `name=value`) for the named parameter, then checks it.
 */
export function parseValue(schema: ParamSchema, name: string, text: string, model: string): ParamValue {
  const spec = lookup(schema, name, model);
  const trimmed = text.trim();
  let value: unknown = trimmed;
  if (spec.kind === "number") {
    try {
      value = parseDecimal(trimmed);
    } catch (e) {
      throw new ParamError(
        `parameter '${name}' of model ${model}: ${(e as Error).message}; expected ${accepted(spec)}`,
      );
    }
  } else if (spec.kind === "boolean") {
    value = trimmed === "true" ? true : trimmed === "false" ? false : trimmed;
  }
  return checkValue(schema, name, value, model);
}

/** The defaults of a schema. */
export function defaults<Sch extends ParamSchema>(schema: Sch): ParamValues<Sch> {
  const out: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(schema)) out[name] = spec.default;
  return out as ParamValues<Sch>;
}

/** Defaults overridden by `overrides`, every override checked. */
export function resolveParams<Sch extends ParamSchema>(
  schema: Sch,
  overrides: Readonly<Record<string, unknown>>,
  model: string,
): ParamValues<Sch> {
  const out: Record<string, ParamValue> = { ...defaults(schema) };
  for (const [name, value] of Object.entries(overrides)) out[name] = checkValue(schema, name, value, model);
  return out as ParamValues<Sch>;
}
