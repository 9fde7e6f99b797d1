/** The robustness note of a model without spreads: each verdict named with its robustness; a spread refused. */
import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { atLeast, claim, notTestable } from "@lib/notebook/claims.ts";
import { robustnessNote } from "@lib/notebook/robustness_note.ts";

const base = { where: "README", quote: "at least 5", reason: "the document's number", quantity: "x" };
const exact = claim({
  ...base,
  id: "exact",
  title: "Exact one",
  criterion: atLeast(5),
  measured: { value: 7, unit: "" },
  expected: "holds",
});
const untestable = notTestable({ ...base, id: "no", title: "Not this one", expected: "not testable here" });

Deno.test("robustness note: each tested verdict named with its robustness, the untestable left out", () => {
  const view = robustnessNote([exact, untestable]);
  assertStringIncludes(view.html, "None of the 1 tested verdicts varies from run to run");
  assertStringIncludes(view.html, "Exact one: holds, exact, the same in every run.");
  assertEquals(view.html.includes("Not this one"), false);
});

Deno.test("robustness note: a verdict with a spread is refused, since it has a margin to chart", () => {
  const spread = claim({
    ...base,
    id: "spread",
    title: "With a spread",
    criterion: atLeast(5),
    measured: { value: 7, unit: "" },
    evidence: { values: [6, 6.5, 7, 7.5, 8] },
    expected: "holds",
  });
  assertThrows(() => robustnessNote([exact, spread]), Error, "claim 'spread' has a margin to chart");
});
