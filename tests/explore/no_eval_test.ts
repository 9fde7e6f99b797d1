/**
 * Where code may not be generated from text (a page whose policy has no 'unsafe-eval', as every explorer
 * page and report has), the engine finds it out (codeGenerationAllowed) and runs its generic path, with
 * the numbers of the generated one: V8's --disallow-code-generation-from-strings refuses `new Function`
 * as such a policy does.
 */
import { assertEquals } from "@std/assert";
import { engineColumns } from "./fixtures/engine_columns.ts";

Deno.test("without code generation the engine runs its generic path, to the same numbers", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--v8-flags=--disallow-code-generation-from-strings",
      new URL("./fixtures/engine_columns.ts", import.meta.url).pathname,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
  const refused = JSON.parse(new TextDecoder().decode(out.stdout));
  assertEquals(refused.allowed, false);
  const generated = engineColumns({ generateCode: true });
  assertEquals(Object.keys(refused.columns), ["honey", "bostrom", "gonka"]);
  assertEquals(refused.columns, generated);
});
