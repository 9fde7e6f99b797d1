/**
 * `deno task slurm up|down|submit|resubmit`: a local single-node SLURM (lib/scale/slurm_local.ts) and
 * sharded runs as SLURM job arrays (lib/scale/slurm.ts). Bad input exits 2 with one line; a failed
 * daemon, job or shard exits 1.
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { parseRequest } from "./sim.ts";
import { clip } from "../engine/quote.ts";
import { splitCommandLine, wholeNumber } from "../scale/command.ts";
import { UsageError } from "../system/usage.ts";
import { follow, resubmit, type ShardJob, slurmDir, type Submission, submit } from "../scale/slurm.ts";
import { slurmDown, slurmUp } from "../scale/slurm_local.ts";

const USAGE = `usage: deno task slurm up | down
       deno task slurm submit <model> <sim args> --shards N --out DIR [--partition P] [--time T] [--wait]
       deno task slurm resubmit DIR --indices I,J,... [--wait]
up/down start and stop a single-node SLURM on this machine (root). submit runs shard I of N of the run
plan as array task I, then a merge job; DIR must be on a filesystem every node sees, and its scripts and
logs go into DIR.slurm/. --wait follows the jobs and names failed shards with the resubmit command.`;

const SUBMIT_OPTIONS = {
  shards: { type: "string" },
  out: { type: "string" },
  partition: { type: "string" },
  time: { type: "string" },
  wait: { type: "boolean" },
  help: { type: "boolean" },
} as const;

const say = (line: string) => console.error(`slurm: ${line}`);

/** Checks the sim arguments as `deno task sim` will, so that a typo fails here, not in N jobs. */
async function checkSimArgs(job: ShardJob): Promise<void> {
  try {
    await parseRequest([job.model, ...job.simArgs, "--shard", `0/${job.shards}`, "--out", job.out]);
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
}

async function report(
  submission: Submission,
  out: string,
  submittedAt: number,
  wait: boolean,
): Promise<number> {
  const shards = submission.indices.join(",");
  console.log(
    `array job ${submission.array} (shards ${shards}), merge job ${submission.merge} (after it succeeds)`,
  );
  say(`scripts and logs in ${slurmDir(out)}/`);
  if (!wait) return 0;
  return await follow(out, submission, submittedAt, say) ? 0 : 1;
}

async function submitCommand(argv: string[]): Promise<number> {
  const { values, model, simArgs } = splitCommandLine(argv, SUBMIT_OPTIONS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.out === undefined) throw new UsageError("--out DIR is required");
  const job: ShardJob = {
    model,
    simArgs,
    shards: wholeNumber(values.shards, "--shards", 1, 100_000),
    out: resolve(values.out),
    partition: values.partition,
    time: values.time,
  };
  await checkSimArgs(job);
  const submittedAt = performance.now();
  return await report(await submit(job), job.out, submittedAt, values.wait === true);
}

/** `--indices 2,3`: the shards to resubmit, each named once, in ascending order. */
function indicesOf(text: string | undefined): number[] {
  if (text === undefined) {
    throw new UsageError("--indices is required: the shards to resubmit, e.g. --indices 2,3");
  }
  if (text === "") {
    throw new UsageError("--indices is empty: name the shards to resubmit, e.g. --indices 2,3");
  }
  const seen = new Set<number>();
  for (const item of text.split(",")) {
    if (!/^\d{1,9}$/.test(item)) {
      throw new UsageError(
        `--indices must be shard indices (whole numbers from 0) separated by commas, e.g. 2,3; ${
          item === "" ? "an empty entry" : `'${item}'`
        } is not one`,
      );
    }
    const index = Number(item);
    if (seen.has(index)) throw new UsageError(`--indices names shard ${index} twice`);
    seen.add(index);
  }
  return [...seen].sort((a, b) => a - b);
}

async function resubmitCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { indices: { type: "string" }, wait: { type: "boolean" } },
  });
  if (positionals.length !== 1) throw new UsageError("name one DIR, as given to submit --out");
  const indices = indicesOf(values.indices);
  const out = resolve(positionals[0]);
  const submittedAt = performance.now();
  return await report(await resubmit(out, indices), out, submittedAt, values.wait === true);
}

async function main([command, ...rest]: string[]): Promise<number> {
  switch (command) {
    case "up":
    case "down":
      if (rest.length > 0) throw new UsageError(`${command} takes no arguments`);
      await (command === "up" ? slurmUp : slurmDown)(say);
      return 0;
    case "submit":
      return await submitCommand(rest);
    case "resubmit":
      return await resubmitCommand(rest);
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return 0;
    default:
      throw new UsageError(
        `${command === undefined ? "no command" : `unknown command '${command}'`}; see deno task slurm help`,
      );
  }
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    // parseArgs reports unknown flags with a TypeError carrying an ERR_PARSE_ARGS_* code.
    const usage = error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    console.error(`slurm: error: ${clip((error as Error).message.split("\n")[0], 400)}`);
    Deno.exit(usage ? 2 : 1);
  }
}
