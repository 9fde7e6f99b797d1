// "What we found" opens the page: the section claimsTable emits is taken out of its cell and shown before
// the verdicts, which keep their counts of conclusions only (model checks are not counted). Its sentences
// are pinned here on small claim sets worked by hand.
import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  atLeast,
  check,
  claim,
  claimsTable,
  finding,
  intervalBelow,
  notTestable,
  pairedChange,
  spreadMeasured,
  type TestableClaim,
  type TestedClaim,
  whatWeFoundSentences,
} from "@lib/notebook/claims.ts";
import { robustnessTag } from "@lib/notebook/robustness_tag.ts";
import { findingsHeading } from "@lib/notebook/what_we_found.ts";
import { arrangeFragment } from "@lib/report/arrange.ts";
import { Layout } from "@lib/report/layout.ts";
import { sanitizeHtml } from "@lib/report/sanitize.ts";

const table = claimsTable(
  [claim({
    id: "supply",
    title: "Supply grows",
    quote: "supply grows",
    where: "README",
    quantity: "10-year increase",
    criterion: atLeast(0, "%"),
    measured: { value: 12, unit: "%" },
    reason: "the document says it grows",
    expected: "holds",
  })],
  [check({ id: "pool", title: "Pool conserved", what: "pool + paid = minted", holds: true })],
  [finding({
    id: "neurons",
    title: "Neurons at activation",
    kind: "inconsistency",
    quote: "agents_count_at_activation (100'000)",
    where: "README",
    says: "100,000 neurons on day 30",
    model: "11,580 neurons on day 30",
    cause: "the code's formula 750 + 9t² + 91t, which the parameter never enters",
    shows: true,
  })],
).html;

Deno.test("the page opens with what was found, then the verdicts; checks and findings are not counted", () => {
  const arranged = arrangeFragment(sanitizeHtml(table), {
    fallbackCaption: "x",
    moveLongTables: true,
    nextAppendixId: () => "appendix-1",
  });
  assertEquals(arranged.found.length, 1);
  assert(!arranged.html.includes("what-we-found"));
  assertEquals(arranged.counts, { holds: 1, fails: 0, untestable: 0 });
  const layout = new Layout("notebooks/x.ipynb");
  layout.addCode({
    cell_type: "code",
    source: "claimsTable(claims);\n",
    outputs: [
      { output_type: "display_data", data: { "text/html": table }, metadata: {} },
    ],
  } as never, 0);
  const found = layout.found();
  assert(found.includes('<h2 id="what-we-found">What we found</h2>'));
  assert(found.includes("Of the document's 1 conclusion, 1 holds"));
  assert(layout.verdicts().includes("Model checks"));
  assert(layout.verdicts().includes("1 holds"));
  // The finding has its own table after the checks, with what the document says, what the model gives
  // and what drives it, and one sentence of "What we found" counts it apart.
  const verdicts = layout.verdicts();
  assert(verdicts.indexOf("Model checks") < verdicts.indexOf("Inconsistencies found"));
  assert(verdicts.indexOf("Inconsistencies found") < verdicts.indexOf("Method notes"));
  for (const text of ["100,000 neurons on day 30", "11,580 neurons on day 30", "750 + 9t² + 91t"]) {
    assert(verdicts.includes(text), text);
  }
  assert(
    found.includes(
      "Apart from the conclusions and not counted, “Inconsistencies found” lists 1 inconsistency between " +
        "the document and its code.",
    ),
  );
});

Deno.test("a finding may not share an id with a claim or a check", () => {
  const supply = holds("supply", "Supply");
  assertThrows(
    () => claimsTable([supply], [], [{ ...found1, id: "supply" }]),
    Error,
    "'supply' is used twice",
  );
  assertThrows(() => claimsTable([supply], [check1], [{ ...found1, id: "k" }]), Error, "'k' is used twice");
});

Deno.test("a finding the model no longer shows throws, naming it", () => {
  assertThrows(
    () =>
      finding({
        id: "pool",
        title: "Added pool",
        kind: "assumption",
        quote: "q",
        where: "w",
        says: "no pool",
        model: "a 600M pool",
        cause: "an assumption",
        shows: false,
      }),
    Error,
    "finding 'pool' no longer shows",
  );
});

const base = { where: "README", quote: "q", quantity: "q", title: "T", reason: "r" };
/** Ten runs 10…19: median 14.5, 5–95 % 10.45–18.55. */
const runs = spreadMeasured(Array.from({ length: 10 }, (_, i) => 10 + i), "%", "5–95 % of 10 runs");
const holds = (id: string, title: string, extra: Partial<TestableClaim> = {}) =>
  claim({ ...base, id, title, criterion: atLeast(0, "%"), measured: runs, expected: "holds", ...extra });
/** A deterministic value (no spread) under a threshold it does not reach: exact. */
const failsExactly = (id: string, title: string, value: number) =>
  claim({
    ...base,
    id,
    title,
    criterion: atLeast(100, "%"),
    measured: { value, unit: "%" },
    expected: "does not hold",
  });
/** Median 14.5 against ≥ 15: fails, 0.5 / 8.1 = 0.06 spread from flipping, so fragile. */
const failsNear = () =>
  claim({
    ...base,
    id: "near",
    title: "Near",
    criterion: atLeast(15, "%"),
    measured: runs,
    expected: "does not hold",
  });
const check1 = check({ id: "k", title: "k", what: "k", holds: true });
const found1 = finding({
  id: "f",
  title: "f",
  kind: "assumption",
  quote: "q",
  where: "w",
  says: "s",
  model: "m",
  cause: "c",
  shows: true,
});

Deno.test("what we found: counts, how robustly they hold, the first that fail, what could flip, the table", () => {
  const steady = holds("steady", "Price stays steady");
  // Holds at the default parameters but in only 60 % of the parameter sample: never called robust.
  const throttle = holds("throttle", "Supply follows the throttle", {
    dependence: { share: 0.6, flips: ["throttle"], sample: "32 LHS points" },
  });
  const reserve = failsExactly("reserve", "Reserve doubles", 40);
  const untestable = notTestable({
    ...base,
    id: "u",
    reason: "no price model",
    expected: "not testable here",
  });
  assertEquals(whatWeFoundSentences([steady, throttle, reserve, untestable], [check1]), [
    "Of the document's 4 conclusions, 2 hold, 1 does not hold and 1 cannot be tested with this model.",
    "Of the 2 that hold, 1 does so robustly or exactly and 1 depends on uncertain parameters.",
    "The one that does not hold: Reserve doubles (40 %; criterion: ≥ 100 %).",
    "One verdict could flip: Supply follows the throttle (holds; depends on throttle: 60 % agree).",
    "The model check passes (true by construction, so not counted); the table below gives each verdict " +
    "with its evidence and why its criterion is fair.",
  ]);
});

Deno.test("what we found: all hold robustly, none fails, no checks — four sentences", () => {
  assertEquals(whatWeFoundSentences([holds("a", "A"), holds("b", "B")]), [
    "Of the document's 2 conclusions, 2 hold, 0 do not hold and 0 cannot be tested with this model.",
    "Both that hold do so robustly or exactly.",
    "None fails its criterion.",
    "The table below gives each verdict with its evidence and why its criterion is fair.",
  ]);
});

Deno.test("what we found names two failures, firm ones first, and reads the interval an interval criterion tests", () => {
  // Changes 1…11: median 6, 5–95 % 1.5–10.5; the criterion reads the 95th percentile, 10.5 ≥ 5: fails,
  // 5.5 / 9 = 0.61 spread from flipping, and every resample's 95th percentile is at least 5: robust.
  const change = pairedChange(
    Array(11).fill(0),
    Array.from({ length: 11 }, (_, i) => i + 1),
    "points",
    "pairs",
  );
  const effect = claim({
    ...base,
    id: "effect",
    title: "ROI drops",
    criterion: intervalBelow(5, "points"),
    measured: change,
    expected: "does not hold",
  });
  assertEquals(effect.robustness.kind, "robust");
  // Median 14.5 against ≥ 15: fails, 0.5 / 8.1 = 0.06 spread from flipping.
  const near = failsNear();
  assertEquals(near.robustness.kind, "fragile");
  const sentences = whatWeFoundSentences([
    near,
    failsExactly("x", "X", 40),
    effect,
    failsExactly("y", "Y", 50),
  ]);
  assertEquals(sentences.slice(0, 4), [
    "Of the document's 4 conclusions, 0 hold, 4 do not hold and 0 cannot be tested with this model.",
    "None of them holds.",
    "Among the 4 that do not hold are X (40 %; criterion: ≥ 100 %) and ROI drops (6 points, 5–95 % 1.5–10.5; " +
    "criterion: 5–95 % interval below 5 points).",
    `One verdict could flip: Near (does not hold; ${robustnessTag(near)}).`,
  ]);
  assertEquals(sentences.length, 5);
});

Deno.test("what we found names a failure that could flip once, with its robustness, and counts the findings", () => {
  // Median 14.5 against ≥ 15: fails, fragile; the only failure, so it is named with its tag and not again
  // among the verdicts that could flip, which then name only the dependent claim that holds.
  const near = failsNear();
  const throttle = holds("throttle", "Throttle", {
    dependence: { share: 0.6, flips: ["throttle"], sample: "32 LHS points" },
  });
  const apart = (kind: "inconsistency" | "assumption", id: string) =>
    finding({ id, title: id, kind, quote: "q", where: "w", says: "s", model: "m", cause: "c", shows: true });
  const sentences = whatWeFoundSentences([throttle, near], [], [
    apart("inconsistency", "a"),
    apart("inconsistency", "b"),
    apart("assumption", "c"),
  ]);
  assertEquals(sentences.slice(2), [
    `The one that does not hold: Near (14.5 %; criterion: ≥ 15 %; ${robustnessTag(near)}).`,
    "One other verdict could flip: Throttle (holds; depends on throttle: 60 % agree).",
    "Apart from the conclusions and not counted, “Inconsistencies and assumptions found” lists 2 " +
    "inconsistencies between the document and its code and 1 assumption the document does not make.",
    "The table below gives each verdict with its evidence and why its criterion is fair.",
  ]);
  for (const c of [near, throttle]) {
    assertEquals(sentences.join(" ").split(`${c.title} (`).length - 1, 1, `${c.title} named twice`);
  }
  // The heading names the kinds there are.
  assertEquals(
    [[apart("assumption", "x")], [apart("inconsistency", "y")]].map(findingsHeading),
    ["Assumptions added", "Inconsistencies found"],
  );
  // With no other verdict that could flip, the sentence is left out.
  assertEquals(whatWeFoundSentences([near]).length, 4);
});

Deno.test("what we found: the one claim that holds, fragile; more than two that could flip are counted", () => {
  // Median 14.5 against ≥ 14: holds, 0.5 / 8.1 = 0.06 spread from flipping.
  const near = (id: string) => holds(id, `Near ${id}`, { criterion: atLeast(14, "%") });
  assertEquals(whatWeFoundSentences([near("a")]).slice(1, 2), ["The one that holds is fragile."]);
  const three = [near("a"), near("b"), near("c")];
  assertEquals(
    whatWeFoundSentences(three)[3],
    `Three verdicts could flip: Near a (holds; ${robustnessTag(three[0])}), Near b (holds; ` +
      `${robustnessTag(three[1])}) and 1 more.`,
  );
});

Deno.test("what we found has 3–6 sentences and calls no dependent claim robust, for any mix of verdicts", () => {
  const kinds = [
    () => holds("h", "H"),
    () => holds("d", "D", { dependence: { share: 0.5, flips: ["p", "q"], sample: "s" } }),
    () => holds("f", "F", { criterion: atLeast(14, "%") }),
    () => failsExactly("x", "X", 40),
    () => notTestable({ ...base, id: "u", reason: "r", expected: "not testable here" }),
  ];
  for (let mask = 0; mask < 1 << kinds.length; mask++) {
    for (const [checks, findings] of [[[], []], [[check1], [found1]]] as const) {
      const claims = kinds.filter((_, i) => mask & (1 << i)).map((make, i) => ({ ...make(), id: `c${i}` }));
      const sentences = whatWeFoundSentences(claims, checks, findings);
      assert(sentences.length >= 3 && sentences.length <= 6, `${mask}: ${sentences.join(" | ")}`);
      // No claim is named twice.
      for (const c of claims) {
        assert(sentences.join(" ").split(`${c.title} (`).length <= 2, `${mask}: ${c.title} named twice`);
      }
      const dependent = claims.find((c) => c.robustness?.kind === "depends") as TestedClaim | undefined;
      if (dependent) {
        assert(
          !/^(All \d+|Both|The one) that holds? do(es)? so robustly/.test(sentences[1]),
          `${mask}: ${sentences[1]}`,
        );
        assert(sentences.some((s) => s.includes(`${dependent.title} (holds; depends on 2 parameters: `)));
      }
    }
  }
});
