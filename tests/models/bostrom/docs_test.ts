/**
 * What docs/models/bostrom.md says about the model's results, checked against the model. The page types no
 * run result (the report gives the values, computed from the run), only the code's formulas and what they give;
 * this test fails when a change to the model makes one of its statements untrue.
 */
import { assert } from "@std/assert";
import pl from "nodejs-polars";
import { runFrame } from "@lib/models/bostrom/experiments.ts";
import { firstDayAtLeast, giftBooks, neuronsOn } from "@lib/models/bostrom/findings.ts";
import { formatNumber } from "@lib/analysis/format.ts";

const docs = Deno.readTextFileSync(new URL("../../../docs/models/bostrom.md", import.meta.url));
/** The page's text with its line breaks as spaces, so a phrase may wrap. */
const text = docs.replace(/\s+/g, " ");
const num = (x: number, digits = 3) => formatNumber(x, { digits });
/** The page says `phrase` (the failure names the phrase, not the page). */
const says = (phrase: string) =>
  assert(text.includes(phrase), `docs/models/bostrom.md does not say: ${phrase}`);

Deno.test("docs/models/bostrom.md: the gift's books and the neuron formula are the model's", () => {
  const frame = runFrame({});
  const books = giftBooks(frame);
  says("the contract releases BOOT faster than it is claimed");
  assert(books.some((b) => b.released > b.claimed), "some day has more released than claimed");
  says("once the claim ends more BOOT waits for distribution than the contract still holds");
  const end = books.at(-1)!;
  assert(end.toDistribution > end.frozen, "at the end more waits for distribution than the contract holds");
  says(
    `which by that formula gives ${num(neuronsOn(frame, 30))} on day 30 and passes 100,000 on day ` +
      `${firstDayAtLeast(frame, "agents_count", 100_000)}`,
  );
});

Deno.test("docs/models/bostrom.md: a little above 3020 capitalization per neuron falls below zero", () => {
  const lowest = (c: number) =>
    runFrame({ set: { capitalization_coefficient: c } }).select(pl.col("capitalization_per_agent").min())
      .getColumn("capitalization_per_agent").get(0) as number;
  says(
    "a little above 3020 the difference form drives capitalization per neuron below zero within ten years",
  );
  says("the code's coefficient of 3020 lies just below the value that makes capitalization negative");
  // "A little" and "just": positive at 3020, negative within 1% above it.
  assert(lowest(3020) > 0, "capitalization stays positive at 3020");
  assert(lowest(3020 * 1.01) < 0, "capitalization falls below zero within 1% above 3020");
});
