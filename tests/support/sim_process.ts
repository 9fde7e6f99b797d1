/**
 * Running `sim` and `merge` as subprocesses, exactly as their tasks do (the flags of deno.json's task, read
 * from deno.json, never `-A` unless the task says so), and checking the datasets they leave: every file
 * byte for byte, and every manifest entry against its file.
 */
import { assert, assertEquals } from "@std/assert";
import { createHash } from "node:crypto";
import { join } from "node:path";

/** The project's root, where `deno task` runs a task. */
export const PROJECT = new URL("../../", import.meta.url).pathname;

const TASKS: Record<string, string> = JSON.parse(Deno.readTextFileSync(join(PROJECT, "deno.json"))).tasks;

/**
 * The arguments a task gives `deno` (`run`, its permission flags, the script), as deno.json spells the
 * task, with `v8Flags` added to its --v8-flags.
 */
export function taskArgs(task: "sim" | "merge", v8Flags: readonly string[] = []): string[] {
  const [deno, ...args] = TASKS[task].split(/\s+/);
  assert(
    deno === "deno" && args[0] === "run" && !/["'$;&|]/.test(TASKS[task]),
    `task ${task}: not a plain run`,
  );
  if (v8Flags.length === 0) return args;
  const at = args.findIndex((a) => a.startsWith("--v8-flags="));
  if (at >= 0) return args.with(at, [args[at], ...v8Flags].join(","));
  return [args[0], `--v8-flags=${v8Flags.join(",")}`, ...args.slice(1)];
}

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Environment to add to this process's. */
  readonly env?: Record<string, string>;
  /** Start from an empty environment (keeping PATH, HOME and DENO_DIR), e.g. to unset a scheduler's index. */
  readonly clearEnv?: boolean;
  /** A V8 heap limit in MB, to show that a refusal did not build what it refused. */
  readonly heapMB?: number;
}

/** The task's command with `args`, run from the project's root as `deno task` runs it. */
function command(task: "sim" | "merge", args: readonly string[], options: RunOptions = {}): Deno.Command {
  const kept = ["PATH", "HOME", "DENO_DIR"].flatMap((k) => {
    const v = Deno.env.get(k);
    return v === undefined ? [] : [[k, v]];
  });
  const heap = options.heapMB === undefined ? [] : [`--max-old-space-size=${options.heapMB}`];
  return new Deno.Command(Deno.execPath(), {
    args: [...taskArgs(task, heap), ...args],
    cwd: PROJECT,
    env: { ...(options.clearEnv ? Object.fromEntries(kept) : {}), NO_COLOR: "1", ...options.env },
    clearEnv: options.clearEnv,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

async function outcome(child: Deno.ChildProcess): Promise<Ran> {
  const out = await child.output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout).trim(), stderr: text.decode(out.stderr).trim() };
}

/** Runs `deno task sim` with `args` to completion. */
export function sim(args: readonly string[], options?: RunOptions): Promise<Ran> {
  return outcome(command("sim", args, options).spawn());
}

/** Starts `deno task sim` with `args`; await `done` for its outcome. */
export function startSim(args: readonly string[]): { child: Deno.ChildProcess; done: Promise<Ran> } {
  const child = command("sim", args).spawn();
  return { child, done: outcome(child) };
}

/** Runs `deno task merge` with `args` to completion. */
export function merge(args: readonly string[]): Promise<Ran> {
  return outcome(command("merge", args).spawn());
}

/** Every file under `dir` (relative path → bytes), folders walked, in sorted order. */
export async function snapshot(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const walk = async (sub: string) => {
    const names: [string, boolean][] = [];
    for await (const e of Deno.readDir(join(dir, sub))) names.push([e.name, e.isDirectory]);
    for (const [name, isDir] of names.sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      if (isDir) await walk(rel);
      else files.set(rel, await Deno.readFile(join(dir, rel)));
    }
  };
  await walk("");
  return files;
}

/** Byte equality with a short message (assertEquals on megabytes would print them all). */
export function assertSameBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  assertEquals(
    actual.length,
    expected.length,
    `${what}: ${actual.length} bytes, expected ${expected.length}`,
  );
  const at = actual.findIndex((byte, i) => byte !== expected[i]);
  assert(at === -1, `${what}: first differing byte at ${at}`);
}

/** Two snapshots hold the same files with the same bytes. */
export function assertSameFiles(
  actual: Map<string, Uint8Array>,
  expected: Map<string, Uint8Array>,
  what: string,
): void {
  assertEquals([...actual.keys()], [...expected.keys()], `${what}: the files differ`);
  for (const [name, bytes] of expected) assertSameBytes(actual.get(name)!, bytes, `${what}: ${name}`);
}

interface ManifestFile {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly rows?: number;
}

/**
 * The folder is one dataset: it holds exactly its manifest and the files the manifest lists (besides
 * `also`, e.g. a job's shards), each with the listed size and sha256. Returns the manifest.
 */
export async function assertDataset(
  dir: string,
  also: readonly string[] = [],
): Promise<{ files: ManifestFile[]; [key: string]: unknown }> {
  const manifest = JSON.parse(await Deno.readTextFile(join(dir, "manifest.json")));
  const files = manifest.files as ManifestFile[];
  const present = [...(await snapshot(dir)).keys()]
    .filter((f) => !also.some((a) => f === a || f.startsWith(`${a}/`))).sort();
  assertEquals(present, [...files.map((f) => f.file), "manifest.json"].sort(), `${dir} holds other files`);
  for (const f of files) {
    const bytes = await Deno.readFile(join(dir, f.file));
    assertEquals(bytes.length, f.bytes, `${f.file}: size differs from the manifest`);
    assertEquals(createHash("sha256").update(bytes).digest("hex"), f.sha256, `${f.file}: sha256 differs`);
  }
  return manifest;
}

/** The names in `parent` (no walking): to see that nothing was left beside a dataset. */
export async function entries(parent: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(parent)) names.push(e.name);
  return names.sort();
}
