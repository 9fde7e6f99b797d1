/**
 * "Did you mean …": the known names closest to a mistyped one, for messages that refuse a name (a
 * parameter, a model, a scenario, a table, a flag). A list of every known name is no help when a model
 * has a hundred parameters; the three nearest are.
 */

/**
 * The edit distance between two texts, case ignored: insertions, deletions, substitutions and swaps of
 * two neighbouring characters each cost 1 (the optimal-string-alignment distance), so `throtlte` is one
 * edit from `throttle`, as a person counts it.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  // Three rows of the dynamic-programming table: the swap looks two rows back.
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        d = Math.min(d, before[j - 2] + 1);
      }
      current.push(d);
    }
    [before, previous] = [previous, current];
  }
  return previous[t.length];
}

/** Most names a suggestion offers. */
const MAX_SUGGESTIONS = 3;

/**
 * Up to three known names close to `name`, closest first (ties in the order given): those within a
 * few edits (a third of the name's length, at least 2), and those that contain what was typed (at
 * least 3 characters), such as `gas_fee_share_rate` for `gas`. Empty when nothing is close.
 */
export function closest(name: string, known: readonly string[]): string[] {
  const typed = name.toLowerCase();
  const allowed = Math.max(2, Math.floor(typed.length / 3));
  return known
    .map((candidate, order) => ({ candidate, order, distance: editDistance(typed, candidate) }))
    .filter(({ candidate, distance }) =>
      distance <= allowed || (typed.length >= 3 && candidate.toLowerCase().includes(typed))
    )
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, MAX_SUGGESTIONS)
    .map(({ candidate }) => candidate);
}

/** `did you mean a, b or c?` for the closest names, or undefined when none is close. */
export function didYouMean(name: string, known: readonly string[], prefix = ""): string | undefined {
  const names = closest(name, known).map((n) => `${prefix}${n}`);
  if (names.length === 0) return undefined;
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
  return `did you mean ${listed}?`;
}
