/** Claims: verdicts computed from criteria, expectations enforced, the table's contract. */
import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  atLeast,
  atMost,
  between,
  claim,
  claimsTable,
  describeMeasured,
  isTrue,
  notTestable,
  verdictCounts,
  within,
} from "@lib/notebook/claims.ts";

const base = { where: "README, Results", quote: "about 90% more" };

Deno.test("criteria carry their wording and their test", () => {
  assertEquals(atLeast(0.8).text, "≥ 0.8");
  assertEquals(atMost(2, "years").text, "≤ 2 years");
  assertEquals(between(2, 3, "years").text, "between 2 and 3 years");
  assertEquals(within(90, 0.1, "%").text, "within 10% of 90 %");
  assert(within(90, 0.1).test(81) && within(90, 0.1).test(99) && !within(90, 0.1).test(80.9));
  assert(between(2, 3).test(2) && between(2, 3).test(3) && !between(2, 3).test(3.01));
  assert(isTrue.test(1) && !isTrue.test(0));
});

Deno.test("verdicts are computed from the criterion; a non-number is refused", () => {
  const spec = {
    ...base,
    id: "supply",
    quantity: "10-year increase",
    criterion: within(90, 0.1, "%"),
    expected: "holds" as const,
  };
  assertEquals(claim({ ...spec, measured: { value: 89.4, unit: "%" } }).verdict, "holds");
  assertEquals(claim({ ...spec, measured: { value: 70, unit: "%" } }).verdict, "does not hold");
  assertThrows(() => claim({ ...spec, measured: { value: NaN, unit: "%" } }), Error, "not a number");
  const untestable = notTestable({
    ...base,
    id: "price",
    reason: "needs a price model",
    expected: "not testable here",
  });
  assertEquals(untestable.verdict, "not testable here");
});

Deno.test("a verdict that differs from the notebook's expectation fails the table, naming the claim", () => {
  const c = claim({
    ...base,
    id: "crossing",
    quantity: "median crossing",
    criterion: between(2, 3, "years"),
    measured: { value: 3.4, unit: "years", spread: [3.1, 3.9], spreadLabel: "5–95% of 100 seeds" },
    expected: "holds",
  });
  assertThrows(() => claimsTable([c]), Error, "'crossing' is now 'does not hold', expected 'holds'");
  const html = claimsTable([{ ...c, expected: "does not hold" }]).html;
  assert(html.includes('data-fails="1"') && html.includes('data-holds="0"'));
  assert(html.includes("3.4 years (3.1–3.9, 5–95% of 100 seeds)"));
  // Numbers read as everywhere else in a report (lib/analysis/format.ts): the integer part in full, powers
  // of ten only at the extremes, the claim's digits when it asks for them.
  assertEquals(describeMeasured({ value: 1234567, unit: "HNY" }), "1,234,567 HNY");
  assertEquals(describeMeasured({ value: 2.5e-7, unit: "" }), "2.5 × 10⁻⁷");
  assertEquals(
    describeMeasured({ value: 0.123456, unit: "", digits: 5, spread: [0.1, 0.2] }),
    "0.12346 (0.1–0.2)",
  );
  assertEquals(atLeast(2e15).text, "≥ 2 × 10¹⁵");
  assertEquals(verdictCounts([c]), { "holds": 0, "does not hold": 1, "not testable here": 0 });
});

Deno.test("the table escapes the document's words", () => {
  const html = claimsTable([notTestable({
    ...base,
    quote: '<img src=x onerror="alert(1)">',
    id: "x",
    reason: "<script>",
    expected: "not testable here",
  })]).html;
  assert(!html.includes("<img") && !html.includes("<script>"));
});
