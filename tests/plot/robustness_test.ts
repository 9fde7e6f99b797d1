/** The robustness chart: a bar per verdict with a spread, capped; the caption's numbers come from the rows. */
import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { agreementChart, robustnessChart, robustnessFacts } from "@lib/plot/robustness.ts";

const rows = [
  { title: "Supply grows", robustness: { kind: "robust", margin: 7.5, stability: 1 } },
  { title: "Price rises", robustness: { kind: "fragile", margin: 0.12, stability: 0.97 } },
  { title: "Pool refills", robustness: { kind: "fragile", margin: 0.6, stability: 0.74 } },
  { title: "Throttle 9.6 % a year", robustness: { kind: "exact" } },
  { title: "Reserve holds", robustness: { kind: "unresampled", margin: 1.4 } },
  { title: "Needs a price model" },
];

Deno.test("robustness facts: counted by hand from six rows", () => {
  assertEquals(robustnessFacts(rows), {
    drawn: 4,
    exact: 1,
    robust: 1,
    unstable: 1,
    smallest: { title: "Price rises", margin: 0.12 },
  });
});

Deno.test("the chart draws one bar per verdict with a spread, its caption states the facts", () => {
  const chart = robustnessChart(rows);
  const html = chart.html;
  assert((html.match(/<rect/g) ?? []).length >= 4, "four bars");
  assertStringIncludes(html, "Margin of each of 4 verdicts with a spread");
  // The legend names kinds in words: the code's "unresampled" is not one of them.
  assertStringIncludes(html, "stability not measured");
  assert(!html.includes("unresampled"));
  assertStringIncludes(
    html,
    "1 is robust; the smallest margin is 0.12 (Price rises); 1 has a stability under 90 %.",
  );
  assertStringIncludes(html, "1 deterministic value has no spread and no bar.");
  assert(!html.includes("Needs a price model"), "an untested claim has no bar");
});

Deno.test("the agreement chart: one bar per sampled verdict, its caption counted from them", () => {
  const sampled = [
    { title: "Coverage pays", robustness: { kind: "depends", agreement: 0.8 } },
    { title: "Halving in 4 years", robustness: { kind: "exact", agreement: 1 } },
    { title: "Not sampled", robustness: { kind: "exact" } },
    { title: "Needs behaviour" },
  ];
  const html = agreementChart(sampled).html;
  assert((html.match(/<rect/g) ?? []).length >= 2, "two bars");
  assertStringIncludes(html, "each of 2 sampled verdicts");
  assertStringIncludes(html, "1 is under it; the lowest is 80 % (Coverage pays).");
  assert(!html.includes("Not sampled") && !html.includes("Needs behaviour"));
  assertThrows(() => agreementChart([{ title: "x", robustness: { kind: "exact" } }]), Error, "no verdict");
});
