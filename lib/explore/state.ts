/**
 * What an explorer shows, as one value: every parameter's value, runs, steps, seed, and the parameters a
 * second "compare with" setting changes. It travels in the page's URL fragment (`#throttle=0.05&seed=7`),
 * which is untrusted input: every value is read with the command line's grammar (parseValue, the seed's
 * rule) and checked against the schema, and a bad one is named in `problems` and left out, never used.
 */
import type { ModelInfo } from "../engine/model.ts";
import {
  checkValue,
  defaults,
  MAX_NUMBER_TEXT,
  ParamError,
  type ParamValue,
  parseDecimal,
  parseValue,
} from "../engine/params.ts";
import { clip, quote } from "../engine/quote.ts";
import { didYouMean } from "../engine/suggest.ts";
import { isSeed, SEED_RULE, seedOfText } from "../io/seed.ts";

export type Values = Readonly<Record<string, ParamValue>>;

export interface ExploreState {
  /** Every parameter's value. */
  readonly set: Values;
  /** The parameters the compare setting gives other values (empty: no comparison). */
  readonly vs: Values;
  readonly runs: number;
  readonly steps: number;
  readonly seed: string | number;
}

/** Most runs a page runs per setting: each setting's runs stay in the reader's memory and time. */
export const MAX_RUNS = 200;
/** Most steps, as a multiple of the model's default horizon. */
export const MAX_STEPS_FACTOR = 10;
/** Longest fragment read; a link holding every parameter of the largest model is far shorter. */
export const MAX_FRAGMENT = 8192;
/** Prefix of the compare setting's keys in the fragment: `vs.throttle=0.03`. */
export const VS = "vs.";

/**
 * The attribute of an explorer's container holding its configuration (JSON: model, state, fragment). A
 * report's sanitizer drops it from every notebook output, so that only the report's own container starts.
 */
export const CONFIG_ATTRIBUTE = "data-explorer";

/** The model's defaults: the state of a page given no fragment and no options. */
export function defaultState(info: ModelInfo): ExploreState {
  return { set: defaults(info.params), vs: {}, runs: info.runs, steps: info.steps, seed: 42 };
}

/** A whole number in [min, max] written in the number grammar, or a message. */
function count(name: string, text: string, min: number, max: number): number {
  let value: number;
  try {
    value = parseDecimal(text);
  } catch (e) {
    throw new ParamError(`${name}: ${(e as Error).message}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ParamError(
      `${name} = ${clip(text)} is not accepted; expected a whole number in [${min}, ${max}]`,
    );
  }
  return value;
}

/** The run settings besides the parameters, as the fragment and the page's fields name them. */
export type RunSetting = "runs" | "steps" | "seed";

/** What a run setting accepts, for the page to say beside its field. */
export function settingRule(info: ModelInfo, key: RunSetting): string {
  return key === "seed"
    ? SEED_RULE
    : `a whole number in [1, ${key === "runs" ? MAX_RUNS : MAX_STEPS_FACTOR * info.steps}]`;
}

/** Reads runs, steps or seed as typed (a field, a fragment); throws ParamError naming what is wrong. */
export function readSetting(info: ModelInfo, key: RunSetting, text: string): number | string {
  if (key === "runs") return count("runs", text, 1, MAX_RUNS);
  if (key === "steps") return count("steps", text, 1, MAX_STEPS_FACTOR * info.steps);
  const seed = seedOfText(text);
  if (!isSeed(seed)) throw new ParamError(`seed ${quote(text)} is not accepted; expected ${SEED_RULE}`);
  return seed;
}

/** Reads one `key=value` pair into `out`; throws ParamError naming what is wrong. */
function readPair(info: ModelInfo, key: string, text: string, out: Mutable): void {
  const names = Object.keys(info.params);
  if (key === "runs" || key === "steps") out[key] = readSetting(info, key, text) as number;
  else if (key === "seed") out.seed = readSetting(info, key, text);
  else if (key.startsWith(VS) && Object.hasOwn(info.params, key.slice(VS.length))) {
    out.vs[key.slice(VS.length)] = parseValue(info.params, key.slice(VS.length), text, info.name);
  } else if (Object.hasOwn(info.params, key)) {
    out.set[key] = parseValue(info.params, key, text, info.name);
  } else {
    const hint = didYouMean(key, [...names, "runs", "steps", "seed"]);
    throw new ParamError(`unknown parameter ${quote(key)} for model ${info.name}${hint ? `; ${hint}` : ""}`);
  }
}

interface Mutable {
  set: Record<string, ParamValue>;
  vs: Record<string, ParamValue>;
  runs: number;
  steps: number;
  seed: string | number;
}

/**
 * The state a fragment describes (without its leading `#`), starting from the model's defaults so that
 * a link means the same on every page of the model, and the problems found: each names the key and the
 * value as text, to be shown as text. A key given twice is read once, the first time.
 */
export function parseFragment(
  info: ModelInfo,
  fragment: string,
): { state: ExploreState; problems: string[] } {
  const base = defaultState(info);
  const out: Mutable = { set: { ...base.set }, vs: {}, runs: base.runs, steps: base.steps, seed: base.seed };
  const problems: string[] = [];
  if (fragment.length > MAX_FRAGMENT) {
    return {
      state: base,
      problems: [
        `the link's settings are ${fragment.length} characters long; at most ${MAX_FRAGMENT} are read`,
      ],
    };
  }
  const seen = new Set<string>();
  for (const pair of fragment.split("&")) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    let key: string;
    let text: string;
    try {
      key = decodeURIComponent(at < 0 ? pair : pair.slice(0, at));
      text = at < 0 ? "" : decodeURIComponent(pair.slice(at + 1));
    } catch {
      problems.push(`${quote(pair)} is not a valid part of a link (a % not followed by two hex digits)`);
      continue;
    }
    if (seen.has(key)) {
      problems.push(`${quote(key)} is given twice; the second is ignored`);
      continue;
    }
    seen.add(key);
    if (at < 0) {
      problems.push(`${quote(key)} has no value (write ${clip(key)}=value)`);
      continue;
    }
    if (text.length > 4 * MAX_NUMBER_TEXT) {
      problems.push(`the value of ${quote(key)} is ${text.length} characters long; it is ignored`);
      continue;
    }
    try {
      readPair(info, key, text, out);
    } catch (e) {
      if (!(e instanceof ParamError)) throw e;
      problems.push(e.message);
    }
  }
  return { state: out, problems };
}

const same = (a: ParamValue, b: ParamValue) => a === b;

/** The fragment (without `#`) of a state: parameters that differ from the defaults, seed, runs, steps. */
export function formatFragment(info: ModelInfo, state: ExploreState): string {
  const base = defaultState(info);
  const pairs: [string, ParamValue][] = [
    ...Object.entries(state.set).filter(([k, v]) => !same(v, base.set[k])),
    ["seed", state.seed],
    ["runs", state.runs],
    ...(state.steps === info.steps ? [] : [["steps", state.steps] as [string, ParamValue]]),
    ...Object.entries(state.vs).map(([k, v]) => [`${VS}${k}`, v] as [string, ParamValue]),
  ];
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join("&");
}

/** A word as a POSIX shell reads it: plain when it holds only safe characters, single-quoted otherwise. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_.,:=+\/-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The `deno task sim` command that writes the same numbers as one setting of the page. */
export function simCommand(info: ModelInfo, state: ExploreState, values: Values, out?: string): string {
  const base = defaultState(info);
  const sets = Object.entries(values).filter(([k, v]) => !same(v, base.set[k]))
    .map(([k, v]) => `--set ${shellWord(`${k}=${v}`)}`);
  return [
    "deno task sim",
    info.name,
    ...sets,
    `--runs ${state.runs}`,
    `--steps ${state.steps}`,
    `--seed ${shellWord(String(state.seed))}`,
    ...(out ? [`--out ${out}`] : []),
  ].join(" ");
}

/** The compare setting's values: the first setting's, with the compare overrides. */
export function compareValues(state: ExploreState): Values {
  return { ...state.set, ...state.vs };
}

/** The commands a reader runs to get the page's numbers: one per setting, and `compare` for two. */
export function commands(info: ModelInfo, state: ExploreState): string[] {
  if (Object.keys(state.vs).length === 0) return [simCommand(info, state, state.set)];
  return [
    simCommand(info, state, state.set, `data/${info.name}-a`),
    simCommand(info, state, compareValues(state), `data/${info.name}-b`),
    `deno task compare data/${info.name}-a data/${info.name}-b`,
  ];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A state as it arrives from outside (a page's configuration, a notebook's output), every part checked
 * as a fragment's would be: parameter values by the schema (missing ones at their defaults), runs and
 * steps within the page's bounds, the seed by its rule. Throws ParamError naming the first problem.
 */
export function checkState(info: ModelInfo, value: unknown): ExploreState {
  if (!isRecord(value) || !isRecord(value.set) || !isRecord(value.vs)) {
    throw new ParamError("an explorer's state must be an object with set and vs");
  }
  const values = (given: Record<string, unknown>) => {
    const out: Record<string, ParamValue> = {};
    for (const [name, v] of Object.entries(given)) out[name] = checkValue(info.params, name, v, info.name);
    return out;
  };
  const whole = (name: string, v: unknown, max: number) => {
    if (!(typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= max)) {
      throw new ParamError(`${name} ${clip(String(v))} is not a whole number in [1, ${max}]`);
    }
    return v;
  };
  if (!isSeed(value.seed)) {
    throw new ParamError(`seed ${clip(String(value.seed))} is not accepted; expected ${SEED_RULE}`);
  }
  return {
    set: { ...defaults(info.params), ...values(value.set) },
    vs: values(value.vs),
    runs: whole("runs", value.runs, MAX_RUNS),
    steps: whole("steps", value.steps, MAX_STEPS_FACTOR * info.steps),
    seed: value.seed,
  };
}
