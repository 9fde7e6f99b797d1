/** Claims: verdicts computed from criteria, expectations enforced, the table's contract. */
import { assert, assertAlmostEquals, assertEquals, assertMatch, assertThrows } from "@std/assert";
import {
  atLeast,
  atMost,
  between,
  check,
  claim,
  claimsTable,
  describeMeasured,
  intervalAbove,
  intervalBelow,
  isTrue,
  notTestable,
  pairedChange,
  roundsTo,
  spreadMeasured,
  verdictCounts,
  whatWeFoundSentences,
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
  // The row shows the value and its spread; what the spread is over is folded with the quantity.
  assert(html.includes("<td>3.4 years (3.1–3.9)</td>"));
  assert(html.includes("Measured: median crossing; spread 5–95% of 100 seeds."));
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

Deno.test("roundsTo: the document's number at the precision it gives, ties away from zero", () => {
  const two = roundsTo(2, 1, "GB");
  assertEquals(two.text, "rounds to 2 GB (1 significant digit)");
  assert(two.test(1.77) && two.test(1.5) && two.test(2.49) && !two.test(2.5) && !two.test(1.49));
  assertEquals(two.thresholds, [1.5, 2.5]);
  const minus = roundsTo(-2, 1);
  assert(minus.test(-1.5) && !minus.test(-2.5) && minus.test(-2.49)); // −1.5 rounds away from zero, to −2
  const small = roundsTo(0.0156, 3);
  // (Decimal ties are left out: 0.01555 is not exactly representable, so which side it falls is the double's.)
  assert(small.test(0.015551) && small.test(0.015649) && !small.test(0.015651) && !small.test(0.015549));
  assertThrows(() => roundsTo(0, 1), RangeError);
  assertThrows(() => roundsTo(2, 0), RangeError);
});

Deno.test("interval criteria read the 5–95 % interval of the evidence; pairedChange keeps the pairs as evidence", () => {
  // Changes 1…11: 5th percentile 1 + 0.5 = 1.5, 95th 10 + 0.5 = 10.5, width 9.
  const a = Array(11).fill(0);
  const b = Array.from({ length: 11 }, (_, i) => i + 1);
  const change = pairedChange(a, b, "points", "5–95 % of 11 pairs");
  assertEquals(change.value, 6);
  assertEquals(change.spread, [1.5, 10.5]);
  assertEquals(change.evidence?.values, b);
  const spec = {
    ...base,
    id: "effect",
    quantity: "paired change",
    measured: change,
    expected: "holds" as const,
  };
  const above = claim({ ...spec, criterion: intervalAbove(0, "points") });
  assertEquals(above.verdict, "holds");
  assertEquals(above.criterion.text, "5–95 % interval above 0 points");
  assertAlmostEquals(above.robustness!.margin!, 1.5 / 9, 1e-12);
  assertEquals(
    claim({ ...spec, criterion: intervalAbove(2), expected: "does not hold" }).verdict,
    "does not hold",
  );
  const below = claim({ ...spec, criterion: intervalBelow(11) });
  assertEquals(below.verdict, "holds");
  assertAlmostEquals(below.robustness!.margin!, 0.5 / 9, 1e-12);
  // 0.056 spread from flipping, and the 95th percentile of a resample of eleven passes 11 often enough
  // that stability, checked first, already calls it fragile.
  assertMatch(below.robustness!.label, /^fragile: \d+ % of resamples agree \(more runs needed\)$/);
  assertThrows(() => pairedChange([1], [1, 2], "", ""), Error, "pairs");
  // Without evidence or a spread an interval criterion has nothing to read.
  assertThrows(
    () => claim({ ...spec, measured: { value: 6, unit: "" }, criterion: intervalAbove(0) }),
    Error,
    "needs per-run evidence",
  );
});

Deno.test("evidence must give the measured value: robustness describes the number the verdict is read from", () => {
  const values = [1, 2, 3, 4, 100];
  const spec = { ...base, id: "mean", quantity: "mean", criterion: atLeast(0), expected: "holds" as const };
  assertThrows(
    () => claim({ ...spec, measured: { value: 22, unit: "" }, evidence: { values } }),
    Error,
    "not the evidence's statistic 3",
  );
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const c = claim({ ...spec, measured: { value: 22, unit: "" }, evidence: { values, statistic: mean } });
  assertEquals(c.verdict, "holds");
  const m = spreadMeasured([3, 1, 2], "HNY", "5–95 % of 3 runs");
  assertEquals([m.value, m.spread], [2, [1.1, 2.9]]);
});

Deno.test("robustness is computed and reproducible; titles fall back to the id in words", () => {
  const values = Array.from({ length: 10 }, (_, i) => 10 + i);
  const make = () =>
    claim({
      ...base,
      id: "market_cap",
      quantity: "median change",
      criterion: atLeast(0),
      measured: spreadMeasured(values, "%", "5–95 % of 10 runs"),
      expected: "holds",
    });
  const c = make();
  assertEquals(c.title, "Market cap");
  assertEquals(c.robustness, make().robustness);
  assertEquals(c.robustness!.label, "robust");
  assertEquals(c.robustness!.stability, 1);
  assertEquals(
    claim({
      ...base,
      id: "d",
      quantity: "q",
      criterion: atLeast(1),
      measured: { value: 3, unit: "" },
      expected: "holds",
    }).robustness!.label,
    "exact",
  );
});

Deno.test("checks throw when false, sit in their own table and are never counted among the conclusions", () => {
  assertThrows(
    () =>
      check({
        id: "pool",
        title: "Pool conserved",
        what: "pool + paid = minted",
        holds: false,
        detail: "off by 3",
      }),
    Error,
    "model check 'pool' fails: pool + paid = minted (off by 3)",
  );
  const k = check({ id: "pool", title: "Pool conserved", what: "pool + paid = minted", holds: true });
  assertEquals(k, { id: "pool", title: "Pool conserved", what: "pool + paid = minted" });
  const c = claim({
    ...base,
    id: "supply",
    title: "Supply grows by about 90 %",
    quantity: "10-year increase",
    reason: "the document's own number, at the precision it gives",
    criterion: within(90, 0.1, "%"),
    measured: { value: 89.4, unit: "%" },
    changed: { from: "≥ 80 %", why: "the document gives 90 %." },
    dependsOn: "throttle, fitted on seeds 9000–9031 (held out)",
    expected: "holds",
  });
  const html = claimsTable([c], [k]).html;
  assert(
    html.includes('data-holds="1"') && html.includes('data-fails="0"') &&
      html.includes('data-untestable="0"'),
  );
  assert(html.includes("<h3>Model checks</h3>") && html.includes('id="check-pool"'));
  assert(html.indexOf('class="what-we-found"') < html.indexOf('class="claims"'), "what we found comes first");
  assert(
    html.includes(
      "the criterion was “≥ 80 %” and is now “within 10% of 90 %”, because the document gives 90 %.",
    ),
  );
  assert(html.includes("depends on a calibration: throttle, fitted on seeds 9000–9031 (held out)."));
  assert(
    html.includes("<summary>source</summary>") && html.includes("Why this criterion: the document&#39;s own"),
  );
  assertThrows(() => claimsTable([c], [{ ...k, id: "supply" }]), Error, "'supply' is used twice");
  assertEquals(verdictCounts([c]), { "holds": 1, "does not hold": 0, "not testable here": 0 });
});

Deno.test("what we found: 3–6 sentences from the verdicts; a claim depending on a parameter is never robust", () => {
  const values = Array.from({ length: 10 }, (_, i) => 10 + i);
  const spec = {
    ...base,
    quantity: "q",
    criterion: atLeast(0, "%"),
    measured: spreadMeasured(values, "%", "5–95 % of 10 runs"),
    expected: "holds" as const,
  };
  const steady = claim({ ...spec, id: "steady", title: "Price stays steady" });
  const fragile = claim({
    ...spec,
    id: "fragile",
    title: "Depends on throttle",
    dependence: { share: 0.6, flips: ["throttle"], sample: "32 LHS points" },
  });
  const fails = claim({
    ...spec,
    id: "fails",
    title: "Reserve doubles",
    criterion: atLeast(100, "%"),
    measured: { value: 40, unit: "%" },
    expected: "does not hold",
  });
  const untestable = notTestable({
    ...base,
    id: "u",
    reason: "no price model",
    expected: "not testable here",
  });
  const sentences = whatWeFoundSentences([steady, fragile, fails, untestable], [
    check({ id: "k", title: "k", what: "k", holds: true }),
  ]);
  assert(sentences.length >= 3 && sentences.length <= 6, sentences.join(" | "));
  assertEquals(
    sentences[0],
    "Of the document's 4 conclusions, 2 hold, 1 does not hold and 1 cannot be tested with this model.",
  );
  assertEquals(sentences[1], "1 of the 2 that hold does so robustly or exactly (Price stays steady).");
  assertEquals(
    sentences[2],
    "Does not hold: Reserve doubles (40 % against ≥ 100 %).",
  );
  assert(
    sentences.some((s) =>
      s.startsWith("Depend on uncertain parameters: Depends on throttle (depends on throttle")
    ),
  );
  assert(!sentences[1].includes("Depends on throttle"));
  assertEquals(
    sentences.at(-1),
    "The model check passes (true by construction, so not counted among the conclusions).",
  );
  assertEquals(whatWeFoundSentences([]).length, 3);
});

Deno.test("what we found names the claims that hold but are not robust", () => {
  const spec = {
    ...base,
    quantity: "q",
    criterion: atLeast(4),
    measured: spreadMeasured(Array.from({ length: 10 }, (_, i) => i + 1), "", "5–95 % of 10 runs"),
    expected: "holds" as const,
  };
  // Median 5.5 against ≥ 4: 1.5 / 8.1 = 0.19 spread from flipping.
  const near = claim({ ...spec, id: "near", title: "Near the threshold" });
  assertEquals(near.robustness.kind, "fragile");
  const sentences = whatWeFoundSentences([near]);
  assertEquals(
    sentences[0],
    "Of the document's 1 conclusion, 1 holds, 0 do not hold and 0 cannot be tested with this model.",
  );
  assertEquals(sentences[1], "The one that holds is not robust: Near the threshold.");
});
