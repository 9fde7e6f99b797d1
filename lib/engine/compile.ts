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
import type { AnyModel, Policy, Signals, State, StepContext } from "./model.ts";
import type { ParamValue } from "./params.ts";
import { fitInt64 } from "./table.ts";

type Params = Readonly<Record<string, ParamValue>>;
type Column = Float64Array | BigInt64Array;

export interface CompiledBlock {
  readonly policies: readonly Policy<Params, State>[];
  /** The state after this block: updated variables from their update functions, the others carried. */
  readonly next: (params: Params, state: State, signals: Signals, ctx: StepContext) => State;
}

export interface CompiledModel {
  readonly blocks: readonly CompiledBlock[];
  /** A signal aggregator specialised to the keys these policy outputs carry. */
  readonly aggregator: (outputs: readonly Signals[]) => Aggregator;
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
    return { policies: Object.values(block.policies), next };
  });

  return {
    blocks,
    aggregator: (outputs) => aggregatorFor(outputs),
    columns: [...stateKeys, ...derived.map(([k]) => k)],
    record,
  };
}

/**
 * Sums signals by key across a block's policy outputs, as cadCAD does; returns undefined unless every
 * output carries exactly the keys it was specialised for, so that the caller falls back to the generic
 * sum. A key count equal to the expected one and every expected key present prove the key sets equal.
 */
export type Aggregator = (outputs: readonly Signals[]) => Signals | undefined;

const aggregators = new Map<string, Aggregator>();

function aggregatorFor(outputs: readonly Signals[]): Aggregator {
  const keyLists = outputs.map((o) => Object.keys(o));
  // The count first: no policies and one policy emitting nothing would otherwise share an id.
  const id = `${keyLists.length}\u0002${keyLists.map((keys) => keys.join("\u0000")).join("\u0001")}`;
  let aggregator = aggregators.get(id);
  if (aggregator) return aggregator;
  const sources = new Map<string, number[]>();
  keyLists.forEach((keys, i) => keys.forEach((k) => sources.set(k, [...(sources.get(k) ?? []), i])));
  const q = (k: string) => JSON.stringify(k);
  const mismatch =
    keyLists.map((keys, i) =>
      [`count(o[${i}]) !== ${keys.length}`, ...keys.map((k) => `!(${q(k)} in o[${i}])`)].join(" || ")
    ).join(" || ") || "false";
  const fields = [...sources].map(([k, from]) =>
    `${q(k)}: ${from.map((i) => `o[${i}][${q(k)}]`).join(" + ")}`
  );
  aggregator = new Function(
    `const count = (e) => { let n = 0; for (const _ in e) n++; return n; };
    return (o) => (${mismatch}) ? undefined : {${fields.join(", ")}};`,
  )() as Aggregator;
  aggregators.set(id, aggregator);
  return aggregator;
}
