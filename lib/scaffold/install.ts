/**
 * Putting a new model's files into the project all or nothing. The files are written into a staging
 * folder inside the project (the same file system, so that moving them in is a rename), then each folder
 * or file the model owns is moved into place, and the registry is replaced, by a rename, last. A failure on
 * the way removes what was moved in, so the project is left as it was.
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
 * Writes `files`, each under one of the `owned` folders or files (none of which may exist), and replaces
 * the file `registry.path` with `registry.text`. Throws, leaving the project as it was, if anything fails.
 */
export async function install(
  root: string,
  files: readonly GeneratedFile[],
  owned: readonly string[],
  registry: GeneratedFile,
): Promise<void> {
  const stray = files.find((f) => !owned.some((o) => f.path === o || f.path.startsWith(`${o}/`)));
  if (stray) throw new Error(`${stray.path} is outside the new model's folders and files`);
  const staging = await Deno.makeTempDir({ dir: root, prefix: ".new-model-" });
  // What is moved in, and the folders made to hold it, so that a failure can take them back.
  const moved: string[] = [];
  try {
    for (const file of files) {
      await Deno.mkdir(dirname(join(staging, file.path)), { recursive: true });
      await Deno.writeTextFile(join(staging, file.path), file.text);
    }
    const stagedRegistry = join(staging, ".registry");
    await Deno.writeTextFile(stagedRegistry, registry.text);
    for (const path of owned) {
      // A rename would replace a file that appeared since the caller checked; refuse instead.
      if (await exists(join(root, path))) throw new Error(`${path} exists`);
      const folder = await firstMissing(root, dirname(path));
      if (folder !== undefined) {
        await Deno.mkdir(join(root, dirname(path)), { recursive: true });
        moved.push(folder);
      }
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

/** The shallowest folder of the relative path `dir` (itself included) that `root` lacks, if any. */
async function firstMissing(root: string, dir: string): Promise<string | undefined> {
  const parts = dir.split("/");
  for (let depth = 1; depth <= parts.length; depth++) {
    const prefix = parts.slice(0, depth).join("/");
    if (!(await exists(join(root, prefix)))) return prefix;
  }
  return undefined;
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
