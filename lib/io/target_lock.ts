/** The lock that refuses a second writer of the same output folder. */
import { clip } from "../engine/quote.ts";
import { DatasetError, reason } from "./dataset_error.ts";

/**
 * The lock beside a target: an advisory lock (flock) on `<target>.lock`, held through the open file. The
 * operating system releases it when the process ends, however it ends (SIGKILL included), so a held lock
 * always means a live writer: no process table is consulted (reading `/proc` needs more than the `sim`
 * task's permissions) and no lock is ever stale. The file's text only says who holds it, for the message
 * that refuses a second writer; the file is removed on release, and one left by a killed run is locked
 * again by the next.
 */
export class TargetLock {
  private constructor(readonly path: string, readonly file: Deno.FsFile) {}

  /** Takes the lock beside `target`, or throws a DatasetError saying who holds it. */
  static take(target: string): TargetLock {
    const path = `${target}.lock`;
    const holder = new TextEncoder().encode(`pid ${Deno.pid} on ${Deno.hostname()}`);
    // A holder releasing the lock removes the file: one opened just before may be gone from its path, or
    // replaced by another writer's, by the time it is locked. Then it is opened again.
    for (let attempt = 0; attempt < 10; attempt++) {
      let file: Deno.FsFile;
      try {
        file = Deno.openSync(path, { read: true, write: true, create: true });
      } catch (e) {
        throw new DatasetError(`cannot write beside ${clip(target, 200)}: ${reason(e)}`);
      }
      let locked: boolean;
      try {
        locked = file.tryLockSync(true);
      } catch (e) {
        file.close();
        throw new DatasetError(`cannot lock ${clip(path, 200)}: ${reason(e)}`);
      }
      if (!locked) {
        file.close();
        throw new DatasetError(
          `another run ${holderOf(path)}is writing ${clip(target, 200)}; wait for it to end or stop it`,
        );
      }
      if (isAt(file, path)) {
        file.truncateSync(0);
        for (let n = 0; n < holder.length;) n += file.writeSync(holder.subarray(n));
        return new TargetLock(path, file);
      }
      file.close();
    }
    throw new DatasetError(`cannot take the lock ${clip(path, 200)}: it keeps being replaced`);
  }

  /** Removes the lock file (if it is still this lock's) and releases the lock. Synchronous: signal-safe. */
  release(): void {
    try {
      if (isAt(this.file, this.path)) Deno.removeSync(this.path);
    } catch { /* already gone */ }
    this.file.close();
  }
}

/** Whether the open `file` is the one at `path` (not removed, nor replaced by another). */
function isAt(file: Deno.FsFile, path: string): boolean {
  const open = file.statSync();
  try {
    const there = Deno.statSync(path);
    return there.ino === open.ino && there.dev === open.dev;
  } catch {
    return false;
  }
}

/**
 * Who holds a lock, as its file says, for a message: `(pid 12 on host) `, or nothing when the file says
 * nothing yet (its holder has just taken the lock) or no longer exists (its holder has just released it).
 */
function holderOf(path: string): string {
  let text = "";
  try {
    text = Deno.readTextFileSync(path).trim();
  } catch { /* released this instant */ }
  return text === "" ? "" : `(${clip(text, 200)}) `;
}
