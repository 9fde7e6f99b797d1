/**
 * What the original program writes against what its README promises, read from the record of the
 * shipped code in data/published/datadao/shipped_outputs.json (see PROVENANCE.md there): the claim about
 * the simulation's outputs is about the original program, so it is judged from that record, not from this
 * project's `deno task sim datadao`, which writes both tables.
 */

/** The record's shape: the promised files, what was searched, and every call found that writes a file. */
export interface ShippedOutputs {
  readonly repository: string;
  readonly commit: string;
  readonly promised: { readonly where: string; readonly files: readonly string[] };
  readonly searched: { readonly paths: readonly string[]; readonly for: string };
  readonly writes: readonly { path: string; line: number; call: string; file: string }[];
}

/** Parses and checks the record (every written file named in its call; a 40-digit commit). */
export function parseShippedOutputs(text: string): ShippedOutputs {
  const r = JSON.parse(text) as ShippedOutputs;
  if (!/^[0-9a-f]{40}$/.test(r.commit ?? "")) throw new Error("shipped_outputs.json: no commit");
  if (!Array.isArray(r.promised?.files) || !Array.isArray(r.writes)) {
    throw new Error("shipped_outputs.json: needs promised.files and writes");
  }
  for (const w of r.writes) {
    if (!w.call.includes(w.file)) {
      throw new Error(`shipped_outputs.json: '${w.call}' does not name ${w.file}`);
    }
  }
  return r;
}

export function readShippedOutputs(): ShippedOutputs {
  const url = new URL("../../../data/published/datadao/shipped_outputs.json", import.meta.url);
  return parseShippedOutputs(Deno.readTextFileSync(url));
}

/** The promised files of one extension (e.g. ".csv") and those of them the shipped code writes. */
export function promisedWritten(
  r: ShippedOutputs,
  extension: string,
): { promised: string[]; written: string[] } {
  const promised = r.promised.files.filter((f) => f.endsWith(extension));
  const written = promised.filter((f) => r.writes.some((w) => w.file === f));
  return { promised, written };
}
