/**
 * `deno task merge` refuses a job whose shards were tampered with — by a careless copy or move, a damaged
 * or foreign file, an edited manifest, or an edit whose manifest was re-sealed so that only the checks
 * that recompute from the files can catch it — each in one line naming the shard and what is wrong, exit
 * 1, leaving the job as it was and nothing beside it. The untouched job, and one whose manifests were only
 * respaced, merge to the unsharded run's bytes.
 */
import { assertEquals, assertMatch } from "@std/assert";
import { cp } from "node:fs/promises";
import { dirname, join } from "node:path";
import { planFingerprint, sealed } from "@lib/io/manifest.ts";
import { deno } from "../scale/helpers.ts";
import { assertSameFiles, entries } from "../support/sim_process.ts";

/** 4 subsets × 3 runs = 12 units of 25 rows: units 0–3, 4–7 and 8–11 in shards of 3, 100 rows each. */
const PLAN = [
  "honey",
  "--sweep",
  "throttle=0.002:0.008:0.002",
  "--runs",
  "3",
  "--steps",
  "24",
  "--workers",
  "1",
];

/** A shard manifest as the cases edit it. */
interface Manifest {
  seed: unknown;
  fingerprint: string;
  shard: { index: unknown; count: number; units: number[] };
  parts: Record<string, { rows: number; columns: string[]; files: string[] }>;
  files: { file: string; bytes: number; sha256: string }[];
  failed_runs: unknown[];
  generator: string;
  manifest_sha256: string;
  [key: string]: unknown;
}

const shard = (job: string, index: number | string) => join(job, "shards", String(index));
const part = (job: string, index: number, n: number) =>
  join(shard(job, index), "parts", "timeseries", `00000${n}.arrow`);

/** Edits shard `index`'s manifest; `reseal` recomputes its seal as a forger would. */
async function edit(
  job: string,
  index: number,
  change: (m: Manifest) => void,
  reseal = false,
): Promise<void> {
  const path = join(shard(job, index), "manifest.json");
  const manifest: Manifest = JSON.parse(await Deno.readTextFile(path));
  change(manifest);
  await Deno.writeTextFile(path, JSON.stringify(reseal ? sealed(manifest) : manifest, null, 2) + "\n");
}

const resealed = (job: string, index: number, change: (m: Manifest) => void) =>
  edit(job, index, change, true);

/** Every entry under `dir` in sorted order: a file's bytes, a link's target (links are not followed). */
async function tree(
  dir: string,
  under = "",
  out = new Map<string, Uint8Array>(),
): Promise<Map<string, Uint8Array>> {
  const names: Deno.DirEntry[] = [];
  for await (const entry of Deno.readDir(join(dir, under))) names.push(entry);
  for (const entry of names.sort((a, b) => a.name < b.name ? -1 : 1)) {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isSymlink) out.set(path, new TextEncoder().encode(`→ ${await Deno.readLink(join(dir, path))}`));
    else if (entry.isDirectory) await tree(dir, path, out);
    else out.set(path, await Deno.readFile(join(dir, path)));
  }
  return out;
}

/** The sha256 of a file, as a forger re-listing it would write it. */
async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

interface Case {
  readonly name: string;
  /** Tampers with a copy of the job; `other` is a job of another plan (seed 7) holding its shard 2. */
  readonly tamper: (job: string, other: string) => Promise<void>;
  /** What the one line says after `cannot merge DIR: `. */
  readonly refusal: RegExp;
}

const SEAL_BROKEN =
  "manifest\\.json was changed after the shard was written: its manifest_sha256 does not match";

const CASES: readonly Case[] = [
  {
    name: "a copy of shards/0 placed at shards/1",
    tamper: async (job) => {
      await Deno.remove(shard(job, 1), { recursive: true });
      await cp(shard(job, 0), shard(job, 1), { recursive: true });
    },
    refusal:
      /: 1 of 3 shards not done: 1 \(mismatched: it holds shard 0's output: copied or moved from shards\/0\?\)$/,
  },
  {
    name: "shards 0 and 1 swapped",
    tamper: async (job) => {
      await Deno.rename(shard(job, 0), shard(job, "x"));
      await Deno.rename(shard(job, 1), shard(job, 0));
      await Deno.rename(shard(job, "x"), shard(job, 1));
    },
    refusal:
      /: 2 of 3 shards not done: 0 \(mismatched: it holds shard 1's output.*\), 1 \(mismatched: it holds shard 0's/,
  },
  {
    name: "shard 2 removed",
    tamper: (job) => Deno.remove(shard(job, 2), { recursive: true }),
    refusal: /: 1 of 3 shards not done: 2 \(missing: no output\)$/,
  },
  {
    name: "a copy of shard 2 as shards/3, beyond the job",
    tamper: (job) => cp(shard(job, 2), shard(job, 3), { recursive: true }),
    refusal: /: shards\/ also holds 3 \(beyond the job's 3 shards\)$/,
  },
  {
    name: "a copy of shard 1 as shards/01 (which reads as index 1)",
    tamper: (job) => cp(shard(job, 1), shard(job, "01"), { recursive: true }),
    refusal: /: shards\/ also holds 01 \(not a shard's folder\)$/,
  },
  {
    name: "shards/1 a link to a copy of it elsewhere",
    tamper: async (job) => {
      const elsewhere = `${dirname(job)}/elsewhere`;
      await Deno.rename(shard(job, 1), elsewhere);
      await Deno.symlink(elsewhere, shard(job, 1));
    },
    refusal:
      /: 1 of 3 shards not done: 1 \(missing: no output\); shards\/ also holds 1 \(a link, not a folder\)$/,
  },
  {
    name: "a run of shard 1 under way (its lock beside it)",
    tamper: (job) =>
      Deno.writeTextFile(`${shard(job, 1)}.lock`, JSON.stringify({ pid: 1, host: "elsewhere" })),
    refusal:
      /: 1 of 3 shards not done: 1 \(failed: being written: shards\/1\.lock is there; remove it if no run of this shard is going\)$/,
  },
  {
    name: "the rows of a table edited",
    tamper: (job) => edit(job, 1, (m) => m.parts.timeseries.rows += 1000),
    refusal: new RegExp(`: 1 \\(damaged: ${SEAL_BROKEN}\\)$`),
  },
  {
    name: "the rows of a table edited, re-sealed",
    tamper: (job) => resealed(job, 1, (m) => m.parts.timeseries.rows += 1000),
    refusal: /: 1 \(damaged: its manifest says timeseries has 1100 rows, its parts hold 100\)$/,
  },
  {
    name: "a part list doubled",
    tamper: (job) => edit(job, 1, (m) => m.parts.timeseries.files.push(...m.parts.timeseries.files)),
    refusal: new RegExp(`: 1 \\(damaged: ${SEAL_BROKEN}\\)$`),
  },
  {
    name: "a part list doubled, re-sealed",
    tamper: (job) => resealed(job, 1, (m) => m.parts.timeseries.files.push(...m.parts.timeseries.files)),
    refusal: /: 1 \(damaged: its part list of timeseries names parts\/timeseries\/000000\.arrow twice\)$/,
  },
  {
    name: "the file list doubled, re-sealed",
    tamper: (job) => resealed(job, 1, (m) => m.files.push(...m.files)),
    refusal: /: 1 \(damaged: its manifest lists parts\/timeseries\/000000\.arrow twice\)$/,
  },
  {
    name: "a part list reordered, re-sealed",
    tamper: (job) => resealed(job, 1, (m) => m.parts.timeseries.files.reverse()),
    refusal: /: 1 \(damaged: its part list of timeseries is not in the order the parts were written\)$/,
  },
  {
    name: "a part removed",
    tamper: (job) => Deno.remove(part(job, 1, 1)),
    refusal: /: 1 \(damaged: parts\/timeseries\/000001\.arrow is missing\)$/,
  },
  {
    name: "a part cut short",
    tamper: async (job) => {
      const bytes = await Deno.readFile(part(job, 1, 0));
      await Deno.writeFile(part(job, 1, 0), bytes.subarray(0, bytes.length - 100));
    },
    refusal: /: 1 \(damaged: parts\/timeseries\/000000\.arrow differs from its manifest\)$/,
  },
  {
    name: "one byte of a part changed",
    tamper: async (job) => {
      const bytes = await Deno.readFile(part(job, 1, 2));
      bytes[bytes.length >> 1] ^= 0xff;
      await Deno.writeFile(part(job, 1, 2), bytes);
    },
    refusal: /: 1 \(damaged: parts\/timeseries\/000002\.arrow differs from its manifest\)$/,
  },
  {
    name: "a part replaced by shard 0's",
    tamper: (job) => Deno.copyFile(part(job, 0, 0), part(job, 1, 0)),
    refusal: /: 1 \(damaged: parts\/timeseries\/000000\.arrow differs from its manifest\)$/,
  },
  {
    name: "a part replaced by a file that is not Arrow, its size and sha256 re-listed, re-sealed",
    tamper: async (job) => {
      const path = part(job, 1, 0);
      await Deno.writeTextFile(path, "subset,run,timestep\n0,1,0\n");
      const [bytes, hash] = [(await Deno.stat(path)).size, await sha256(path)];
      await resealed(job, 1, (m) => Object.assign(m.files[0], { bytes, sha256: hash }));
    },
    refusal: /: 1 \(damaged: parts\/timeseries\/000000\.arrow is not an Arrow IPC file\)$/,
  },
  {
    name: "a foreign file in a shard folder",
    tamper: (job) => Deno.writeTextFile(join(shard(job, 1), "notes.txt"), "rerun on node 7\n"),
    refusal: /: 1 \(damaged: it holds notes\.txt, which its manifest does not list\)$/,
  },
  {
    name: "an extra part (a copy of the last) in a table's folder",
    tamper: (job) => Deno.copyFile(part(job, 1, 3), part(job, 1, 4)),
    refusal: /: 1 \(damaged: it holds parts\/timeseries\/000004\.arrow, which its manifest does not list\)$/,
  },
  {
    name: "a part replaced by a link to the same bytes",
    tamper: async (job) => {
      const elsewhere = `${dirname(job)}/000000.arrow`;
      await Deno.rename(part(job, 1, 0), elsewhere);
      await Deno.symlink(elsewhere, part(job, 1, 0));
    },
    refusal: /: 1 \(damaged: parts\/timeseries\/000000\.arrow is a link or device, not a file\)$/,
  },
  {
    name: "a shard's manifest removed",
    tamper: (job) => Deno.remove(join(shard(job, 1), "manifest.json")),
    refusal: /: 1 \(damaged: it has no manifest\.json\)$/,
  },
  {
    name: "a shard's manifest cut short (invalid JSON)",
    tamper: async (job) => {
      const path = join(shard(job, 1), "manifest.json");
      await Deno.writeTextFile(path, (await Deno.readTextFile(path)).slice(0, 500));
    },
    refusal: /: 1 \(damaged: manifest\.json is not valid JSON\)$/,
  },
  {
    name: "a manifest another tool wrote",
    tamper: (job) => edit(job, 1, (m) => m.generator = "something-else"),
    refusal: /: 1 \(damaged: manifest\.json was not written by this tool\)$/,
  },
  {
    name: "shard 2 of another plan (seed 7) in place of shard 2",
    tamper: async (job, other) => {
      await Deno.remove(shard(job, 2), { recursive: true });
      await cp(shard(other, 2), shard(job, 2), { recursive: true });
    },
    refusal: /: 1 of 3 shards not done: 2 \(mismatched: it ran another plan: its fingerprint differs\)$/,
  },
  {
    name: "only the manifest of another plan's shard 2",
    tamper: (job, other) =>
      Deno.copyFile(join(shard(other, 2), "manifest.json"), join(shard(job, 2), "manifest.json")),
    refusal: /: 2 \(mismatched: it ran another plan: its fingerprint differs\)$/,
  },
  {
    name: "the index edited, re-sealed",
    tamper: (job) => resealed(job, 1, (m) => m.shard.index = 2),
    refusal: /: 1 \(mismatched: it holds shard 2's output: copied or moved from shards\/2\?\)$/,
  },
  {
    name: "the count edited, re-sealed",
    tamper: (job) => resealed(job, 1, (m) => m.shard.count = 4),
    refusal: /: 1 \(mismatched: it ran units 4–7, but shard 1 of 4 of its plan is units 3–5\)$/,
  },
  {
    name: "the count and units of another split, re-sealed",
    tamper: (job) => resealed(job, 1, (m) => Object.assign(m.shard, { count: 4, units: [3, 6] })),
    refusal: /: 1 \(mismatched: it is shard 1 of 4, not of the job's 3\)$/,
  },
  {
    name: "the units edited to overlap shard 2's, re-sealed",
    tamper: (job) => resealed(job, 1, (m) => m.shard.units = [4, 9]),
    refusal: /: 1 \(mismatched: it ran units 4–8, but shard 1 of 3 of its plan is units 4–7\)$/,
  },
  {
    name: "the index written as text, re-sealed",
    tamper: (job) => resealed(job, 1, (m) => m.shard.index = "1"),
    refusal: /: 1 \(damaged: manifest\.json: its shard is not as this tool writes it\)$/,
  },
  {
    name: "a manifest's keys reordered (the merged manifest would repeat the order)",
    tamper: async (job) => {
      const path = join(shard(job, 0), "manifest.json");
      const manifest = JSON.parse(await Deno.readTextFile(path));
      await Deno.writeTextFile(path, JSON.stringify(Object.fromEntries(Object.entries(manifest).reverse())));
    },
    refusal: new RegExp(`: 0 \\(damaged: ${SEAL_BROKEN}\\)$`),
  },
  {
    name: "a file's sha256 edited",
    tamper: (job) => edit(job, 1, (m) => m.files[0].sha256 = "0".repeat(64)),
    refusal: new RegExp(`: 1 \\(damaged: ${SEAL_BROKEN}\\)$`),
  },
  {
    name: "a file's sha256 edited, re-sealed",
    tamper: (job) => resealed(job, 1, (m) => m.files[0].sha256 = "0".repeat(64)),
    refusal: /: 1 \(damaged: parts\/timeseries\/000000\.arrow differs from its manifest\)$/,
  },
  {
    name: "the seal removed (as in a manifest an older version wrote)",
    tamper: (job) => edit(job, 1, (m) => delete (m as { manifest_sha256?: string }).manifest_sha256),
    refusal:
      /: 1 \(damaged: manifest\.json has no manifest_sha256, as older versions wrote them: run this shard again\)$/,
  },
  {
    name: "the seal edited",
    tamper: (job) => edit(job, 1, (m) => m.manifest_sha256 = "0".repeat(64)),
    refusal: new RegExp(`: 1 \\(damaged: ${SEAL_BROKEN}\\)$`),
  },
  {
    name: "the seed edited, re-sealed",
    tamper: (job) => resealed(job, 1, (m) => m.seed = 7),
    refusal: /: 1 \(mismatched: its fingerprint is not its plan's: the plan was edited\)$/,
  },
  {
    name: "the seed and the fingerprint edited, re-sealed",
    tamper: (job) =>
      resealed(job, 1, (m) => {
        m.seed = 7;
        m.fingerprint = planFingerprint(m as unknown as Parameters<typeof planFingerprint>[0]);
      }),
    refusal: /: 1 \(mismatched: it ran another plan: its fingerprint differs\)$/,
  },
  {
    name: "a column renamed in the manifest, re-sealed",
    tamper: (job) => resealed(job, 1, (m) => m.parts.timeseries.columns[4] = "reserves"),
    refusal:
      /: 1 \(damaged: column 5 of parts\/timeseries\/000000\.arrow is reserve, its manifest lists reserves\)$/,
  },
  {
    name: "a table the plan does not write, re-sealed",
    tamper: (job) =>
      resealed(job, 1, (m) => {
        m.parts = { agents: m.parts.timeseries };
      }),
    refusal: /: 1 \(damaged: its parts hold table 'agents', which its plan does not write\)$/,
  },
  {
    name: "a failed run of another shard's unit added, re-sealed",
    tamper: (job) =>
      resealed(job, 1, (m) =>
        m.failed_runs.push({
          subset: 0,
          run: 1,
          seed: "42/0/1",
          timestep: 3,
          phase: "p",
          message: "made up",
        })),
    refusal: /: 1 \(mismatched: it lists a failed run, subset 0 run 1, outside its units 4–7\)$/,
  },
];

/** The stderr lines of a `deno task` run that its command wrote (not deno's "Task …" line). */
const ownLines = (stderr: string) => stderr.trim().split("\n").filter((l) => l && !l.startsWith("Task "));

Deno.test("merge refuses every tampered job in one line, exit 1, writing nothing; untouched, it merges", async (t) => {
  const root = await Deno.makeTempDir();
  try {
    const [pristine, single, other] = ["pristine", "single", "other"].map((name) => join(root, name, "job"));
    const runs = [
      ...["0/3", "1/3", "2/3"].map((s) => [...PLAN, "--out", pristine, "--shard", s]),
      [...PLAN, "--out", single],
      [...PLAN, "--seed", "7", "--out", other, "--shard", "2/3"],
    ];
    for (const r of await Promise.all(runs.map((args) => deno(["task", "sim", ...args])))) {
      assertEquals(r.code, 0, r.stderr);
    }
    let n = 0;
    const copy = async () => {
      const job = join(root, `case-${n++}`, "job");
      await cp(pristine, job, { recursive: true });
      return job;
    };

    for (const c of CASES) {
      await t.step(c.name, async () => {
        const job = await copy();
        await c.tamper(job, other);
        const [before, beside] = [await tree(job), await entries(dirname(job))];
        const r = await deno(["task", "merge", job]);
        assertEquals(r.code, 1, r.stderr);
        const lines = ownLines(r.stderr);
        assertEquals(lines.length, 1, r.stderr);
        assertMatch(lines[0], new RegExp(`^merge: error: cannot merge ${job}: `));
        assertMatch(lines[0], c.refusal);
        assertSameFiles(await tree(job), before, "the job after a refused merge");
        assertEquals(await entries(dirname(job)), beside, "beside the job after a refused merge");
      });
    }

    const expected = await tree(single);
    const merged = async (job: string) => {
      const r = await deno(["task", "merge", job]);
      assertEquals(r.code, 0, r.stderr);
      const files = await tree(job);
      for (const name of files.keys()) if (name.startsWith("shards/")) files.delete(name);
      return files;
    };
    await t.step("untouched, the job merges to the unsharded run's bytes", async () => {
      assertSameFiles(await merged(await copy()), expected, "merged vs unsharded");
    });
    await t.step("manifests respaced (tabs, no final newline) still merge to the same bytes", async () => {
      const job = await copy();
      for (const index of [0, 1, 2]) {
        const path = join(shard(job, index), "manifest.json");
        await Deno.writeTextFile(path, JSON.stringify(JSON.parse(await Deno.readTextFile(path)), null, "\t"));
      }
      assertSameFiles(await merged(job), expected, "merged vs unsharded");
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
