/** The names `deno task new` takes and refuses (lib/scaffold/names.ts), each refusal saying why. */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { MAX_NAME_LENGTH, nameProblem, wordsOfGeneratedCode } from "@lib/scaffold/names.ts";

Deno.test("lower-case letters and digits, starting with a letter, up to the longest name", async () => {
  for (const name of ["demo", "bostrom2", "constructor", "x".repeat(MAX_NAME_LENGTH)]) {
    assertEquals(await nameProblem(name, "state"), undefined, name);
    assertEquals(await nameProblem(name, "agents"), undefined, name);
  }
  for (const name of ["", "Demo", "my-model", "my_model", "2fast", "dé", "x".repeat(MAX_NAME_LENGTH + 1)]) {
    assertStringIncludes((await nameProblem(name, "state"))!, `'${name}' is not a model name`);
  }
});

Deno.test("reserved words, the report's index, and the words of the generated code are refused", async () => {
  assertStringIncludes((await nameProblem("class", "state"))!, "reserved word");
  assertStringIncludes((await nameProblem("await", "agents"))!, "reserved word");
  assertStringIncludes((await nameProblem("index", "state"))!, "index.html");
  // `pl` is an import, `settings` a variable of the notebook, `burn` a function of the state-update model.
  for (const name of ["pl", "settings", "burn"]) {
    assertStringIncludes((await nameProblem(name, "state"))!, "a word the generated code already uses", name);
  }
  assertStringIncludes((await nameProblem("holder", "agents"))!, "a word the generated code already uses");
});

Deno.test("the generated code's words: identifiers up to their first capital, comments left out", async () => {
  const words = await wordsOfGeneratedCode("state");
  for (const word of ["pl", "burn", "supply", "run", "final", "claims", "seed"]) {
    assert(words.has(word), word);
  }
  // "papermill" is in a comment of the notebook's parameters cell only; "demo" in no template.
  for (const word of ["papermill", "demo"]) assert(!words.has(word), word);
});
