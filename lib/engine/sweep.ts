/**
 * Parameter sweeps in cadCAD's two forms: lists zipped by position (the default, as cadCAD reads a
 * parameter dict of lists), and the Cartesian product when asked for.
 */
import { ParamError, type ParamValue } from "./params.ts";

/** Parameter name → the values it takes across subsets. */
export type SweepLists = Readonly<Record<string, readonly ParamValue[]>>;
/** One subset's swept values. */
export type Assignment = Readonly<Record<string, ParamValue>>;

/**
 * Zips lists by position: subset i takes the i-th value of every list. A one-element list is broadcast
 * to every subset; lists of any other unequal lengths are an error.
 */
export function zipSweep(lists: SweepLists): Assignment[] {
  const entries = Object.entries(lists);
  if (entries.length === 0) return [{}];
  for (const [name, values] of entries) {
    if (values.length === 0) throw new ParamError(`sweep of '${name}' has no values`);
  }
  const lengths = new Set(entries.map(([, v]) => v.length).filter((n) => n !== 1));
  if (lengths.size > 1) {
    const described = entries.map(([name, v]) => `${name}: ${v.length}`).join(", ");
    throw new ParamError(
      `swept lists must have equal lengths (or length 1, which is broadcast) to be zipped; got ${described}`,
    );
  }
  const n = lengths.size === 0 ? 1 : [...lengths][0];
  return Array.from({ length: n }, (_, i) => {
    const subset: Record<string, ParamValue> = {};
    for (const [name, values] of entries) subset[name] = values.length === 1 ? values[0] : values[i];
    return subset;
  });
}

/** Every combination of one assignment from each group, the first group varying slowest. */
export function crossSweeps(groups: readonly (readonly Assignment[])[]): Assignment[] {
  let out: Assignment[] = [{}];
  for (const group of groups) out = out.flatMap((partial) => group.map((a) => ({ ...partial, ...a })));
  return out;
}

/**
 * The values start, start + step, … up to and including stop (within a rounding tolerance), each
 * rounded to 12 significant digits so that 0.1 + 0.025·k prints as the number a person typed.
 */
export function rangeInclusive(start: number, stop: number, step: number): number[] {
  if (!Number.isFinite(start) || !Number.isFinite(stop)) {
    throw new ParamError(`range bounds must be finite numbers, got ${start} and ${stop}`);
  }
  if (!(step > 0) || !Number.isFinite(step)) throw new ParamError(`range step must be > 0, got ${step}`);
  if (!(stop >= start)) throw new ParamError(`range stop ${stop} is below its start ${start}`);
  const count = Math.floor((stop - start) / step + 1e-9) + 1;
  if (count > 1_000_000) throw new ParamError(`range ${start}:${stop}:${step} has more than 10^6 values`);
  return Array.from({ length: count }, (_, i) => Number((start + i * step).toPrecision(12)));
}
