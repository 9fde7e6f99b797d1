/**
 * Specialises the engine's per-step template to one model's state variables.
 *
 * A generic loop over variable names (`next[key] = …`, `column[row] = state[key]`) makes every property
 * access megamorphic, and was measured at about twice the cost of the whole honey model's arithmetic.
 * Generating, once per model, a function that builds the next state as an object literal with the
 * model's own keys keeps every state object the same shape and every access monomorphic. Only
 * property names (quoted with JSON.stringify) enter the generated text; the behaviour stays in the
 * model's own functions, which the generated code calls.
 */
import type { AnyModel, Policy, Signals, State, StateValue, StepContext } from "./model.ts";
import type { ParamValue } from "./params.ts";
import { fitInt64 } from "./table.ts";

type Params = Readonly<Record<string, ParamValue>>;
type Column = Float64Array | BigInt64Array;

export interface CompiledBlock {
  readonly policies: readonly Policy<Params, State>[];
  /** The state after this block: updated variables from their update functions, the others carried. */
  readonly next: (params: Params, state: State, signals: Signals, ctx: StepContext) => State;
  /**
   * The whole block — policies, summed signals, next state — as one generated function specialised to
   * the signal keys its policies last emitted, so that V8 can inline the model's functions into it.
   * Outputs with any other keys take the generic sum (and re-specialise), so the result never depends
   * on the specialisation. Measured on the honey sweep: compute 24.5 → 15.5 ms.
   */
  step: (params: Params, state: State, ctx: StepContext) => State;
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
}

const cache = new WeakMap<AnyModel, Map<string, CompiledModel>>();

/** The compiled form of `model` for states with exactly the keys and value types of `initial` (cached). */
export function compileModel(model: AnyModel, initial: State): CompiledModel {
  let byLayout = cache.get(model);
  if (!byLayout) cache.set(model, byLayout = new Map());
  const stateKeys = Object.keys(initial);
  const exact = stateKeys.filter((k) => typeof initial[k] === "bigint");
  const id = `${stateKeys.join("\u0000")}\u0001${exact.join("\u0000")}`;
  let compiled = byLayout.get(id);
  if (!compiled) byLayout.set(id, compiled = build(model, stateKeys, new Set(exact)));
  return compiled;
}

function build(model: AnyModel, stateKeys: readonly string[], exact: ReadonlySet<string>): CompiledModel {
  const derived = Object.entries(model.derived ?? {});
  const q = (k: string) => JSON.stringify(k);

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

  const blocks = model.blocks.map((block) => {
    for (const key of Object.keys(block.updates)) {
      if (!stateKeys.includes(key)) {
        throw new Error(
          `model ${model.name}, block '${block.label}': update for unknown state variable '${key}'`,
        );
      }
    }
    const updates = stateKeys.map((k) => block.updates[k]);
    const fields = stateKeys.map((k, i) => `${q(k)}: ${updates[i] ? `u${i}(p, s, x, c)` : `s[${q(k)}]`}`);
    const next = new Function(
      "u",
      `${bind("u", updates.length)}\nreturn (p, s, x, c) => ({\n${fields.join(",\n")}\n});`,
    )(updates);
    const policies = Object.values(block.policies);
    const compiled: CompiledBlock = {
      policies,
      next,
      // First call: run the policies, sum generically, and specialise to the keys they emitted.
      step: (p, st, c) =>
        respecialise(compiled, stateKeys, updates, p, st, c, policies.map((f) => f(p, st, c))),
    };
    return compiled;
  });

  return { blocks, columns: [...stateKeys, ...derived.map(([k]) => k)], record };
}

/** Sums signals by key across a block's policy outputs, as cadCAD does, whatever keys they carry. */
function aggregate(outputs: readonly Signals[]): Signals {
  const signals: Record<string, StateValue> = {};
  for (const emitted of outputs) {
    for (const key in emitted) {
      const prev = signals[key];
      signals[key] = prev === undefined ? emitted[key] : (prev as number) + (emitted[key] as number);
    }
  }
  return signals;
}

type Step = CompiledBlock["step"];
type AnyUpdate = ((p: Params, s: State, x: Signals, c: StepContext) => StateValue) | undefined;
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
): State {
  block.step = stepFor(block, stateKeys, updates, outputs.map((o) => Object.keys(o)));
  return block.next(p, s, aggregate(outputs), c);
}

/**
 * The block as one function for outputs carrying exactly these keys (cached per block and key lists).
 * An output's key count equal to the expected one and every expected key present prove its key set
 * equal; anything else goes back to the generic sum.
 */
function stepFor(
  block: CompiledBlock,
  stateKeys: readonly string[],
  updates: readonly AnyUpdate[],
  keyLists: readonly string[][],
): Step {
  const id = keyLists.map((keys) => keys.join("\u0000")).join("\u0001");
  let byKeys = steps.get(block);
  if (!byKeys) steps.set(block, byKeys = new Map());
  let step = byKeys.get(id);
  if (step) return step;
  const q = (k: string) => JSON.stringify(k);
  const sources = new Map<string, number[]>();
  keyLists.forEach((keys, i) => keys.forEach((k) => sources.set(k, [...(sources.get(k) ?? []), i])));
  const outputs = keyLists.map((_, i) => `o${i}`);
  const mismatch = [
    ...keyLists.map((keys, i) => `count(o${i}) !== ${keys.length}`),
    ...keyLists.flatMap((keys, i) => keys.map((k) => `!(${q(k)} in o${i})`)),
  ].join(" || ") || "false";
  const signals = [...sources].map(([k, from]) =>
    `${q(k)}: ${from.map((i) => `o${i}[${q(k)}]`).join(" + ")}`
  );
  const fields = stateKeys.map((k, i) => `${q(k)}: ${updates[i] ? `u${i}(p, s, x, c)` : `s[${q(k)}]`}`);
  const text = [
    ...keyLists.map((_, i) => `const f${i} = f[${i}];`),
    ...updates.map((_, i) => `const u${i} = u[${i}];`),
    "const count = (e) => { let n = 0; for (const _ in e) n++; return n; };",
    "return (p, s, c) => {",
    ...outputs.map((o, i) => `const ${o} = f${i}(p, s, c);`),
    `if (${mismatch}) return miss(p, s, c, [${outputs.join(", ")}]);`,
    `const x = {${signals.join(", ")}};`,
    `return {\n${fields.join(",\n")}\n};`,
    "};",
  ].join("\n");
  const miss = (p: Params, s: State, c: StepContext, outs: Signals[]) =>
    respecialise(block, stateKeys, updates, p, s, c, outs);
  step = new Function("f", "u", "miss", text)(block.policies, updates, miss) as Step;
  byKeys.set(id, step);
  return step;
}
