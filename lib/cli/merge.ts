/**
 * `deno task merge DIR [--status]`: merges the shards of a job (written by `sim --shard I/N --out DIR`)
 * into the dataset at the top of DIR, or with `--status` lists which shards are done and which missing.
 * A shard that is missing, failed, damaged or not of this job is named and the merge refuses (exit 1).
 */
import { parseArgs } from "node:util";
import { mergeShards } from "../io/merge.ts";
import { describeStates, shardStates } from "../io/shards.ts";

const USAGE = "usage: deno task merge DIR [--status]";

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { status: { type: "boolean" } } });
  } catch (e) {
    console.error(`merge: error: ${(e as Error).message}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    console.error(`merge: error: name one folder\n${USAGE}`);
    return 2;
  }
  const dir = positionals[0];
  if (values.status) {
    for (const line of describeStates(await shardStates(dir))) console.log(line);
    return 0;
  }
  const files = await mergeShards(dir);
  console.error(`merge: wrote ${files.map((f) => `${dir}/${f.file}`).join(", ")} and ${dir}/manifest.json`);
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (e) {
    console.error(`merge: error: ${(e as Error).message.split("\n")[0]}`);
    Deno.exit(1);
  }
}
