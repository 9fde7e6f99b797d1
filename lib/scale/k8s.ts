/**
 * `deno task k8s manifest`: one run plan as a Kubernetes Indexed Job, one shard per completion index
 * (`deno task sim ... --shard I/N --out /data/DIR`), then a Job that merges the shards. Every pod mounts
 * one PersistentVolumeClaim at /data, which must be ReadWriteMany when pods land on several nodes.
 */
import { UsageError } from "../system/usage.ts";

const MOUNT = "/data";

export interface K8sJob {
  readonly model: string;
  readonly simArgs: readonly string[];
  readonly shards: number;
  readonly image: string;
  readonly parallelism: number;
  /** Relative to the volume. */
  readonly out: string;
  readonly pvc: string;
  /** Prefix of the two Jobs' names. */
  readonly name: string;
  /** The project root inside the image, where `deno task` finds deno.json. */
  readonly workdir: string;
  /** Retries of each index before it counts as failed. */
  readonly retries: number;
}

/** Checks what Kubernetes would refuse only when the manifest is applied. */
export function checkK8sJob(job: K8sJob): void {
  // Pods of an Indexed Job are named <job>-<index>-<suffix>, and a DNS label holds at most 63 characters.
  if (!/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/.test(job.name)) {
    throw new UsageError(`--name must be lowercase letters, digits and '-', at most 40, got '${job.name}'`);
  }
  if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(job.pvc)) {
    throw new UsageError(`--pvc must be a lowercase DNS name, got '${job.pvc}'`);
  }
  if (!/^\S+$/.test(job.image)) {
    throw new UsageError(`--image must be an image reference, got '${job.image}'`);
  }
  if (!job.workdir.startsWith("/")) throw new UsageError(`--workdir must be absolute, got '${job.workdir}'`);
  if (job.out === "" || job.out.startsWith("/") || job.out.split("/").includes("..")) {
    throw new UsageError(`--out must be a folder inside the volume, without '..', got '${job.out}'`);
  }
}

/** The dataset folder as the pods see it. */
export function volumePath(job: K8sJob): string {
  return `${MOUNT}/${job.out.replace(/\/+$/, "")}`;
}

type Yaml = string | number | readonly Yaml[] | { readonly [key: string]: Yaml };

/**
 * Kubernetes expands `$(NAME)` in command and args from the container's environment and turns `$$` into
 * `$`; doubling every `$` keeps the user's arguments literal.
 */
function literal(arg: string): string {
  return arg.replaceAll("$", () => "$$");
}

function container(job: K8sJob, name: string, args: readonly string[], env: readonly Yaml[] = []): Yaml {
  return {
    name,
    image: job.image,
    workingDir: job.workdir,
    command: ["deno"],
    args: ["task", ...args],
    env: [
      // Colour codes would only clutter the pod logs.
      { name: "NO_COLOR", value: "1" },
      ...env,
    ],
    volumeMounts: [{ name: "data", mountPath: MOUNT }],
  };
}

function jobObject(job: K8sJob, component: string, spec: Record<string, Yaml>, pod: Yaml): Yaml {
  const labels = { "app.kubernetes.io/name": "tokenomics", "app.kubernetes.io/component": component };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: `${job.name}-${component}`, labels },
    spec: {
      ...spec,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: "Never",
          containers: [pod],
          volumes: [{ name: "data", persistentVolumeClaim: { claimName: job.pvc } }],
        },
      },
    },
  };
}

/**
 * The Job controller sets this too (from 1.22); declared here so that $(JOB_COMPLETION_INDEX) in args
 * expands on every version that runs Indexed Jobs.
 */
const INDEX_ENV: Yaml = {
  name: "JOB_COMPLETION_INDEX",
  valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
};

/** The two Jobs as a YAML stream, with a header saying how to apply them in turn. */
export function manifest(job: K8sJob): string {
  const dir = volumePath(job);
  const shardArgs = [
    "sim",
    ...[job.model, ...job.simArgs].map(literal),
    "--shard",
    `$(JOB_COMPLETION_INDEX)/${job.shards}`,
    "--out",
    literal(dir),
  ];
  const shards = jobObject(job, "shards", {
    completionMode: "Indexed",
    completions: job.shards,
    parallelism: job.parallelism,
    // A failing index is retried on its own and does not use up the other indices' retries (1.29+).
    backoffLimitPerIndex: job.retries,
  }, container(job, "shard", shardArgs, [INDEX_ENV]));
  const merge = jobObject(
    job,
    "merge",
    { backoffLimit: job.retries },
    container(job, "merge", ["merge", literal(dir)]),
  );
  const file = `${job.name}.yaml`;
  return [
    `# Written by \`deno task k8s manifest\` (lib/scale/k8s.ts): ${job.model} in ${job.shards} shards`,
    `# into ${dir} on PersistentVolumeClaim ${job.pvc}, then their merge.`,
    `# Jobs cannot wait for one another, so apply them in turn (save this as ${file}):`,
    `#   kubectl apply -f ${file} -l app.kubernetes.io/component=shards`,
    `#   kubectl wait --for=condition=complete --timeout=-1s job/${job.name}-shards`,
    `#   kubectl apply -f ${file} -l app.kubernetes.io/component=merge`,
    `# (it never completes if an index fails every retry; those indices, to rerun with --shard I/N:`,
    `#   kubectl get job ${job.name}-shards -o jsonpath='{.status.failedIndexes}')`,
    "---",
    ...toYaml(shards, ""),
    "---",
    ...toYaml(merge, ""),
    "",
  ].join("\n");
}

/**
 * Block-style YAML of plain data. Every string is double-quoted (JSON's escapes are YAML's too), so no
 * value can be read as a number, a boolean, a comment or more structure.
 */
export function toYaml(value: Yaml, indent: string): string[] {
  if (typeof value !== "object") return [`${indent}${scalar(value)}`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}[]`];
    return (value as readonly Yaml[]).flatMap((item) => {
      const lines = toYaml(item, `${indent}  `);
      return [`${indent}- ${lines[0].trimStart()}`, ...lines.slice(1)];
    });
  }
  const entries = Object.entries(value as Record<string, Yaml>);
  if (entries.length === 0) return [`${indent}{}`];
  return entries.flatMap(([key, item]) => {
    const lines = toYaml(item, `${indent}  `);
    const nested = typeof item === "object" && Object.keys(item).length > 0;
    return nested ? [`${indent}${key}:`, ...lines] : [`${indent}${key}: ${lines[0].trimStart()}`];
  });
}

function scalar(value: string | number): string {
  if (typeof value === "number") return String(value);
  // YAML also wants escaped the C1 controls, DEL and line/paragraph separators, which JSON leaves alone.
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
