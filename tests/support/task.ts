/**
 * Running a `deno task` as a user does: the task's own command line from deno.json (its permission
 * flags, not -A), so that a test fails when the task lacks a permission its command needs.
 */
const CONFIG = new URL("../../deno.json", import.meta.url);
const ROOT = new URL("../../", import.meta.url).pathname;

export interface TaskResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The arguments after `deno` of a task, e.g. ["run", "--allow-read", …, "lib/cli/sim.ts"]. */
export async function taskArgs(name: string): Promise<string[]> {
  const tasks = JSON.parse(await Deno.readTextFile(CONFIG)).tasks as Record<string, string>;
  const command = tasks[name];
  if (command === undefined) throw new Error(`deno.json has no task '${name}'`);
  const [deno, ...args] = command.split(/\s+/);
  if (deno !== "deno") throw new Error(`task '${name}' does not start with deno: ${command}`);
  return args;
}

/** Runs `deno task <name> <args…>` from the project's folder and waits for it. */
export async function task(name: string, args: readonly string[]): Promise<TaskResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [...await taskArgs(name), ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr).trim() };
}
