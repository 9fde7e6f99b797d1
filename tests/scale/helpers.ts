/** What the SLURM and Kubernetes tests share: running deno as a user would, and comparing datasets. */
import { assert, assertEquals } from "@std/assert";
import { join } from "node:path";
import { PROJECT_ROOT } from "@lib/scale/command.ts";

export const HONEY_SWEEP = ["--sweep", "throttle=0.002:0.008:0.002", "--runs", "3", "--steps", "24"];

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Runs the deno that runs the tests, in the project root, with `env` added. */
export async function deno(args: readonly string[], env: Record<string, string> = {}): Promise<Ran> {
  const started = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: [...args],
    cwd: PROJECT_ROOT,
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
  }).output();
  const text = new TextDecoder();
  return {
    code: out.code,
    stdout: text.decode(out.stdout),
    stderr: text.decode(out.stderr),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Every file an unsharded run wrote is in the merged dataset, byte for byte; returns their names. */
export async function assertSameDataset(single: string, merged: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(single)) if (entry.isFile) names.push(entry.name);
  assert(names.some((n) => n.startsWith("timeseries.")), `no table in ${single}: ${names.join(", ")}`);
  for (const name of names.sort()) {
    const [a, b] = await Promise.all([Deno.readFile(join(single, name)), Deno.readFile(join(merged, name))]);
    assertEquals(b.length, a.length, `${name}: size differs`);
    assert(a.every((byte, i) => byte === b[i]), `${name} differs between ${single} and ${merged}`);
  }
  return names;
}
