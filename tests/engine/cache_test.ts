/**
 * The run cache (lib/engine/cache.ts): a hit gives the same bytes and frames as the run, the key follows
 * what decides a run and nothing else, the least recently used entries are evicted, and two processes
 * sharing one cache while it evicts both get their runs right.
 */
import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { fileURLToPath } from "node:url";
import {
  type CacheSettings,
  decodeEntry,
  encodeEntry,
  evict,
  readEntry,
  runKey,
  uncached,
  writeEntry,
} from "@lib/engine/cache.ts";
import { codeVersion } from "@lib/engine/code_version.ts";
import { runInProcess } from "@lib/engine/executor.ts";
import { toFrame } from "@lib/engine/frame.ts";
import { planRuns } from "@lib/engine/plan.ts";
import { runAgents, simulate } from "@lib/engine/simulate.ts";
import { counters } from "../support/counter_agents.ts";
import { walk } from "../support/walk_model.ts";
import { bytesOf, CACHE_PROCESS_PLAN, CACHE_PROCESS_SEEDS, resultDigest } from "../support/cache_process.ts";

/** Runs `body` with the cache on, in a fresh folder, at most `megabytes`; restores the environment. */
async function withCache(megabytes: number, body: (dir: string) => void | Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "run-cache-" });
  const saved = ["RUN_CACHE", "RUN_CACHE_DIR", "RUN_CACHE_MAX_MB"].map((name) => [name, Deno.env.get(name)]);
  Deno.env.set("RUN_CACHE", "on");
  Deno.env.set("RUN_CACHE_DIR", dir);
  Deno.env.set("RUN_CACHE_MAX_MB", String(megabytes));
  try {
    await body(dir);
  } finally {
    for (const [name, value] of saved) {
      value === undefined ? Deno.env.delete(name!) : Deno.env.set(name!, value);
    }
    await Deno.remove(dir, { recursive: true });
  }
}

const entries = (dir: string) =>
  [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith(".run"));

Deno.test("an entry reads back as the same bytes: number and labelled string columns, several tables", () => {
  const plan = planRuns(counters, { runs: 2, steps: 4, seed: 3 });
  const result = runInProcess(counters, plan);
  assertEquals(Object.keys(result.tables).sort(), ["agents", "ticks", "timeseries"]);
  const bytes = encodeEntry("k", result);
  assertEquals(bytesOf({ plan, tables: decodeEntry(bytes, "k")!, failures: [] }), bytesOf(result));
  // Another key, a cut entry or another file is a miss.
  assertEquals(decodeEntry(bytes, "other"), undefined);
  assertEquals(decodeEntry(bytes.slice(0, bytes.length - 8), "k"), undefined);
  assertEquals(decodeEntry(new TextEncoder().encode("not an entry"), "k"), undefined);
});

Deno.test("a cache hit returns the run's bytes and frames, without running again", async () => {
  await withCache(64, (dir) => {
    const options = { runs: 4, seed: 11, sweep: { drift: [0, 2] } };
    const first = simulate(walk, options);
    assertEquals(entries(dir).length, 1);
    const second = simulate(walk, options);
    assertEquals(bytesOf(second), bytesOf(first));
    assert(toFrame(second).frameEqual(toFrame(first)));
    const uncached = runInProcess(walk, planRuns(walk, options));
    assertEquals(bytesOf(second), bytesOf(uncached));
    // The hit came from the file: its columns are views on the entry's bytes, not the first run's arrays.
    assertNotEquals(second.columns.values.x.buffer, first.columns.values.x.buffer);

    const agents = runAgents(counters, planRuns(counters, { runs: 2 }), { events: ["ticks"] });
    const again = runAgents(counters, planRuns(counters, { runs: 2 }), { events: ["ticks"] });
    assert(again.events.ticks.frameEqual(agents.events.ticks));
    assert(again.timeseries.frameEqual(agents.timeseries));
    assertEquals(entries(dir).length, 2);
  });
});

Deno.test("the key follows the plan, the recording options and the model, not the progress callback", () => {
  const key = (options = {}, execute = {}, model = walk) =>
    runKey(model, planRuns(model, { runs: 2, ...options }), execute);
  const base = key();
  assert(base && /^[0-9a-f]{64}$/.test(base));
  assertEquals(key({}, { onProgress: () => {} }), base);
  const others = [
    key({ seed: 7 }),
    key({ runs: 3 }),
    key({ steps: 4 }),
    key({ set: { noise: 0.25 } }),
    key({ sweep: { drift: [1] } }),
    key({}, { units: [0, 1] }),
    key({}, { lastSubstepOnly: false }),
    key({}, {}, { ...walk, derived: { triple_x: (s: { x: number }) => 3 * s.x } }),
  ];
  assertEquals(new Set([base, ...others]).size, others.length + 1, "every change gives another key");
  // A model holding a bigint (as token amounts are) has a key too.
  assert(key({}, {}, { ...walk, supply: 10n ** 24n } as typeof walk));
  // A model without a module of its own has no code version: it is not cached.
  assertEquals(key({}, {}, { ...walk, module: undefined }), undefined);
});

Deno.test("the code version covers the model's module and everything it imports", async () => {
  const version = codeVersion(new URL("../support/walk_model.ts", import.meta.url).href);
  assert(version && /^[0-9a-f]{64}$/.test(version));
  // An edit of an imported file gives another version.
  const dir = await Deno.makeTempDir({ prefix: "code-version-" });
  try {
    await Deno.mkdir(`${dir}/lib/engine`, { recursive: true });
    await Deno.writeTextFile(`${dir}/lib/a.ts`, 'import { b } from "./engine/b.ts";\nexport const a = b;\n');
    await Deno.writeTextFile(`${dir}/lib/engine/b.ts`, "export const b = 1;\n");
    const a = codeVersion(`file://${dir}/lib/a.ts`);
    assert(a);
    await Deno.writeTextFile(`${dir}/lib/engine/b.ts`, "export const b = 2;\n");
    // Remembered for the process (a kernel keeps running the code it imported); a new path reads anew.
    assertEquals(codeVersion(`file://${dir}/lib/a.ts`), a);
    await Deno.copyFile(`${dir}/lib/a.ts`, `${dir}/lib/a2.ts`);
    const edited = codeVersion(`file://${dir}/lib/a2.ts`);
    assert(edited && edited !== a);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("eviction removes the least recently used entries until the cache fits", async () => {
  const dir = await Deno.makeTempDir({ prefix: "run-cache-evict-" });
  try {
    const plan = planRuns(walk, { runs: 2 });
    const result = runInProcess(walk, plan);
    const size = encodeEntry("a".repeat(64), result).byteLength;
    const settings: CacheSettings = { dir, maxBytes: 3 * size };
    const keys = ["a", "b", "c"].map((k) => k.repeat(64));
    for (const [i, key] of keys.entries()) {
      writeEntry(settings, key, result);
      Deno.utimeSync(`${dir}/${key}.run`, 1000 + i, 1000 + i);
    }
    assertEquals(entries(dir).length, 3);
    // Reading "a" makes it the most recently used; writing a fourth evicts "b", the least recent now.
    assert(readEntry(settings, keys[0], plan));
    assert(
      Deno.statSync(`${dir}/${keys[0]}.run`).mtime!.getTime() > Date.now() - 60_000,
      "a read refreshes the time",
    );
    writeEntry(settings, "d".repeat(64), result);
    assertEquals(entries(dir).sort(), [keys[0], keys[2], "d".repeat(64)].map((k) => `${k}.run`));
    // A smaller bound evicts down to it, the least recently used first; an entry larger than the whole
    // cache is not kept.
    for (const [key, time] of [[keys[0], 3000], [keys[2], 2000], ["d".repeat(64), 4000]] as const) {
      Deno.utimeSync(`${dir}/${key}.run`, time, time);
    }
    evict({ dir, maxBytes: 2 * size });
    assertEquals(entries(dir).sort(), [keys[0], "d".repeat(64)].map((k) => `${k}.run`));
    evict({ dir, maxBytes: size });
    assertEquals(entries(dir), [`${"d".repeat(64)}.run`]);
    writeEntry({ dir, maxBytes: size - 1 }, "e".repeat(64), result);
    assertEquals(entries(dir).includes(`${"e".repeat(64)}.run`), false);
    // A temporary file left by a process that died while writing goes once it is stale.
    Deno.writeTextFileSync(`${dir}/.tmp-dead`, "x");
    Deno.utimeSync(`${dir}/.tmp-dead`, 1, 1);
    evict(settings);
    assertEquals([...Deno.readDirSync(dir)].some((e) => e.name === ".tmp-dead"), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("two processes sharing one small cache, evicting as they go, both get every run right", async () => {
  await withCache(1, async (dir) => {
    const script = fileURLToPath(new URL("../support/cache_process.ts", import.meta.url));
    const config = fileURLToPath(new URL("../../deno.json", import.meta.url));
    const run = () =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--config", config, script],
        env: { RUN_CACHE: "on", RUN_CACHE_DIR: dir, RUN_CACHE_MAX_MB: "0.2" },
        stdout: "piped",
        stderr: "piped",
      }).output();
    const [a, b] = await Promise.all([run(), run()]);
    const text = new TextDecoder();
    assert(a.success, text.decode(a.stderr));
    assert(b.success, text.decode(b.stderr));
    const expected = cacheProcessDigests();
    assertEquals(text.decode(a.stdout).trim().split("\n"), expected);
    assertEquals(text.decode(b.stdout).trim().split("\n"), expected);
    // The bound held: what is left fits in it.
    const total = entries(dir).reduce((sum, name) => sum + Deno.statSync(`${dir}/${name}`).size, 0);
    assert(total <= 0.2 * 1024 * 1024, `${total} bytes left`);
  });
});

/** What tests/support/cache_process.ts prints, computed here without the cache. */
function cacheProcessDigests(): string[] {
  return [...CACHE_PROCESS_SEEDS, ...CACHE_PROCESS_SEEDS].map((seed) =>
    resultDigest(runInProcess(walk, planRuns(walk, { ...CACHE_PROCESS_PLAN, seed })))
  );
}

Deno.test("uncached runs anew: what a notebook times is a run, not a read", async () => {
  await withCache(64, (dir) => {
    const options = { runs: 2, seed: 5 };
    uncached(() => simulate(walk, options));
    assertEquals(entries(dir), [], "nothing kept");
    simulate(walk, options);
    assertEquals(entries(dir).length, 1);
    const fresh = uncached(() => simulate(walk, options));
    const cached = simulate(walk, options);
    assertEquals(bytesOf(fresh), bytesOf(cached));
    // A result read from the cache is a view on the entry's bytes; a run's is not.
    const size = Deno.statSync(`${dir}/${entries(dir)[0]}`).size;
    assertEquals(cached.columns.values.x.buffer.byteLength, size);
    assertNotEquals(fresh.columns.values.x.buffer.byteLength, size);
  });
});
