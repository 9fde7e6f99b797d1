/**
 * Putting a new model's files into the project all or nothing. The files are written into a staging
 * folder inside the project (the same file system, so that moving them in is a rename), then each new
 * folder or file is moved into place, and the registry is replaced, by a rename, last. A failure on the
 * way removes what was moved in; the registry is only touched once everything else is in place.
 */
import { dirname, join } from "node:path";
import type { GeneratedFile } from "./templates.ts";

/** The first of `paths` (from `root`) that exists already, if any. */
export async function firstExisting(root: string, paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) {
    if (await exists(join(root, path))) return path;
  }
  return undefined;
}

/**
 * Writes `files` (none of which may exist) and replaces the file `registry.path` with `registry.text`.
 * Throws, leaving the project as it was, if anything fails.
 */
export async function install(root: string, files: readonly GeneratedFile[], registry: GeneratedFile) {
  const staging = await Deno.makeTempDir({ dir: root, prefix: ".new-model-" });
  const moved: string[] = [];
  try {
    for (const file of files) {
      await Deno.mkdir(dirname(join(staging, file.path)), { recursive: true });
      await Deno.writeTextFile(join(staging, file.path), file.text);
    }
    const stagedRegistry = join(staging, ".registry");
    await Deno.writeTextFile(stagedRegistry, registry.text);
    for (const path of await newestAncestors(root, files.map((file) => file.path))) {
      // A rename would replace a file that appeared since the caller checked; refuse instead.
      if (await exists(join(root, path))) throw new Error(`${path} appeared while the model was written`);
      await Deno.rename(join(staging, path), join(root, path));
      moved.push(path);
    }
    await Deno.rename(stagedRegistry, join(root, registry.path));
  } catch (error) {
    for (const path of moved.reverse()) await Deno.remove(join(root, path), { recursive: true });
    throw error;
  } finally {
    await Deno.remove(staging, { recursive: true });
  }
}

/**
 * What to move in so that every path exists: for each, its shallowest folder (or itself) that the project
 * does not have yet, each once (`lib/models/demo` for every file under it).
 */
async function newestAncestors(root: string, paths: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const path of paths) {
    const parts = path.split("/");
    for (let depth = 1; depth <= parts.length; depth++) {
      const prefix = parts.slice(0, depth).join("/");
      if (found.has(prefix)) break;
      if (!(await exists(join(root, prefix)))) {
        found.add(prefix);
        break;
      }
    }
  }
  return [...found];
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
