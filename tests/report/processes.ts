// Processes as /proc shows them, for tests that check what a killed report leaves running: which processes
// descend from one, and whether they are still alive. A process is named by its pid and its start time,
// so a pid reused by a later process is not mistaken for it.

export interface Process {
  pid: number;
  ppid: number;
  /** Process group: a terminal's Ctrl-C signals its foreground group. */
  pgid: number;
  /** In clock ticks since boot: with the pid, names the process. */
  startTime: string;
  command: string;
}

/** Every process now running (zombies excluded), as far as /proc lets us read them. */
export async function listProcesses(): Promise<Process[]> {
  const found: Process[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const process = await readProcess(Number(entry.name));
    if (process) found.push(process);
  }
  return found;
}

/** `root` and every process below it, parents before children. */
export function withDescendants(processes: Process[], root: number): Process[] {
  const tree = processes.filter((process) => process.pid === root);
  for (let i = 0; i < tree.length; i++) {
    tree.push(...processes.filter((process) => process.ppid === tree[i].pid));
  }
  return tree;
}

/** Whether the process still runs: its pid exists, started at the same time, and is not a zombie. */
export async function isAlive(process: Process): Promise<boolean> {
  return (await readProcess(process.pid))?.startTime === process.startTime;
}

/**
 * Checks `condition` until it holds, between checks letting other work run; fails with `what` once
 * `timeoutMs` have passed without it holding. The wait between checks is only how often to look.
 */
export async function pollUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readProcess(pid: number): Promise<Process | undefined> {
  let stat: string, command: string;
  try {
    stat = await Deno.readTextFile(`/proc/${pid}/stat`);
    command = (await Deno.readTextFile(`/proc/${pid}/cmdline`)).replaceAll("\0", " ").trim();
  } catch {
    return undefined; // Gone meanwhile, or not ours to read.
  }
  // "pid (command name) state ppid pgid ...": the name may hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z") return undefined;
  return {
    pid,
    ppid: Number(fields[1]),
    pgid: Number(fields[2]),
    startTime: fields[19],
    command,
  };
}
