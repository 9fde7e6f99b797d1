/**
 * `deno task slurm submit|resubmit`: one run plan as a SLURM job array, one shard per task
 * (`deno task sim ... --shard I/N --out DIR`), then a merge job that runs only when every task succeeded.
 * DIR must be on a filesystem every node sees: the shards go into it, the job scripts and their logs
 * beside it into DIR.slurm/ (DIR itself may only hold the dataset, which the merge replaces whole).
 */
import { join } from "node:path";
import { isFile } from "../io/files.ts";
import { UsageError } from "../system/usage.ts";
import { PROJECT_ROOT, run, runOk, ScaleError, shellQuote } from "./command.ts";

export interface ShardJob {
  readonly model: string;
  readonly simArgs: readonly string[];
  readonly shards: number;
  /** Absolute. */
  readonly out: string;
  readonly partition?: string;
  readonly time?: string;
}

/** One sbatch of some shards plus the merge job that depends on them. */
export interface Submission {
  readonly array: string;
  readonly merge: string;
  readonly indices: readonly number[];
}

/** What DIR.slurm/jobs.json keeps, so that `resubmit` knows the job without being told again. */
interface JobRecord {
  readonly shards: number;
  readonly submissions: Submission[];
}

const SHARDS_SCRIPT = "shards.sbatch";
const MERGE_SCRIPT = "merge.sbatch";
const RECORD = "jobs.json";
const POLL_MS = 500;

export function slurmDir(out: string): string {
  return `${out}.slurm`;
}

/**
 * sbatch reads #SBATCH lines with its own word splitting, and `%` starts a filename pattern there, so
 * what goes into them is kept to characters that need no quoting at all.
 */
function checkJob(job: ShardJob): void {
  if (!job.out.startsWith("/")) throw new UsageError(`--out must be absolute here, got ${job.out}`);
  if (!/^[A-Za-z0-9_./+@:=,-]+$/.test(job.out)) {
    throw new UsageError(
      `--out ${job.out} has characters #SBATCH lines cannot carry; use letters, digits, ./_-+@:=,`,
    );
  }
  if (job.partition !== undefined && !/^[A-Za-z0-9_.,-]+$/.test(job.partition)) {
    throw new UsageError(`--partition must be partition names separated by commas, got '${job.partition}'`);
  }
  // SLURM's time formats: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS, or no limit.
  if (job.time !== undefined && !/^(\d+(:\d+){0,2}|\d+-\d+(:\d+){0,2}|UNLIMITED|INFINITE)$/.test(job.time)) {
    throw new UsageError(`--time must be a SLURM time such as 30, 2:00:00 or 1-12, got '${job.time}'`);
  }
}

function header(job: ShardJob, name: string, output: string): string[] {
  return [
    "#!/bin/bash",
    `# Written by \`deno task slurm submit\` (lib/scale/slurm.ts) for ${job.model}, ${job.shards} shards.`,
    `#SBATCH --job-name=tokenomics-${job.model}-${name}`,
    `#SBATCH --output=${join(slurmDir(job.out), output)}`,
    ...(job.partition === undefined ? [] : [`#SBATCH --partition=${job.partition}`]),
    ...(job.time === undefined ? [] : [`#SBATCH --time=${job.time}`]),
  ];
}

/** The deno that runs this command, by absolute path, so that nodes need no PATH set up for it. */
function body(deno: string, args: readonly string[]): string[] {
  return [
    "set -euo pipefail",
    // Colour codes would only clutter the log files.
    "export NO_COLOR=1",
    `cd ${shellQuote(PROJECT_ROOT)}`,
    `exec ${[deno, "task", ...args].map(shellQuote).join(" ")}`,
  ];
}

/**
 * The array script. N is written out rather than read from SLURM_ARRAY_TASK_COUNT, which is 1 when a
 * single index is resubmitted.
 */
export function shardsScript(job: ShardJob, deno = Deno.execPath()): string {
  const lines = [
    ...header(job, "shards", "shard-%a.out"),
    `#SBATCH --array=0-${job.shards - 1}`,
    ...body(deno, ["sim", job.model, ...job.simArgs, "--out", job.out]),
  ];
  // The index is the one word bash must expand, so it is appended after quoting.
  lines[lines.length - 1] += ` --shard "$SLURM_ARRAY_TASK_ID/${job.shards}"`;
  return lines.join("\n") + "\n";
}

export function mergeScript(job: ShardJob, deno = Deno.execPath()): string {
  return [...header(job, "merge", "merge.out"), ...body(deno, ["merge", job.out])].join("\n") + "\n";
}

/** Writes the scripts into DIR.slurm/ and submits the array and its merge job. */
export async function submit(job: ShardJob): Promise<Submission> {
  checkJob(job);
  const dir = slurmDir(job.out);
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(join(dir, SHARDS_SCRIPT), shardsScript(job));
  await Deno.writeTextFile(join(dir, MERGE_SCRIPT), mergeScript(job));
  const indices = Array.from({ length: job.shards }, (_, i) => i);
  const submission = await sbatchPair(dir, indices);
  await writeRecord(dir, { shards: job.shards, submissions: [submission] });
  return submission;
}

/** Submits the given shards of an earlier submission again, with a new merge job depending on them. */
export async function resubmit(out: string, indices: readonly number[]): Promise<Submission> {
  const dir = slurmDir(out);
  const record = await readRecord(dir);
  const outside = indices.filter((i) => i >= record.shards);
  if (outside.length > 0) {
    throw new UsageError(`--indices ${outside.join(",")} outside 0-${record.shards - 1} of this job`);
  }
  const submission = await sbatchPair(dir, indices);
  await writeRecord(dir, { ...record, submissions: [...record.submissions, submission] });
  return submission;
}

async function readRecord(dir: string): Promise<JobRecord> {
  try {
    return JSON.parse(await Deno.readTextFile(join(dir, RECORD)));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new UsageError(
        `${dir} holds no ${RECORD}: was this folder submitted with deno task slurm submit?`,
      );
    }
    throw error;
  }
}

async function writeRecord(dir: string, record: JobRecord): Promise<void> {
  await Deno.writeTextFile(join(dir, `${RECORD}.tmp`), JSON.stringify(record, null, 2) + "\n");
  await Deno.rename(join(dir, `${RECORD}.tmp`), join(dir, RECORD));
}

/**
 * The merge job waits for every task of the array (afterok) and is cancelled by SLURM when one fails
 * (--kill-on-invalid-dep), instead of waiting forever; a resubmission brings its own merge job.
 */
async function sbatchPair(dir: string, indices: readonly number[]): Promise<Submission> {
  const array = jobId(
    await runOk("sbatch", ["--parsable", `--array=${indices.join(",")}`, join(dir, SHARDS_SCRIPT)]),
  );
  const merge = jobId(
    await runOk("sbatch", [
      "--parsable",
      `--dependency=afterok:${array}`,
      "--kill-on-invalid-dep=yes",
      join(dir, MERGE_SCRIPT),
    ]),
  );
  return { array, merge, indices };
}

/** `sbatch --parsable` prints `id` or `id;cluster`. */
function jobId(stdout: string): string {
  const id = stdout.trim().split(";")[0];
  if (!/^\d+$/.test(id)) throw new ScaleError(`sbatch printed no job id: '${stdout.trim()}'`);
  return id;
}

/** States after which a job or task does not change any more. */
const FINAL = new Set([
  "COMPLETED",
  "FAILED",
  "CANCELLED",
  "TIMEOUT",
  "NODE_FAIL",
  "PREEMPTED",
  "BOOT_FAIL",
  "DEADLINE",
  "OUT_OF_MEMORY",
]);

interface TaskState {
  readonly state: string;
  /** `exit:signal`, as SLURM prints it. */
  readonly exit: string;
}

/**
 * The tasks of an array (or a plain job, under index -1) from `scontrol show job -o`: one line per
 * started task, and one for the still pending ones with their index expression (`1-3`, `2,5`, `0-9%2`).
 * A job SLURM no longer knows (purged after MinJobAge) yields an empty map.
 */
async function jobTasks(id: string): Promise<Map<number, TaskState>> {
  const out = await run("scontrol", ["show", "job", "-o", id]);
  const tasks = new Map<number, TaskState>();
  if (out.code !== 0) return tasks;
  for (const line of out.stdout.split("\n")) {
    const field = (key: string) => line.match(new RegExp(`(?:^| )${key}=(\\S*)`))?.[1];
    const state = field("JobState");
    if (state === undefined) continue;
    const task: TaskState = { state, exit: field("ExitCode") ?? "" };
    const indices = field("ArrayTaskId");
    for (const index of indices === undefined ? [-1] : expandIndices(indices)) tasks.set(index, task);
  }
  return tasks;
}

/** SLURM's array index expression: comma-separated `a`, `a-b` or `a-b:step`, with an optional `%limit`. */
function expandIndices(expression: string): number[] {
  const indices: number[] = [];
  for (const part of expression.split("%")[0].split(",")) {
    const [range, step] = part.split(":");
    const [from, to] = range.split("-").map(Number);
    for (let i = from; i <= (to ?? from); i += Number(step ?? 1)) indices.push(i);
  }
  return indices;
}

function succeeded(task: TaskState | undefined): boolean {
  return task?.state === "COMPLETED" && task.exit === "0:0";
}

/** What `deno task merge DIR --status` says of each shard: `done`, or why not. */
async function shardStatus(out: string): Promise<Map<number, string>> {
  const result = await run(Deno.execPath(), ["task", "merge", out, "--status"], PROJECT_ROOT);
  const status = new Map<number, string>();
  for (const line of result.stdout.split("\n")) {
    const match = line.match(/^shard (\d+)\/\d+: (.*)$/);
    if (match) status.set(Number(match[1]), match[2].startsWith("done") ? "done" : match[2]);
  }
  return status;
}

async function lastLogLine(path: string): Promise<string> {
  const text = await Deno.readTextFile(path).catch(() => "");
  return text.trim().split("\n").at(-1)?.trim() || "(empty log)";
}

/**
 * Follows a submission to its end, reporting progress through `say`: the array's tasks, then the merge
 * job, then which shards are really done (a task can end COMPLETED without having written its shard).
 * Returns true when the merged dataset is in place; otherwise it has named the failed shards and the
 * command that resubmits only those.
 */
export async function follow(
  out: string,
  submission: Submission,
  submittedAt: number,
  say: (line: string) => void,
): Promise<boolean> {
  const dir = slurmDir(out);
  const { shards } = await readRecord(dir);
  const elapsed = () => `${((performance.now() - submittedAt) / 1000).toFixed(1)} s`;
  let tasks = new Map<number, TaskState>();
  let shown = "";
  while (true) {
    tasks = await jobTasks(submission.array);
    const count = (test: (t: TaskState | undefined) => boolean) =>
      submission.indices.filter((i) => test(tasks.get(i))).length;
    const finished = count((t) => t === undefined || FINAL.has(t.state));
    const summary = `array job ${submission.array}: ${count(succeeded)} done, ${
      count((t) => t?.state === "RUNNING")
    } running, ${count((t) => t?.state === "PENDING")} pending, ${finished - count(succeeded)} failed`;
    if (summary !== shown) say(`${summary} (${elapsed()})`);
    shown = summary;
    if (finished === submission.indices.length) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const shardsTook = elapsed();
  let merge: TaskState | undefined;
  do {
    await new Promise((resolve) => setTimeout(resolve, merge === undefined ? 0 : POLL_MS));
    merge = (await jobTasks(submission.merge)).get(-1) ?? { state: "UNKNOWN", exit: "" };
  } while (!FINAL.has(merge.state) && merge.state !== "UNKNOWN");

  // The merged manifest is written last, so its presence (not only exit codes) says the merge happened.
  if (succeeded(merge) && await isFile(join(out, "manifest.json"))) {
    say(`merged ${out} ${elapsed()} after submission (shards done after ${shardsTook})`);
    return true;
  }
  const status = await shardStatus(out);
  const failed = Array.from({ length: shards }, (_, i) => i).filter((i) =>
    status.get(i) !== "done" || (submission.indices.includes(i) && !succeeded(tasks.get(i)))
  );
  for (const i of failed) {
    const task = tasks.get(i);
    const how = task === undefined ? "not run in this submission" : `${task.state} ${task.exit}`;
    const log = join(dir, `shard-${i}.out`);
    say(`shard ${i} failed: ${how}; output: ${status.get(i) ?? "none"}; ${log}: ${await lastLogLine(log)}`);
  }
  const mergeLog = join(dir, "merge.out");
  if (failed.length === 0) {
    say(`every shard is done but merge job ${submission.merge} ended ${merge.state} ${merge.exit}`);
    say(`${mergeLog}: ${await lastLogLine(mergeLog)}`);
    say(`merge them with: deno task merge ${shellQuote(out)}`);
    return false;
  }
  say(
    `merge job ${submission.merge} ended ${merge.state}${
      merge.state === "CANCELLED" ? " (a shard failed)" : ""
    }`,
  );
  say(
    `resubmit only the failed shards with: deno task slurm resubmit ${shellQuote(out)} --indices ${
      failed.join(",")
    }`,
  );
  return false;
}
