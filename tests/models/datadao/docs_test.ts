/**
 * What docs/models/datadao.md says about the model's results, checked against both variants' runs. The page
 * types no run result (the report gives the values, computed from the runs); this test fails when a change to
 * the model makes one of its statements untrue.
 */
import { assert } from "@std/assert";
import { DEFAULT_SETTINGS, runVariants } from "@lib/models/datadao/experiments.ts";
import { entryPrices, entrySizes, entryTransfers } from "@lib/models/datadao/measures.ts";
import { degenPositions } from "@lib/models/datadao/positions.ts";
import { spreadOf } from "@lib/analysis/spread.ts";

const docs = Deno.readTextFileSync(new URL("../../../docs/models/datadao.md", import.meta.url));
/** The page's text with its line breaks as spaces, so a phrase may wrap. */
const text = docs.replace(/\s+/g, " ");
/** The page says `phrase` (the failure names the phrase, not the page). */
const says = (phrase: string) =>
  assert(text.includes(phrase), `docs/models/datadao.md does not say: ${phrase}`);

Deno.test("docs/models/datadao.md: the entry sizes and the degens' entry prices and losses are the model's", () => {
  const { timeseries, agents } = runVariants(DEFAULT_SETTINGS);
  const sizes = entrySizes(timeseries, "documented", 5);
  says("entries of 9 and 11, never 10");
  assert(sizes.includes(9) && sizes.includes(11), "entries of both 9 and 11");
  assert(sizes.every((s) => s === 9 || s === 11), "no entry of another size");

  const positions = degenPositions(timeseries, agents);
  const prices = entryPrices(timeseries, "documented", positions.documented);
  says("the documented variant's pool prices dDT far below 1 xDAI");
  // "Far below": the 95th percentile of the documented entry prices is under a tenth of 1 xDAI.
  assert(spreadOf(prices).hi < 0.1, "documented entry prices far below 1 xDAI/dDT");
  says("The loss comes from the README's fixed deposit of 10 dDT and 10 xDAI");
  assert(spreadOf(entryTransfers(prices, 10, 10)).median < 0, "the median degen loses on entry");
  assert(
    spreadOf(positions.documented.map((p) => p.net)).median < 0,
    "the median degen's net position is a loss",
  );
});
