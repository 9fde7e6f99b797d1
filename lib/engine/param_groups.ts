/**
 * How a model's parameters are grouped wherever they are listed (`sim --help`, an explorer's controls):
 * under the schema's own groups where it declares them, otherwise long runs of neighbours sharing a
 * prefix gathered together.
 */
import type { ParamSpec } from "./params.ts";

/** Parameter lists longer than this are grouped; a short one reads best as it is. */
const GROUPED_ABOVE = 15;
/** Fewest neighbouring parameters sharing a prefix that make a group. */
const GROUP_SIZE = 3;

/** The part of a name before its first underscore: the family it belongs to (`usage` of `usage_weight_x`). */
const firstWord = (name: string) => name.split("_")[0];

/** The longest prefix ending in `_` that every name shares (`usage_weight_` of the `usage_weight_*`). */
function sharedPrefix(names: readonly string[]): string {
  let prefix = names[0];
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf("_") + 1);
}

/** A run of parameters shown together: under a heading (`usage_weight_*`) or, with none, one by one. */
export interface ParamGroup {
  readonly heading?: string;
  readonly names: readonly string[];
}

/**
 * The parameters in the schema's order, neighbours that share their first word (at least GROUP_SIZE of
 * them) gathered under their common prefix, for a schema that declares no groups of its own: its order
 * already keeps related parameters together, so grouping neighbours keeps that order intact.
 */
export function groupParams(names: readonly string[]): ParamGroup[] {
  if (names.length <= GROUPED_ABOVE) return [{ names }];
  const groups: ParamGroup[] = [];
  let loose: string[] = [];
  for (let i = 0; i < names.length;) {
    let j = i + 1;
    while (j < names.length && firstWord(names[j]) === firstWord(names[i])) j++;
    const run = names.slice(i, j);
    if (run.length >= GROUP_SIZE) {
      if (loose.length > 0) groups.push({ names: loose });
      groups.push({ heading: `${sharedPrefix(run)}*`, names: run });
      loose = [];
    } else loose.push(...run);
    i = j;
  }
  if (loose.length > 0) groups.push({ names: loose });
  return groups;
}

/**
 * The schema's declared groups, in order of first appearance with the ungrouped parameters first
 * (heading undefined), or undefined when it declares none.
 */
export function declaredGroups(
  schema: Readonly<Record<string, ParamSpec>>,
  names: readonly string[] = Object.keys(schema),
): ParamGroup[] | undefined {
  if (!names.some((name) => schema[name].group !== undefined)) return undefined;
  const groups = new Map<string | undefined, string[]>([[undefined, []]]);
  for (const name of names) {
    const group = schema[name].group;
    groups.set(group, [...(groups.get(group) ?? []), name]);
  }
  return [...groups].filter(([, members]) => members.length > 0).map(([heading, names]) => ({
    heading,
    names,
  }));
}

/** The groups a listing shows: the declared ones, or else the neighbours' prefix groups. */
export function paramGroups(schema: Readonly<Record<string, ParamSpec>>): ParamGroup[] {
  const names = Object.keys(schema);
  return declaredGroups(schema, names) ?? groupParams(names);
}
