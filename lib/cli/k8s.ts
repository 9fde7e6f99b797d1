/**
 * `deno task k8s manifest <model> <sim args> --shards N --image IMAGE ...`: prints the Kubernetes Jobs
 * of a sharded run (lib/scale/k8s.ts). Bad input exits 2 with one line.
 */
import { parseRequest } from "./sim.ts";
import { clip, quote } from "../engine/quote.ts";
import { splitCommandLine, wholeNumber } from "../scale/command.ts";
import { UsageError } from "../system/usage.ts";
import { checkK8sJob, type K8sJob, manifest, volumePath } from "../scale/k8s.ts";

const USAGE =
  `usage: deno task k8s manifest <model> <sim args> --shards N --image IMAGE [--parallelism P] [--out DIR]
         [--pvc CLAIM] [--name NAME] [--workdir PATH] [--retries R]
Prints an Indexed Job running shard I of N as completion index I, and a merge Job. DIR is inside the
volume mounted at /data (default: the model's name); CLAIM names its PersistentVolumeClaim (default
tokenomics-data); NAME prefixes the Jobs (default tokenomics-<model>); PATH is the project in the image
(default /app); P defaults to min(N, 4); R retries per index (default 2).`;

const OPTIONS = {
  shards: { type: "string" },
  image: { type: "string" },
  parallelism: { type: "string" },
  out: { type: "string" },
  pvc: { type: "string" },
  name: { type: "string" },
  workdir: { type: "string" },
  retries: { type: "string" },
  help: { type: "boolean" },
} as const;

async function main([command, ...rest]: string[]): Promise<number> {
  if (command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
    return 0;
  }
  if (command !== "manifest") {
    throw new UsageError(
      `${command === undefined ? "no command" : `unknown command ${quote(command)}`}; see deno task k8s help`,
    );
  }
  const { values, model, simArgs } = splitCommandLine(rest, OPTIONS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.image === undefined) throw new UsageError("--image IMAGE is required");
  const shards = wholeNumber(values.shards, "--shards", 1, 100_000);
  const job: K8sJob = {
    model,
    simArgs,
    shards,
    image: values.image,
    parallelism: values.parallelism === undefined
      ? Math.min(shards, 4)
      : wholeNumber(values.parallelism, "--parallelism", 1, shards),
    out: values.out ?? model,
    pvc: values.pvc ?? "tokenomics-data",
    name: values.name ?? `tokenomics-${model}`,
    workdir: values.workdir ?? "/app",
    retries: values.retries === undefined ? 2 : wholeNumber(values.retries, "--retries", 0, 100),
  };
  // The sim arguments are checked here as the pods will check them, so that a typo fails now.
  try {
    await parseRequest([model, ...simArgs, "--shard", `0/${shards}`, "--out", volumePath(job)]);
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
  checkK8sJob(job);
  console.log(manifest(job).trimEnd());
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(`k8s: error: ${clip((error as Error).message.split("\n")[0], 400)}`);
    Deno.exit(error instanceof UsageError ? 2 : 1);
  }
}
