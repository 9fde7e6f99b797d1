/**
 * SLURM for real: `deno task slurm up` starts a single-node cluster from Debian's slurm-wlm (installing
 * it when missing), a honey sweep runs as a 4-task job array plus a merge job, and the merged dataset
 * must be byte-identical to a single-machine run. Then a shard made to fail is named by index, and its
 * resubmission completes the dataset. `slurm down` runs in any case. Needs root (daemons, apt, chattr).
 */
import { assert, assertEquals, assertMatch } from "@std/assert";
import { join } from "node:path";
import { mergeScript, shardsScript } from "@lib/scale/slurm.ts";
import { assertSameDataset, deno, HONEY_SWEEP } from "./helpers.ts";

const ROOT = Deno.uid() === 0;
if (!ROOT) console.log("tests/scale/slurm_test.ts: skipped, it needs root to start SLURM's daemons");

Deno.test("slurm: the array script hands every argument to deno as given, and N as written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // A stand-in for deno that prints its arguments one per line, to see what bash made of the script.
    const echo = join(dir, "echo-args");
    await Deno.writeTextFile(echo, '#!/bin/sh\nprintf "%s\\n" "$@"\n');
    await Deno.chmod(echo, 0o755);
    const awkward = ["--set", `x=it's "q" $HOME \`id\` ; * \\ !`, "--sweep", "a=1,2"];
    const job = { model: "honey", simArgs: awkward, shards: 4, out: join(dir, "out") };
    const script = shardsScript(job, echo);
    assertMatch(script, /^#SBATCH --array=0-3$/m);
    assertMatch(script, new RegExp(`^#SBATCH --output=${dir}/out\\.slurm/shard-%a\\.out$`, "m"));
    const path = join(dir, "shards.sbatch");
    await Deno.writeTextFile(path, script);
    const out = await new Deno.Command("bash", {
      args: [path],
      env: { SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_COUNT: "1" },
    })
      .output();
    assertEquals(
      new TextDecoder().decode(out.stdout).split("\n").slice(0, -1),
      ["task", "sim", "honey", ...awkward, "--out", job.out, "--shard", "2/4"],
    );
    assertMatch(mergeScript(job, echo), /^exec \S+ task merge \S+\/out$/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("slurm: bad input is one line and exit 2", async () => {
  for (
    const [args, message] of [
      [["submit", "honey", "--shards", "4"], /--out DIR is required/],
      [["submit", "honey", "--shards", "0", "--out", "x"], /--shards must be a whole number/],
      [["submit", "honey", "--shards", "2", "--out", "x", "--sweep", "nosuch=1,2"], /nosuch/],
      [["submit", "honey", "--shards", "2", "--out", "/tmp/a b"], /characters #SBATCH lines cannot carry/],
      [["submit", "honey", "--shards", "2", "--out", "x", "--time", "1h"], /--time must be a SLURM time/],
      [["submit", "honey", "--shards", "2", "--out", "x", "--shard", "1/2"], /--shard is set for each job/],
      [["resubmit", "/nonexistent/run", "--indices", "1"], /holds no jobs\.json/],
      [["resubmit", "x", "--indices", "1-2"], /--indices must be .*; '1-2' is not one$/],
      [["resubmit", "x", "--indices", "1,1"], /--indices names shard 1 twice$/],
      [["resubmit", "x", "--indices", "2,01,3,1"], /--indices names shard 1 twice$/],
      [["resubmit", "x", "--indices="], /--indices is empty/],
      [["resubmit", "x", "--indices=-1"], /--indices must be .*; '-1' is not one$/],
      [["resubmit", "x", "--indices", "1,,2"], /--indices must be .*; an empty entry is not one$/],
      [["resubmit", "x"], /--indices is required/],
      [["launch"], /unknown command 'launch'/],
    ] as const
  ) {
    const r = await deno(["task", "slurm", ...args]);
    assertEquals(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    const lines = r.stderr.trim().split("\n").filter((l) => !l.startsWith("Task "));
    assertEquals(lines.length, 1, r.stderr);
    assertMatch(lines[0], /^slurm: error: /);
    assertMatch(lines[0], message);
  }
});

Deno.test("slurm: resubmit refuses indices outside the job's array before submitting anything", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = join(dir, "job");
    const record = join(`${out}.slurm`, "jobs.json");
    await Deno.mkdir(`${out}.slurm`);
    const submitted = JSON.stringify({
      shards: 4,
      submissions: [{ array: "11", merge: "12", indices: [0, 1, 2, 3] }],
    });
    await Deno.writeTextFile(record, submitted);
    // A refusal after sbatch would fail on it (exit 1 with no SLURM running) or change the record.
    const r = await deno(["task", "slurm", "resubmit", out, "--indices", "2,4,7"]);
    assertEquals(r.code, 2, r.stderr);
    const lines = r.stderr.trim().split("\n").filter((l) => !l.startsWith("Task "));
    assertEquals(lines, ["slurm: error: --indices 4,7 outside 0-3 of this job"]);
    assertEquals(await Deno.readTextFile(record), submitted, "the job's record is unchanged");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** chattr +i stops even root from replacing or renaming a folder, which chmod cannot. */
async function immutable(path: string, on: boolean): Promise<void> {
  const out = await new Deno.Command("chattr", { args: [on ? "+i" : "-i", path], stderr: "piped" }).output();
  if (on) assert(out.success, `chattr +i ${path}: ${new TextDecoder().decode(out.stderr)}`);
}

Deno.test({
  name: "slurm: a sweep as a job array merges to the single-machine bytes; a failed shard is resubmitted",
  ignore: !ROOT,
  fn: async () => {
    // /var/tmp rather than /tmp, which may be a tmpfs, where chattr +i is not supported.
    const work = await Deno.makeTempDir({ dir: "/var/tmp", prefix: "tokenomics-slurm-" });
    const blocked = join(work, "failing", "shards", "2");
    try {
      const up = await deno(["task", "slurm", "up"]);
      assertEquals(up.code, 0, up.stderr);
      const again = await deno(["task", "slurm", "up"]);
      assertMatch(again.stderr, /already up/);

      const single = await deno(["task", "sim", "honey", ...HONEY_SWEEP, "--out", join(work, "single")]);
      assertEquals(single.code, 0, single.stderr);

      const submit = (out: string) =>
        deno(["task", "slurm", "submit", "honey", ...HONEY_SWEEP, "--shards", "4", "--out", out, "--wait"]);
      const sharded = await submit(join(work, "sharded"));
      assertEquals(sharded.code, 0, sharded.stderr);
      assertMatch(sharded.stdout, /^array job \d+ \(shards 0,1,2,3\), merge job \d+/);
      const files = await assertSameDataset(join(work, "single"), join(work, "sharded"));

      // Shard 2's output folder exists and cannot be replaced: that task fails after computing its rows.
      await Deno.mkdir(blocked, { recursive: true });
      await immutable(blocked, true);
      const failing = await submit(join(work, "failing"));
      assertEquals(failing.code, 1, failing.stderr);
      assertMatch(failing.stderr, /^slurm: shard 2 failed: FAILED /m);
      assert(!/^slurm: shard [013] failed/m.test(failing.stderr), failing.stderr);
      assertMatch(failing.stderr, /merge job \d+ ended CANCELLED/);
      const command = failing.stderr.match(
        /resubmit only the failed shards with: deno (task slurm resubmit .*)$/m,
      );
      assert(command, failing.stderr);
      assertEquals(command[1], `task slurm resubmit ${join(work, "failing")} --indices 2`);

      await immutable(blocked, false);
      const retried = await deno([...command[1].split(" "), "--wait"]);
      assertEquals(retried.code, 0, retried.stderr);
      assertMatch(retried.stdout, /^array job \d+ \(shards 2\), merge job \d+/);
      await assertSameDataset(join(work, "single"), join(work, "failing"));

      const took = (r: { stderr: string; seconds: number }) => {
        const merged = r.stderr.match(
          /merged .* (\d+\.\d) s after submission \(shards done after (\d+\.\d) s\)/,
        );
        return merged ? `${merged[1]} s (shards ${merged[2]} s)` : `${r.seconds.toFixed(1)} s`;
      };
      console.log(
        `SLURM timings: up ${up.seconds.toFixed(1)} s; single machine ${single.seconds.toFixed(1)} s; ` +
          `4-task array submit → merged ${took(sharded)}; failing run reported after ` +
          `${failing.seconds.toFixed(1)} s; resubmitted shard → merged ${took(retried)}; ` +
          `identical: ${files.join(", ")}`,
      );
    } finally {
      await immutable(blocked, false);
      const down = await deno(["task", "slurm", "down"]);
      await Deno.remove(work, { recursive: true });
      assertEquals(down.code, 0, down.stderr);
    }
  },
});
