/** Claims: verdicts computed from criteria, expectations enforced, the table's contract. */
import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertMatch,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
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
  replicatedMeasured,
  roundsTo,
  spreadMeasured,
  type TestedClaim,
  verdictCounts,
  within,
} from "@lib/notebook/claims.ts";
import { robustnessDetail, robustnessTag } from "@lib/notebook/robustness_tag.ts";

const base = {
  where: "README, Results",
  quote: "about 90% more",
  title: "Supply grows",
  reason: "the document gives the number",
};

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
  // The row shows the value and its spread, and the criterion without the unit the value already gives;
  // what the spread is over is folded with the quantity and the criterion in full.
  assert(
    html.includes(
      '<td class="measured"><span class="value">3.4 years</span> <small class="spread">(3.1–3.9)</small></td>' +
        "<td>between 2 and 3</td>",
    ),
  );
  assert(
    html.includes("Measured: median crossing; spread 5–95% of 100 seeds. Criterion: between 2 and 3 years."),
  );
  // Numbers read as everywhere else in a report (lib/analysis/format.ts): the integer part in full, powers
  // of ten only at the extremes, the claim's digits when it asks for them.
  assertEquals(describeMeasured({ value: 1234567, unit: "HNY" }), "1,234,567 HNY");
  assertEquals(describeMeasured({ value: 2.5e-7, unit: "" }), "2.5 × 10⁻⁷");
  assertEquals(
    describeMeasured({ value: 0.123456, unit: "", digits: 5, spread: [0.1, 0.2] }),
    "0.12346 (0.1–0.2)",
  );
  // A dash between negative ends would read as a minus sign.
  assertEquals(
    describeMeasured({ value: -0.2, unit: "%", spread: [-0.35, -0.05] }),
    "-0.2 % (-0.35 to -0.05)",
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
  // The table shows it short beside a value in points, and in full beside a value in another unit.
  assertEquals([above.criterion.short, above.criterion.unit], ["5–95 % above 0", "points"]);
  assert(claimsTable([above]).html.includes("</td><td>5–95 % above 0</td>"));
  assert(
    claimsTable([{ ...above, measured: { ...change, unit: "%" } }]).html.includes(
      "<td>5–95 % interval above 0 points</td>",
    ),
  );
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

Deno.test("robustness is computed and reproducible", () => {
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
    html.includes("<summary>details</summary>") &&
      html.includes("Why this criterion: the document&#39;s own"),
  );
  assertThrows(() => claimsTable([c], [{ ...k, id: "supply" }]), Error, "'supply' is used twice");
  assertEquals(verdictCounts([c]), { "holds": 1, "does not hold": 0, "not testable here": 0 });
});

Deno.test("the table names a scenario once above its claims; a title without a run of its prefix stays whole", () => {
  const spec = {
    ...base,
    quantity: "q",
    criterion: atLeast(0),
    measured: { value: 1, unit: "" },
    expected: "holds" as const,
  };
  const html = claimsTable([
    claim({ ...spec, id: "a", title: "Low tracing: rewards become local" }),
    claim({ ...spec, id: "b", title: "Low tracing: dDT stays put" }),
    claim({ ...spec, id: "c", title: "Baseline: alone" }),
    claim({ ...spec, id: "d", title: "No prefix" }),
  ]).html;
  const rows = [...html.matchAll(/<tr[^>]*>(?:<th[^>]*>([^<]*)<\/th>|<td class="claim">([^<]*))/g)]
    .map((m) => m[1] ? `[${m[1]}]` : m[2]);
  // Header, the group's name, its two claims (capitalised unless the word is an abbreviation), the others.
  assertEquals(rows, [
    "[claim]",
    "[Low tracing]",
    "Rewards become local",
    "dDT stays put",
    "Baseline: alone",
    "No prefix",
  ]);
  assertEquals(html.match(/<tbody/g)?.length, 2);
});

Deno.test("the robustness column is a short tag; the full detail is folded under the claim", () => {
  const values = Array.from({ length: 10 }, (_, i) => 10 + i);
  const spec = {
    ...base,
    quantity: "q",
    criterion: atLeast(0, "%"),
    measured: spreadMeasured(values, "%", "5–95 % of 10 runs"),
    expected: "holds" as const,
  };
  const depends = claim({
    ...spec,
    id: "d",
    dependence: { share: 0.64, flips: ["throttle", "growth", "fee"], sample: "32 LHS points" },
  });
  assertEquals(robustnessTag(depends), "depends on 3 parameters: 64 % agree");
  assertEquals(
    robustnessDetail(depends),
    "depends on throttle, growth, fee (holds in 64 % of the sample): the threshold would have to move by " +
      "1.8 spread (5–95 % width) to flip it; 100 % of 1,000 bootstrap resamples of the runs agree; 64 % of " +
      "32 LHS points agree; parameters that flip it: throttle, growth, fee.",
  );
  // Bootstrap replicates as evidence: the detail counts them, not the per-run default.
  const replicated = claim({
    ...spec,
    id: "r",
    measured: { ...spec.measured, evidence: { values: [1, 2, 3, 4, 5], resampled: true } },
  });
  assertStringIncludes(robustnessDetail(replicated), "; 100 % of 5 bootstrap resamples of the runs agree");
  // The same value in every run: a verdict that depends says there is no spread, not that values are missing.
  const flatDepends = claim({
    ...spec,
    id: "f",
    measured: spreadMeasured(values.map(() => 3), "%", "10 runs"),
    dependence: depends.dependence,
  });
  assertEquals(
    robustnessDetail(flatDepends),
    "depends on throttle, growth, fee (holds in 64 % of the sample): no spread: the same value in every run; " +
      "64 % of 32 LHS points agree; parameters that flip it: throttle, growth, fee.",
  );
  // A verdict the whole sample agrees with: its drivers move the value but flip nothing.
  const everywhere = claim({ ...spec, id: "e", dependence: { ...depends.dependence!, share: 1 } });
  assertStringIncludes(
    robustnessDetail(everywhere),
    "100 % of 32 LHS points agree; parameters that move its value (none flips it): throttle, growth, fee.",
  );
  // "Depends" near its threshold too: the tag says both.
  const near = { ...depends, robustness: { ...depends.robustness, margin: 0.13 } };
  assertEquals(robustnessTag(near), "depends on 3 parameters: 64 % agree; 0.13 spread from flipping");
  const one = { ...depends, dependence: { ...depends.dependence!, flips: ["throttle"] } };
  assertEquals(robustnessTag(one), "depends on throttle: 64 % agree");
  // Hand-set robustness, as lib/analysis/robustness.ts would give it, for each of the other kinds.
  const as = (robustness: Partial<TestedClaim["robustness"]>) =>
    robustnessTag({ ...depends, robustness: { ...depends.robustness, ...robustness } });
  assertEquals(as({ kind: "fragile", stability: 0.82, margin: 0.5 }), "fragile: 82 % agree");
  assertEquals(as({ kind: "fragile", stability: 0.95, margin: 0.12 }), "fragile: 0.12 spread from flipping");
  assertEquals(as({ kind: "fragile", stability: 0.95, margin: 0 }), "fragile: on the threshold");
  assertEquals(
    as({ kind: "unresampled", stability: undefined, margin: 1.9 }),
    "margin 1.9, no resampling",
  );
  assertEquals(as({ kind: "robust" }), "robust");
  const html = claimsTable([depends]).html;
  assert(html.includes('<td class="robustness robustness-depends">depends on 3 parameters: 64 % agree</td>'));
  assert(html.includes("<p>Robustness: depends on throttle, growth, fee (holds in 64 % of the sample):"));
});

Deno.test("a value read once with its spread over resampled run sets: 5–95 % of the replicates, kept as evidence", () => {
  const replicates = Array.from({ length: 21 }, (_, i) => i / 20); // 0, 0.05, …, 1
  const m = replicatedMeasured(0.4, replicates);
  assertEquals([m.value, m.unit, m.spread], [0.4, "", [0.05, 0.95]]);
  assertEquals(m.spreadLabel, "5–95% over 21 resampled sets of the reproduced runs");
  assertEquals(m.evidence, { values: replicates, resampled: true });
  assertThrows(() => replicatedMeasured(1, []), Error, "no replicates");
});
