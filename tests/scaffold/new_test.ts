/**
 * `deno task new` end to end, as a newcomer runs it, in a copy of the project (its tracked and new files,
 * with this checkout's node_modules linked in): the names it refuses and that a refusal writes nothing;
 * that it writes exactly the files README.md's "Adding a model" lists plus the registry line; and that the
 * models it writes pass `deno task check` and their tests, run with `deno task sim` at their defaults, and
 * (where Jupyter is installed, as in the full suite) render with their verdict counts in the report index.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { verdictCountsHtml } from "@lib/report/verdicts.ts";
import { registryLines } from "@lib/scaffold/registry.ts";
import type { ModelKind } from "@lib/scaffold/templates.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const JUPYTER = "/usr/bin/jupyter";

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `deno <args>` in `cwd`, as a user types it (tasks with their own flags). */
async function deno(cwd: string, ...args: string[]): Promise<Ran> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout).trim(), stderr: text.decode(out.stderr).trim() };
}

const tail = (ran: Ran) => `${ran.stdout.slice(-3000)}\n${ran.stderr.slice(-3000)}`;

/** The project's tracked and untracked (not ignored) files, copied into a new folder. */
async function copyProject(): Promise<string> {
  const listed = await new Deno.Command("git", {
    args: ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    cwd: ROOT,
    stdout: "piped",
  }).output();
  assert(listed.success, "git ls-files failed");
  const copy = await Deno.makeTempDir({ prefix: "scaffold-" });
  for (const path of new TextDecoder().decode(listed.stdout).split("\0").filter((p) => p !== "")) {
    if (!existsSync(join(ROOT, path))) continue; // deleted in the working copy, not yet in git
    await Deno.mkdir(dirname(join(copy, path)), { recursive: true });
    await Deno.copyFile(join(ROOT, path), join(copy, path));
  }
  await Deno.symlink(join(ROOT, "node_modules"), join(copy, "node_modules"));
  return copy;
}

/** Every file under `dir` (links not followed) by path, with its text. */
async function tree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (sub: string): Promise<void> => {
    for await (const entry of Deno.readDir(join(dir, sub))) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile) files.set(path, await Deno.readTextFile(join(dir, path)));
    }
  };
  await walk("");
  return files;
}

/** The section "Adding a model" of README.md. */
function addingAModel(): string {
  const readme = Deno.readTextFileSync(join(ROOT, "README.md"));
  const section = readme.split(/^## /m).find((s) => s.startsWith("Adding a model\n"));
  assert(section, "README.md has no section 'Adding a model'");
  return section;
}

/**
 * The files the README says the scaffold writes for a model `name` of this kind: its list items that open
 * with a path in backticks, followed by "(state-update only)" or "(`--agents` only)" when one kind has it.
 */
function readmeFiles(kind: ModelKind, name: string): string[] {
  const files: string[] = [];
  for (
    const [, path, only] of addingAModel().matchAll(/^- `([^`]+)`(?: \((state-update|`--agents`) only\))?:/gm)
  ) {
    if (only === undefined || only === (kind === "state" ? "state-update" : "`--agents`")) {
      files.push(path.replaceAll("<name>", name));
    }
  }
  return files.sort();
}

/** What changed from `before` to `after`: paths added, and paths whose text changed. */
function changes(before: Map<string, string>, after: Map<string, string>) {
  const added = [...after.keys()].filter((path) => !before.has(path)).sort();
  const changed = [...before.keys()].filter((path) =>
    after.has(path) && after.get(path) !== before.get(path)
  );
  const removed = [...before.keys()].filter((path) => !after.has(path));
  return { added, changed, removed };
}

Deno.test("deno task new: the README's files, a working model of each kind, its verdicts in the index", async (t) => {
  const copy = await copyProject();
  try {
    await t.step("refusals: one line, exit code 2, nothing written", async () => {
      const before = await tree(copy);
      const refusals: [string[], string][] = [
        [[], "give the new model's name"],
        [["Demo"], "'Demo' is not a model name"],
        [["my-model"], "'my-model' is not a model name"],
        [["2fast"], "'2fast' is not a model name"],
        [["a".repeat(21)], `'${"a".repeat(21)}' is not a model name`],
        [["honey"], "'honey' is registered already in lib/models/index.ts"],
        [["new"], "'new' is a reserved word"],
        [["index"], "'index' is taken"],
        [["supply"], "'supply' is a word the generated code already uses"],
        [["demo", "--agent"], "unknown option --agent"],
        [["demo", "other"], "one name at a time"],
      ];
      for (const [args, message] of refusals) {
        const ran = await deno(copy, "task", "-q", "new", ...args);
        const shown = `deno task new ${args.join(" ")}`;
        assertEquals(ran.code, 2, `${shown}: ${tail(ran)}`);
        assertEquals(ran.stderr.split("\n").length, 1, `${shown}: ${ran.stderr}`);
        assertStringIncludes(ran.stderr, `new: ${message}`, `${shown}: ${ran.stderr}`);
      }
      assertEquals(changes(before, await tree(copy)), { added: [], changed: [], removed: [] });
    });

    for (const [name, kind] of [["demo", "state"], ["demo2", "agents"]] as const) {
      await t.step(
        `deno task new ${name}${kind === "agents" ? " --agents" : ""} writes the README's files`,
        async () => {
          const before = await tree(copy);
          const ran = await deno(copy, "task", "-q", "new", name, ...(kind === "agents" ? ["--agents"] : []));
          assertEquals(ran.code, 0, tail(ran));
          const { added, changed, removed } = changes(before, await tree(copy));
          assertEquals(added, readmeFiles(kind, name), "the files written are those README.md lists");
          assertEquals(changed, ["lib/models/index.ts"]);
          assertEquals(removed, []);
          const { entry } = registryLines(name, kind);
          assertStringIncludes(await Deno.readTextFile(join(copy, "lib/models/index.ts")), `\n${entry}\n`);
          assertStringIncludes(addingAModel(), `\`${registryLines("<name>", kind).entry.trim()}\``);
        },
      );
    }

    await t.step("a second time, a name is refused as taken and nothing is written", async () => {
      const before = await tree(copy);
      for (const args of [["demo"], ["demo2", "--agents"], ["demo2"]]) {
        const ran = await deno(copy, "task", "-q", "new", ...args);
        assertEquals(ran.code, 2, tail(ran));
        assertStringIncludes(ran.stderr, "is registered already in lib/models/index.ts");
      }
      assertEquals(changes(before, await tree(copy)), { added: [], changed: [], removed: [] });
    });

    await t.step("deno task check passes (format without a cache, lint, types)", async () => {
      const ran = await deno(copy, "task", "check");
      assertEquals(ran.code, 0, tail(ran));
    });

    await t.step("the new models' tests pass", async () => {
      const ran = await deno(copy, "test", "-A", "tests/models/demo/", "tests/models/demo2/");
      assertEquals(ran.code, 0, tail(ran));
      assertStringIncludes(ran.stdout, "0 failed");
    });

    await t.step("deno task sim runs each at its defaults and writes its tables", async () => {
      const expected = {
        demo: { timeseries: 10 * 201 }, // 10 runs of 200 steps and the start
        demo2: { timeseries: 10 * 201, agents: 10 * 100 }, // and 100 holders at the end of each run
      };
      for (const [name, tables] of Object.entries(expected)) {
        const ran = await deno(copy, "task", "-q", "sim", name);
        assertEquals(ran.code, 0, tail(ran));
        const manifest = JSON.parse(await Deno.readTextFile(join(copy, "data/out", name, "manifest.json")));
        const rows = Object.fromEntries(
          manifest.files.map((f: { file: string; rows: number }) => [f.file.replace(/\.csv$/, ""), f.rows]),
        );
        assertEquals(rows, tables, name);
      }
    });

    await t.step({
      name: "the notebooks render, every code cell with its output, and the index shows their verdict counts",
      ignore: !existsSync(JUPYTER),
      fn: async () => {
        const out = join(copy, "data/reports");
        const notebooks = "notebooks/demo.ipynb,notebooks/demo2.ipynb";
        const ran = await deno(copy, "task", "-q", "report", "--notebooks", notebooks, "--out", out);
        assertEquals(ran.code, 0, tail(ran));
        const index = await Deno.readTextFile(join(out, "index.html"));
        for (const stem of ["demo", "demo2"]) {
          const entry = index.match(new RegExp(`<li><a class="report" href="${stem}\\.html">.*?</li>`, "s"));
          assert(entry, `index.html lists ${stem}.html`);
          assertStringIncludes(entry[0], verdictCountsHtml({ holds: 1, fails: 0, untestable: 0 }), stem);
          const executed = JSON.parse(await Deno.readTextFile(join(out, `${stem}.ipynb`)));
          for (const cell of executed.cells) {
            if (cell.cell_type !== "code" || cell.metadata.tags?.includes("no-output")) continue;
            assert(cell.outputs.length > 0, `${stem}: a code cell has no output: ${cell.source.join("")}`);
          }
        }
      },
    });
  } finally {
    await Deno.remove(join(copy, "node_modules")); // the link, not this checkout's modules
    await Deno.remove(copy, { recursive: true });
  }
});
