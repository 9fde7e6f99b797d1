/**
 * `deno task slurm up|down`: a single-node SLURM cluster on this machine from Debian's slurm-wlm, to run
 * and test the SLURM path without a real cluster. Needs root. The daemons run as plain background
 * processes (these machines have no systemd); their PIDs, logs, sockets and state live under STATE_DIR,
 * which `down` removes together with the slurm.conf that `up` wrote.
 */
import { join } from "node:path";
import { ensureSlurm, PackageError } from "../system/packages.ts";
import { isFile } from "../io/files.ts";
import { run, runOk, ScaleError } from "./command.ts";

/** Under /run so that a reboot, which ends the daemons, also forgets their PIDs. */
export const STATE_DIR = "/run/tokenomics-slurm";
export const SLURM_CONF = "/etc/slurm/slurm.conf";
/** First line of the slurm.conf written here: `up` only ever replaces, and `down` only removes, that file. */
const MARKER =
  "# Written by `deno task slurm up` (lib/scale/slurm_local.ts); `deno task slurm down` removes it.";
/** Where the jobs' final states and exit codes are logged, one line per job or array task. */
const JOBCOMP_LOG = join(STATE_DIR, "jobcomp.log");
const PARTITION = "debug";

const MUNGE_DIR = join(STATE_DIR, "munge");
const MUNGE_SOCKET = join(MUNGE_DIR, "munge.socket");
const MUNGE_KEY = "/etc/munge/munge.key";

/** In start order; stopped in reverse, so that no daemon loses the one it talks to while it still runs. */
const DAEMONS = ["munged", "slurmctld", "slurmd"] as const;
type Daemon = typeof DAEMONS[number];

/** setpriv arguments that run a program as munge, which owns the key and the daemon's files. */
const AS_MUNGE = ["--reuid=munge", "--regid=munge", "--init-groups"];

function requireRoot(what: string): void {
  if (Deno.uid() !== 0) throw new ScaleError(`${what} needs root: it starts munged, slurmctld and slurmd`);
}

/** Starts the cluster, installing slurm-wlm first when it is missing; says so when it is already up. */
export async function slurmUp(say: (line: string) => void): Promise<void> {
  // Installing comes first so that, without root, the one line says which package is missing.
  try {
    await ensureSlurm();
  } catch (error) {
    if (error instanceof PackageError) throw new ScaleError(error.message);
    throw error;
  }
  requireRoot("slurm up");
  const host = await nodeName();
  const alive = await liveDaemons();
  if (alive.length === DAEMONS.length && await nodeState(host) === "idle") {
    say(`slurm is already up: node ${host} idle in partition ${PARTITION}`);
    return;
  }
  await refuseForeignConf();
  if (alive.length > 0) {
    say(`slurm was partly up (${alive.join(", ")}); restarting it`);
    await stopDaemons();
  }
  const started = performance.now();
  await prepareStateDir();
  await Deno.writeTextFile(`${SLURM_CONF}.tmp`, slurmConf(host, await nodeLine()));
  await Deno.rename(`${SLURM_CONF}.tmp`, SLURM_CONF);
  try {
    await start("munged", [
      "setpriv",
      ...AS_MUNGE,
      "/usr/sbin/munged",
      "-F",
      `--socket=${MUNGE_SOCKET}`,
      `--pid-file=${join(MUNGE_DIR, "munged.pid")}`,
      `--seed-file=${join(MUNGE_DIR, "munged.seed")}`,
    ]);
    await until("munged", () => isSocket(MUNGE_SOCKET), 10_000);
    await start("slurmctld", ["/usr/sbin/slurmctld", "-D"]);
    await start("slurmd", ["/usr/sbin/slurmd", "-D", "-N", host]);
    await until("slurmd", async () => await nodeState(host) === "idle", 30_000);
  } catch (error) {
    await stopDaemons();
    await removeOwnFiles();
    throw error;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  say(
    `slurm is up in ${seconds} s: node ${host} idle in partition ${PARTITION}; stop it with deno task slurm down`,
  );
}

/** Cancels every job, stops the daemons and removes what `up` wrote; says so when nothing was up. */
export async function slurmDown(say: (line: string) => void): Promise<void> {
  requireRoot("slurm down");
  const alive = await liveDaemons();
  if (alive.length === 0 && !(await exists(STATE_DIR)) && !(await ownsConf())) {
    say("slurm is not up; nothing to stop");
    return;
  }
  if (alive.includes("slurmctld")) await cancelAllJobs();
  await stopDaemons();
  await removeOwnFiles();
  say(`slurm is down (stopped ${alive.length > 0 ? alive.join(", ") : "nothing: no daemon was running"})`);
}

/** The node as slurmd sees itself: the NodeName=... line of `slurmd -C`, which slurm.conf must match. */
async function nodeLine(): Promise<string> {
  const line = (await runOk("/usr/sbin/slurmd", ["-C"])).split("\n").find((l) => l.startsWith("NodeName="));
  if (line === undefined) throw new ScaleError("slurmd -C printed no NodeName= line");
  return line.trim();
}

async function nodeName(): Promise<string> {
  return (await nodeLine()).split(/\s+/)[0].slice("NodeName=".length);
}

function slurmConf(host: string, node: string): string {
  return [
    MARKER,
    "ClusterName=tokenomics",
    `SlurmctldHost=${host}(127.0.0.1)`,
    // The whole cluster is this machine's root's; a slurm user would only add ownership to get right.
    "SlurmUser=root",
    "AuthType=auth/munge",
    // Our own munged socket, so that a system munged (if any) is neither used nor disturbed.
    `AuthInfo=socket=${MUNGE_SOCKET}`,
    `StateSaveLocation=${join(STATE_DIR, "ctld")}`,
    `SlurmctldPidFile=${join(STATE_DIR, "ctld", "slurmctld.pid")}`,
    `SlurmdSpoolDir=${join(STATE_DIR, "spool")}`,
    `SlurmdPidFile=${join(STATE_DIR, "spool", "slurmd.pid")}`,
    // Without systemd's cgroup delegation, the cgroup plugins make every job fail to launch while it is
    // still recorded COMPLETED 0:0; these plugins need no cgroups.
    "ProctrackType=proctrack/linuxproc",
    "TaskPlugin=task/none",
    "JobAcctGatherType=jobacct_gather/none",
    "AccountingStorageType=accounting_storage/none",
    // Final state and exit code of every array task, without a database.
    "JobCompType=jobcomp/filetxt",
    `JobCompLoc=${JOBCOMP_LOG}`,
    // Finished jobs stay visible to `scontrol show job` for an hour, long enough to report them.
    "MinJobAge=3600",
    "MailProg=/bin/true",
    // The default batching and backfill intervals make a 32-task array take 40 s instead of about 8 s.
    "SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,bf_interval=1",
    // Allocate cores, not whole nodes, so that array tasks run side by side.
    "SelectType=select/cons_tres",
    "SelectTypeParameters=CR_Core",
    `${node} State=UNKNOWN`,
    `PartitionName=${PARTITION} Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
    "",
  ].join("\n");
}

async function ownsConf(): Promise<boolean> {
  if (!(await isFile(SLURM_CONF))) return false;
  return (await Deno.readTextFile(SLURM_CONF)).split("\n", 1)[0] === MARKER;
}

async function refuseForeignConf(): Promise<void> {
  if (await isFile(SLURM_CONF) && !(await ownsConf())) {
    throw new ScaleError(
      `${SLURM_CONF} exists and was not written by slurm up; move it away first (it is left untouched)`,
    );
  }
}

async function prepareStateDir(): Promise<void> {
  await Deno.remove(STATE_DIR, { recursive: true }).catch(ignoreNotFound);
  for (const dir of ["ctld", "spool", "munge"]) await Deno.mkdir(join(STATE_DIR, dir), { recursive: true });
  // munged refuses a socket directory that others can write to, and runs as munge.
  await Deno.chmod(STATE_DIR, 0o755);
  await runOk("chown", ["munge:munge", MUNGE_DIR]);
  if (!(await isFile(MUNGE_KEY))) await runOk("setpriv", [...AS_MUNGE, "/usr/sbin/mungekey", "--create"]);
}

/**
 * Starts a daemon in the foreground of its own session (so a closing terminal does not hang it up), its
 * output appended to STATE_DIR/<name>.log, and records its PID: `exec` keeps the PID through sh and setsid.
 */
async function start(name: Daemon, argv: string[]): Promise<void> {
  const log = join(STATE_DIR, `${name}.log`);
  const child = new Deno.Command("/bin/sh", {
    args: ["-c", 'exec setsid "$@" >>"$0" 2>&1', log, ...argv],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  child.unref();
  await Deno.writeTextFile(pidFile(name), `${child.pid}\n`);
}

/** Polls `ready` every 100 ms; fails with the daemon's last log lines if a daemon dies or time runs out. */
async function until(name: Daemon, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await ready())) {
    const dead = (await Promise.all(DAEMONS.map(async (d) => [d, await recordedPid(d)] as const)))
      .find(([, pid]) => pid !== undefined && !isRunning(pid));
    if (dead !== undefined) throw new ScaleError(`${dead[0]} exited at start: ${await logTail(dead[0])}`);
    if (performance.now() > deadline) {
      throw new ScaleError(`${name} not ready after ${timeoutMs / 1000} s: ${await logTail(name)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function logTail(name: Daemon): Promise<string> {
  const text = await Deno.readTextFile(join(STATE_DIR, `${name}.log`)).catch(() => "");
  const lines = text.trim().split("\n").filter((l) => l !== "");
  return lines.length === 0 ? "(no output)" : lines.slice(-3).join(" | ");
}

async function nodeState(host: string): Promise<string> {
  const out = await run("sinfo", ["-h", "-N", "-n", host, "-o", "%T"]);
  return out.code === 0 ? out.stdout.trim() : "";
}

/** Cancels every job and waits (up to 10 s) for them to leave, so that no job step outlives slurmd. */
async function cancelAllJobs(): Promise<void> {
  const queued = async () => (await run("squeue", ["-h", "-o", "%F"])).stdout.split("\n").filter((l) => l);
  const ids = [...new Set(await queued())];
  if (ids.length === 0) return;
  await run("scancel", ids);
  const deadline = performance.now() + 10_000;
  while ((await queued()).length > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** SIGTERM, in reverse start order, each daemon this tool recorded; SIGKILL after 10 s. */
async function stopDaemons(): Promise<void> {
  for (const name of [...DAEMONS].reverse()) {
    const pid = await recordedPid(name);
    if (pid === undefined || !isRunning(pid, name)) continue;
    Deno.kill(pid, "SIGTERM");
    const deadline = performance.now() + 10_000;
    while (isRunning(pid, name) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (isRunning(pid, name)) Deno.kill(pid, "SIGKILL");
  }
  const left = await liveDaemons();
  if (left.length > 0) throw new ScaleError(`could not stop ${left.join(", ")}`);
}

async function removeOwnFiles(): Promise<void> {
  if (await ownsConf()) await Deno.remove(SLURM_CONF);
  await Deno.remove(STATE_DIR, { recursive: true }).catch(ignoreNotFound);
}

async function liveDaemons(): Promise<Daemon[]> {
  const alive: Daemon[] = [];
  for (const name of DAEMONS) {
    const pid = await recordedPid(name);
    if (pid !== undefined && isRunning(pid, name)) alive.push(name);
  }
  return alive;
}

function pidFile(name: Daemon): string {
  return join(STATE_DIR, `${name}.pid`);
}

async function recordedPid(name: Daemon): Promise<number | undefined> {
  const text = await Deno.readTextFile(pidFile(name)).catch(() => "");
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/**
 * Whether the process exists and is not a zombie (an exited daemon stays one until init reaps it); with
 * `name`, also whether it is that program, so that a reused PID is never signalled. Without `name` (while
 * starting) the PID may still be sh, setsid or setpriv on its way to exec the daemon.
 */
function isRunning(pid: number, name?: Daemon): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && (name === undefined || comm === name);
  } catch {
    return false;
  }
}

async function isSocket(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isSocket === true;
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

function ignoreNotFound(error: unknown): void {
  if (!(error instanceof Deno.errors.NotFound)) throw error;
}
