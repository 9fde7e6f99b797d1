/**
 * Putting a new model's files in (lib/scaffold/install.ts): all or nothing, in a temporary project of a
 * few files — written and registered, or, on any failure, the project as it was and no staging left.
 */
import { assertEquals, assertRejects } from "@std/assert";
import { join } from "node:path";
import { install } from "@lib/scaffold/install.ts";

/** A project with a registry and one model, and what `fn` does to it: every file's text by path. */
async function inProject(fn: (root: string) => Promise<void>): Promise<Record<string, string>> {
  const root = await Deno.makeTempDir({ prefix: "install-" });
  try {
    await Deno.mkdir(join(root, "lib/models/old"), { recursive: true });
    await Deno.writeTextFile(join(root, "lib/models/old/model.ts"), "old model\n");
    await Deno.writeTextFile(join(root, "lib/models/index.ts"), "registry\n");
    await fn(root);
    return await files(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

/** Every file's text by path, and every folder as "(folder)", so that a folder left behind shows. */
async function files(root: string, sub = ""): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for await (const entry of Deno.readDir(join(root, sub))) {
    const path = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory) Object.assign(found, { [path]: "(folder)" }, await files(root, path));
    else found[path] = await Deno.readTextFile(join(root, path));
  }
  return found;
}

const BEFORE = {
  "lib": "(folder)",
  "lib/models": "(folder)",
  "lib/models/index.ts": "registry\n",
  "lib/models/old": "(folder)",
  "lib/models/old/model.ts": "old model\n",
};
const NEW_FILES = [
  { path: "lib/models/new/model.ts", text: "new model\n" },
  { path: "lib/models/new/params.ts", text: "new params\n" },
  { path: "notebooks/new.ipynb", text: "{}\n" },
];
const OWNED = ["lib/models/new", "notebooks/new.ipynb"];
const REGISTRY = { path: "lib/models/index.ts", text: "registry with new\n" };

Deno.test("the files are written, new folders made, and the registry replaced", async () => {
  const after = await inProject((root) => install(root, NEW_FILES, OWNED, REGISTRY));
  assertEquals(after, {
    ...BEFORE,
    "lib/models/index.ts": "registry with new\n",
    "lib/models/new": "(folder)",
    "lib/models/new/model.ts": "new model\n",
    "lib/models/new/params.ts": "new params\n",
    "notebooks": "(folder)",
    "notebooks/new.ipynb": "{}\n",
  });
});

Deno.test("a path the model would own that exists already: refused, nothing written", async () => {
  const after = await inProject(async (root) => {
    await assertRejects(
      () => install(root, NEW_FILES, ["lib/models/old", ...OWNED], REGISTRY),
      Error,
      "exists",
    );
  });
  assertEquals(after, BEFORE);
});

Deno.test("a failure after files were moved in (the registry cannot be replaced) takes them back", async () => {
  const after = await inProject(async (root) => {
    const nowhere = { path: "lib/missing/index.ts", text: "registry\n" };
    await assertRejects(() => install(root, NEW_FILES, OWNED, nowhere), Deno.errors.NotFound);
  });
  assertEquals(after, BEFORE);
});

Deno.test("a file outside the folders the model owns is refused before anything is written", async () => {
  const after = await inProject(async (root) => {
    const stray = [...NEW_FILES, { path: "lib/models/old/extra.ts", text: "stray\n" }];
    await assertRejects(
      () => install(root, stray, OWNED, REGISTRY),
      Error,
      "lib/models/old/extra.ts is outside",
    );
  });
  assertEquals(after, BEFORE);
});
