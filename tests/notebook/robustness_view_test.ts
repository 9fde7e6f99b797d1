/** The robustness figure: the margin chart when a verdict has a spread, else a note naming each verdict. */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { atLeast, claim, notTestable } from "@lib/notebook/claims.ts";
import { Html } from "@lib/notebook/display.ts";
import { robustnessView } from "@lib/notebook/robustness_view.ts";
import { Chart } from "@lib/plot/dom.ts";

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

Deno.test("robustness view: deterministic verdicts get a note with each verdict, not an empty chart", () => {
  const view = robustnessView([exact, untestable]);
  assert(view instanceof Html);
  assertStringIncludes(view.html, "None of the 1 tested verdicts varies from run to run");
  assertStringIncludes(view.html, "Exact one: holds, exact, the same in every run.");
  assertEquals(view.html.includes("Not this one"), false);
});

Deno.test("robustness view: a verdict with a spread gets the margin chart", () => {
  const spread = claim({
    ...base,
    id: "spread",
    title: "With a spread",
    criterion: atLeast(5),
    measured: { value: 7, unit: "" },
    evidence: { values: [6, 6.5, 7, 7.5, 8] },
    expected: "holds",
  });
  assert(robustnessView([exact, spread]) instanceof Chart);
});
