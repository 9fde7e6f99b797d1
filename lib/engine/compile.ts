/**
 * Checks a state-update model's blocks against its state variables, and specialises the engine's
 * per-step template to them.
 *
 * A generic loop over variable names (`next[key] = …`, `column[row] = state[key]`) makes every property
 * access megamorphic, and was measured at about twice the cost of the whole honey model's arithmetic.
 * Generating, once per model, functions with the model's own keys in them keeps every state object the
 * same shape and every access monomorphic: `copy` builds a state as an object literal (the engine makes
 * its two state objects with it), and each block's step writes every key of the next state into one of
 * them, so that no state is allocated per step. The behaviour stays in the model's own functions, which
 * the generated code calls; only key names enter the generated text, and only as string literals
 * (JSON.stringify), never as identifiers. `__proto__`, the one name an object literal reads as the
 * prototype, is written as a computed key, and an assignment to an own `__proto__` writes that property.
 * So any name a model gives a variable or a signal (`toString`, `constructor`, `__proto__`, `a "b"`) is
 * an ordinary own property, and a name that every object inherits is tested as an own property (`in`
 * would find `toString` anywhere).
 *
 * Where code may not be generated (a page under a Content Security Policy without 'unsafe-eval'),
 * `compileModel(…, { generate: false })` builds the generic closures instead: the same calls in the same
 * order on the same keys, so the same numbers, about 4–5 times slower (CPU time of the honey sweep's
 * compute: 80 ms against 17–20). Without the option, code is generated only where `codeGenerationAllowed()`
 * finds that it may be, so the engine runs unchanged under such a policy.
 */
import {
  type AnyModel,
  ModelError,
  type Policy,
  type Signals,
  type State,
  type StateValue,
  type StepContext,
} from "./model.ts";
import type { ParamValue } from "./params.ts";
import { fitInt64 } from "./table.ts";

type Params = Readonly<Record<string, ParamValue>>;
type Column = Float64Array | BigInt64Array;
type AnyUpdate = ((p: Params, s: State, x: Signals, c: StepContext) => StateValue) | undefined;
type Derived = (s: State, p: Params) => number;

/** Writes the state after a block into `into` (a state object of the compiled layout) and returns it. */
type Into = (params: Params, state: State, signals: Signals, ctx: StepContext, into: State) => State;

export interface CompiledBlock {
  readonly policies: readonly Policy<Params, State>[];
  /** The state after this block: updated variables from their update functions, the others carried. */
  readonly into: Into;
  /**
   * The whole block: policies, summed signals, next state written into `into` (every variable, in key
   * order), which it returns. `into` must not be `state`: every update reads the state before the block.
   * Generated, it is one function specialised to the signal keys its policies last emitted, so that V8
   * can inline the model's functions into it; outputs with any other keys take the generic sum (and
   * re-specialise), so the result never depends on the specialisation. Measured on the honey sweep:
   * compute 24.5 → 15.5 ms.
   */
  step: (params: Params, state: State, ctx: StepContext, into: State) => State;
}

export interface CompiledModel {
  readonly blocks: readonly CompiledBlock[];
  /** Value column names: state variables, then derived. */
  readonly columns: readonly string[];
  /**
   * Writes one state's values (and its derived columns) into row `row` of `cols`. An exact integer that
   * does not fit its 64-bit column throws, naming the column, instead of wrapping.
   */
  readonly record: (state: State, params: Params, cols: readonly Column[], row: number) => void;
  /**
   * A new state object with the compiled layout's keys, in order, and the values of `state`: what the
   * engine writes each block's next state into, instead of allocating one per step (see runUnit).
   */
  readonly copy: (state: State) => State;
}

export interface CompileOptions {
  /**
   * Generate code specialised to the model's keys (default: where `codeGenerationAllowed()`); false builds
   * generic closures.
   */
  readonly generate?: boolean;
}

let allowed: boolean | undefined;

/**
 * Whether this realm may turn text into code (asked once): not under a Content Security Policy without
 * 'unsafe-eval', where `new Function` throws an EvalError (and the browser reports the refusal, once).
 * A caller that knows its policy forbids it passes `generate: false` and never asks.
 */
export function codeGenerationAllowed(): boolean {
  if (allowed === undefined) {
    try {
      allowed = new Function("return true")() === true;
    } catch {
      allowed = false;
    }
  }
  return allowed;
}

const cache = new WeakMap<AnyModel, Map<string, CompiledModel>>();

/**
 * The compiled form of `model` for states with exactly the keys and value types of `initial` (cached).
 * Throws ModelError, naming the model and the key, when a block does not fit the state: an update for an
 * unknown variable, a policy or update that is not a function, a column named like another column, a key
 * column or an array index.
 */
export function compileModel(model: AnyModel, initial: State, options: CompileOptions = {}): CompiledModel {
  const generate = options.generate ?? codeGenerationAllowed();
  let byLayout = cache.get(model);
  if (!byLayout) cache.set(model, byLayout = new Map());
  const stateKeys = Object.keys(initial);
  const exact = stateKeys.filter((k) => typeof initial[k] === "bigint");
  const id = JSON.stringify([generate, stateKeys, exact]);
  let compiled = byLayout.get(id);
  if (!compiled) {
    checkModel(model, stateKeys);
    byLayout.set(id, compiled = (generate ? generated : generic)(model, stateKeys, new Set(exact)));
  }
  return compiled;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Throws ModelError at the first part of the model that does not fit its state variables. */
function checkModel(model: AnyModel, stateKeys: readonly string[]): void {
  const fail = (where: string, what: string): never => {
    throw new ModelError(`model ${model.name}${where}: ${what}`);
  };
  if (!Array.isArray(model.blocks)) fail("", "blocks must be a list of blocks");
  model.blocks.forEach((block: unknown, b: number) => {
    if (!isObject(block)) return fail(`, block ${b + 1}`, "not a block { label, policies, updates }");
    if (typeof block.label !== "string") fail(`, block ${b + 1}`, "its label must be a string");
    const where = `, block '${block.label}'`;
    if (!isObject(block.policies)) fail(where, "policies must be an object of functions");
    if (!isObject(block.updates)) fail(where, "updates must be an object of functions");
    for (const [key, policy] of Object.entries(block.policies as object)) {
      if (typeof policy !== "function") fail(where, `policy '${key}' is not a function`);
    }
    for (const [key, update] of Object.entries(block.updates as object)) {
      if (!stateKeys.includes(key)) fail(where, `update for unknown state variable '${key}'`);
      if (typeof update !== "function") fail(where, `update for '${key}' is not a function`);
    }
  });
  if (model.derived !== undefined && !isObject(model.derived)) {
    fail("", "derived must be an object of functions");
  }
  for (const [key, derive] of Object.entries(model.derived ?? {})) {
    if (typeof derive !== "function") fail("", `derived column '${key}' is not a function`);
    if (stateKeys.includes(key)) fail("", `derived column '${key}' has the name of a state variable`);
  }
  for (const key of [...stateKeys, ...Object.keys(model.derived ?? {})]) {
    if (KEY_COLUMNS.includes(key)) {
      fail("", `column '${key}' has the name of a key column (${KEY_COLUMNS.join(", ")})`);
    }
    // JavaScript lists such keys first in any object, so the column would not keep its place.
    if (/^(0|[1-9][0-9]*)$/.test(key)) fail("", `column '${key}' is named like an array index; rename it`);
  }
}

/** The columns every row of a state-update table starts with. */
const KEY_COLUMNS = ["subset", "run", "substep", "timestep"];

/** Each state variable's update in `block`, by position in `stateKeys` (own properties only). */
const updatesOf = (block: AnyModel["blocks"][number], stateKeys: readonly string[]): AnyUpdate[] =>
  stateKeys.map((k) => (Object.hasOwn(block.updates, k) ? block.updates[k] : undefined));

const derivedOf = (model: AnyModel): [string, Derived][] => Object.entries(model.derived ?? {});

// ---------------------------------------------------------------------------------------------------
// Generated code.

/** A key as a string literal, the only form in which a name enters generated code. */
const q = (key: string) => JSON.stringify(key);

/** `key: value` in an object literal; `__proto__` computed, as a plain key would set the prototype. */
const field = (key: string, value: string) => `${key === "__proto__" ? `[${q(key)}]` : q(key)}: ${value}`;

/**
 * Statements writing the next state into `n`: each variable's update called in key order, or its value
 * carried. `n` has every key as an own property (see copy), so an assignment, even to `__proto__` or
 * `toString`, writes that own property.
 */
const stateWrites = (stateKeys: readonly string[], updates: readonly AnyUpdate[]) =>
  stateKeys.map((k, i) => `n[${q(k)}] = ${updates[i] ? `u${i}(p, s, x, c)` : `s[${q(k)}]`};`).join("\n");

function generated(model: AnyModel, stateKeys: readonly string[], exact: ReadonlySet<string>): CompiledModel {
  const derived = derivedOf(model);
  // Each function the generated code calls is bound to its own constant, so that every call site sees
  // one callee and V8 can inline it.
  const bind = (name: string, n: number) =>
    Array.from({ length: n }, (_, i) => `const ${name}${i} = ${name}[${i}];`).join("\n");
  const recordBody = [
    ...stateKeys.map((k, i) =>
      exact.has(k) ? `cols[${i}][row] = fit(s[${q(k)}], ${q(k)});` : `cols[${i}][row] = s[${q(k)}];`
    ),
    ...derived.map((_, i) => `cols[${stateKeys.length + i}][row] = d${i}(s, p);`),
  ].join("\n");
  const record = new Function(
    "d",
    "fit",
    `${bind("d", derived.length)}\nreturn (s, p, cols, row) => {\n${recordBody}\n};`,
  )(derived.map(([, f]) => f), fitInt64);

  const copyFields = stateKeys.map((k) => field(k, `s[${q(k)}]`)).join(",\n");
  const copy = new Function(`return (s) => ({\n${copyFields}\n});`)();

  const blocks = model.blocks.map((block) => {
    const updates = updatesOf(block, stateKeys);
    const into = new Function(
      "u",
      `${bind("u", updates.length)}\nreturn (p, s, x, c, n) => {\n${
        stateWrites(stateKeys, updates)
      }\nreturn n;\n};`,
    )(updates);
    const policies = Object.values(block.policies);
    const compiled: CompiledBlock = {
      policies,
      into,
      // First call: run the policies, sum generically, and specialise to the keys they emitted.
      step: (p, st, c, n) =>
        respecialise(compiled, stateKeys, updates, p, st, c, policies.map((f) => f(p, st, c)), n),
    };
    return compiled;
  });

  return { blocks, columns: [...stateKeys, ...derived.map(([k]) => k)], record, copy };
}

/** Generated test that object `o` has key `k` (see stepFor). */
const has = (o: string, k: string) =>
  k === "__proto__" || k in Object.prototype ? `hasOwn(${o}, ${q(k)})` : `(${q(k)} in ${o})`;

type Step = CompiledBlock["step"];
const steps = new WeakMap<CompiledBlock, Map<string, Step>>();

/** Finishes a step from policy outputs by the generic sum, and specialises the block to their keys. */
function respecialise(
  block: CompiledBlock,
  stateKeys: readonly string[],
  updates: readonly AnyUpdate[],
  p: Params,
  s: State,
  c: StepContext,
  outputs: readonly Signals[],
  n: State,
): State {
  block.step = stepFor(block, stateKeys, updates, outputs.map((o) => Object.keys(o)));
  return block.into(p, s, aggregate(outputs), c, n);
}

/**
 * The block as one function for outputs carrying exactly these keys (cached per block and key lists).
 * An output (a plain object, see Policy) proves its key set equal when it has as many enumerable keys as
 * expected and every expected key; anything else goes back to the generic sum. A key is tested with `in`,
 * which is the fastest test and, on a plain object, finds own keys only, except the names every object
 * inherits from Object.prototype, which are tested with Object.hasOwn (CPU time of the honey sweep's
 * compute: Object.hasOwn for every key costs about a quarter more, propertyIsEnumerable nearly twice).
 */
function stepFor(
  block: CompiledBlock,
  stateKeys: readonly string[],
  updates: readonly AnyUpdate[],
  keyLists: readonly string[][],
): Step {
  const id = JSON.stringify(keyLists);
  let byKeys = steps.get(block);
  if (!byKeys) steps.set(block, byKeys = new Map());
  let step = byKeys.get(id);
  if (step) return step;
  const sources = new Map<string, number[]>();
  keyLists.forEach((keys, i) => keys.forEach((k) => sources.set(k, [...(sources.get(k) ?? []), i])));
  const outputs = keyLists.map((_, i) => `o${i}`);
  const mismatch = [
    ...keyLists.map((keys, i) => `count(o${i}) !== ${keys.length}`),
    ...keyLists.flatMap((keys, i) => keys.map((k) => `!${has(`o${i}`, k)}`)),
  ].join(" || ") || "false";
  // The summed signals go into one object per specialisation, overwritten every step (every key).
  const signals = [...sources].map(([k]) => field(k, "0"));
  const sums = [...sources].map(([k, from]) =>
    `x[${q(k)}] = ${from.map((i) => `o${i}[${q(k)}]`).join(" + ")};`
  );
  const text = [
    ...keyLists.map((_, i) => `const f${i} = f[${i}];`),
    ...updates.map((_, i) => `const u${i} = u[${i}];`),
    "const count = (e) => { let n = 0; for (const _ in e) n++; return n; };",
    `const x = {${signals.join(", ")}};`,
    "return (p, s, c, n) => {",
    ...outputs.map((o, i) => `const ${o} = f${i}(p, s, c);`),
    `if (${mismatch}) return miss(p, s, c, [${outputs.join(", ")}], n);`,
    ...sums,
    stateWrites(stateKeys, updates),
    "return n;",
    "};",
  ].join("\n");
  const miss = (p: Params, s: State, c: StepContext, outs: Signals[], n: State) =>
    respecialise(block, stateKeys, updates, p, s, c, outs, n);
  step = new Function("f", "u", "miss", "hasOwn", text)(block.policies, updates, miss, Object.hasOwn) as Step;
  byKeys.set(id, step);
  return step;
}

// ---------------------------------------------------------------------------------------------------
// The generic path: no generated code.

/** Sets own property `key` of `target`, `__proto__` included (an assignment would set the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * Sums signals by key across a block's policy outputs, as cadCAD does, in policy order: each output's own
 * enumerable keys (Object.keys), whatever they are called.
 */
function aggregate(outputs: readonly Signals[]): Signals {
  const signals: Record<string, StateValue> = {};
  for (const emitted of outputs) {
    for (const key of Object.keys(emitted)) {
      const value = emitted[key];
      setOwn(
        signals,
        key,
        Object.hasOwn(signals, key) ? (signals[key] as number) + (value as number) : value,
      );
    }
  }
  return signals;
}

function generic(model: AnyModel, stateKeys: readonly string[], exact: ReadonlySet<string>): CompiledModel {
  const derived = derivedOf(model).map(([, f]) => f);
  const fits = stateKeys.map((k) => exact.has(k));
  const record = (s: State, p: Params, cols: readonly Column[], row: number) => {
    for (let i = 0; i < stateKeys.length; i++) {
      const value = s[stateKeys[i]];
      cols[i][row] = fits[i] ? fitInt64(value as bigint, stateKeys[i]) : value;
    }
    for (let i = 0; i < derived.length; i++) cols[stateKeys.length + i][row] = derived[i](s, p);
  };
  const copy = (s: State) => {
    const state: Record<string, StateValue> = {};
    for (const key of stateKeys) setOwn(state, key, s[key]);
    return state;
  };
  const blocks = model.blocks.map((block): CompiledBlock => {
    const updates = updatesOf(block, stateKeys);
    const into = (p: Params, s: State, x: Signals, c: StepContext, n: State) => {
      for (let i = 0; i < stateKeys.length; i++) {
        const update = updates[i];
        setOwn(n as Record<string, StateValue>, stateKeys[i], update ? update(p, s, x, c) : s[stateKeys[i]]);
      }
      return n;
    };
    const policies = Object.values(block.policies);
    return {
      policies,
      into,
      step: (p, s, c, n) => into(p, s, aggregate(policies.map((f) => f(p, s, c))), c, n),
    };
  });
  return { blocks, columns: [...stateKeys, ...derivedOf(model).map(([k]) => k)], record, copy };
}
