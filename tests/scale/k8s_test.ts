/**
 * `deno task k8s manifest`: the Jobs' structure, argument quoting, refusals, and the pods' commands run
 * here as the kubelet would run them (index in JOB_COMPLETION_INDEX, the volume a temporary folder).
 */
import { assert, assertEquals, assertMatch } from "@std/assert";
import { join } from "node:path";
import { toYaml } from "@lib/scale/k8s.ts";
import { parseYamlStream } from "./mini_yaml.ts";
import { assertSameDataset, deno, HONEY_SWEEP } from "./helpers.ts";

// deno-lint-ignore no-explicit-any
type Doc = any;

async function manifest(...args: string[]): Promise<Doc[]> {
  const r = await deno(["task", "k8s", "manifest", ...args]);
  assertEquals(r.code, 0, r.stderr);
  return parseYamlStream(r.stdout) as Doc[];
}

Deno.test("k8s manifest: an Indexed Job of N shards on the claim, then a merge Job", async () => {
  const [shards, merge] = await manifest("honey", ...HONEY_SWEEP, "--shards", "6", "--image", "reg/t:1");
  assertEquals(shards.kind, "Job");
  assertEquals(shards.metadata.name, "tokenomics-honey-shards");
  assertEquals(shards.spec.completionMode, "Indexed");
  assertEquals(shards.spec.completions, 6);
  assertEquals(shards.spec.parallelism, 4, "parallelism defaults to min(N, 4)");
  assertEquals(shards.spec.backoffLimitPerIndex, 2);
  const pod = shards.spec.template.spec;
  assertEquals(pod.restartPolicy, "Never");
  assertEquals(pod.volumes, [{ name: "data", persistentVolumeClaim: { claimName: "tokenomics-data" } }]);
  const [shard] = pod.containers;
  assertEquals(shard.image, "reg/t:1");
  assertEquals(shard.volumeMounts, [{ name: "data", mountPath: "/data" }]);
  assertEquals(shard.command, ["deno"]);
  assertEquals(shard.args, [
    "task",
    "sim",
    "honey",
    ...HONEY_SWEEP,
    "--shard",
    "$(JOB_COMPLETION_INDEX)/6",
    "--out",
    "/data/honey",
  ]);
  assert(shard.env.some((e: Doc) => e.name === "JOB_COMPLETION_INDEX"), "the index variable is declared");
  assertEquals(merge.metadata.name, "tokenomics-honey-merge");
  assertEquals(merge.spec.completions, undefined);
  assertEquals(merge.spec.template.spec.containers[0].args, ["task", "merge", "/data/honey"]);
  assertEquals(merge.spec.template.spec.volumes, pod.volumes);

  const [custom] = await manifest(
    "honey",
    "--shards",
    "3",
    "--image",
    "x",
    "--parallelism",
    "2",
    "--pvc",
    "runs-claim",
    "--out",
    "a/b",
    "--name",
    "h1",
    "--retries",
    "0",
  );
  assertEquals(custom.metadata.name, "h1-shards");
  assertEquals(custom.spec.parallelism, 2);
  assertEquals(custom.spec.backoffLimitPerIndex, 0);
  assertEquals(custom.spec.template.spec.volumes[0].persistentVolumeClaim.claimName, "runs-claim");
  assertEquals(custom.spec.template.spec.containers[0].args.slice(-3), [
    "$(JOB_COMPLETION_INDEX)/3",
    "--out",
    "/data/a/b",
  ]);
});

Deno.test("k8s manifest: strings survive YAML whatever they hold", () => {
  const awkward = [
    'say "hi"',
    "#not a comment",
    "yes",
    "1.0",
    "a: b",
    "- c",
    "line\nbreak",
    "\u0085\u2028",
    "$(X)",
  ];
  const [parsed] = parseYamlStream(
    toYaml({ args: awkward, nested: [{ k: "v", m: { n: [] } }] }, "").join("\n"),
  );
  assertEquals(parsed, { args: awkward, nested: [{ k: "v", m: { n: [] } }] });
});

Deno.test("k8s manifest: bad input is one line and exit 2", async () => {
  for (
    const [args, message] of [
      [["honey", "--image", "x"], /--shards is required/],
      [["honey", "--shards", "0", "--image", "x"], /--shards must be a whole number/],
      [["honey", "--shards", "2"], /--image IMAGE is required/],
      [["honey", "--shards", "2", "--image", "x", "--parallelism", "3"], /--parallelism must be/],
      [["honey", "--shards", "2", "--image", "x", "--out", "../up"], /--out must be a folder inside/],
      [["honey", "--shards", "2", "--image", "x", "--name", "Bad_Name"], /--name must be/],
      [["honey", "--shards", "2", "--image", "x", "--shard", "1/2"], /--shard is set for each job/],
      [["nomodel", "--shards", "2", "--image", "x"], /nomodel/],
      [["honey", "--shards", "2", "--image", "x", "--sweep", "nosuch=1,2"], /nosuch/],
    ] as const
  ) {
    const r = await deno(["task", "k8s", "manifest", ...args]);
    assertEquals(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    const lines = r.stderr.trim().split("\n").filter((l) => !l.startsWith("Task "));
    assertEquals(lines.length, 1, r.stderr);
    assertMatch(lines[0], /^k8s: error: /);
    assertMatch(lines[0], message);
  }
});

/** The kubelet's expansion of command and args: `$(NAME)` from the container's env, `$$` to `$`. */
function expand(arg: string, env: Record<string, string>): string {
  return arg.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name) => m === "$$" ? "$" : env[name] ?? m);
}

Deno.test("k8s manifest: the pods' commands, run here, give the unsharded run's dataset", async () => {
  const volume = await Deno.makeTempDir({ prefix: "tokenomics-k8s-" });
  try {
    const [shards, merge] = await manifest("honey", ...HONEY_SWEEP, "--shards", "3", "--image", "x");
    // What the volume mount does: /data in the pod is this folder here.
    const mounted = (arg: string) => arg.replace(/^\/data\//, `${volume}/`);
    const runPod = (container: Doc, env: Record<string, string>) =>
      deno(container.args.map((a: string) => mounted(expand(a, env))), env);
    const shard = shards.spec.template.spec.containers[0];
    for (let index = 0; index < shards.spec.completions; index++) {
      const r = await runPod(shard, { JOB_COMPLETION_INDEX: String(index) });
      assertEquals(r.code, 0, `index ${index}: ${r.stderr}`);
    }
    const merged = await runPod(merge.spec.template.spec.containers[0], {});
    assertEquals(merged.code, 0, merged.stderr);
    const single = await deno(["task", "sim", "honey", ...HONEY_SWEEP, "--out", join(volume, "single")]);
    assertEquals(single.code, 0, single.stderr);
    await assertSameDataset(join(volume, "single"), join(volume, "honey"));
  } finally {
    await Deno.remove(volume, { recursive: true });
  }
});
