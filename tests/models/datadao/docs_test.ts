/**
 * The numbers docs/models/datadao.md states about the model's results, recomputed from both variants'
 * runs: the page is typed, so this test is what fails when a change to the model leaves it stale.
 */
import { assert } from "@std/assert";
import { DEFAULT_SETTINGS, runVariants } from "@lib/models/datadao/experiments.ts";
import { entryPrices, entrySizes, entryTransfers } from "@lib/models/datadao/measures.ts";
import { degenPositions } from "@lib/models/datadao/positions.ts";
import { spreadOf } from "@lib/analysis/spread.ts";
import { formatNumber } from "@lib/analysis/format.ts";

const docs = Deno.readTextFileSync(new URL("../../../docs/models/datadao.md", import.meta.url));
/** The page's text with its line breaks as spaces, so a phrase may wrap. */
const text = docs.replace(/\s+/g, " ");
const num = (x: number, digits = 3) => formatNumber(x, { digits }).replace("-", "−");
/** The page says `phrase` (the failure names the phrase, not the page). */
const says = (phrase: string) =>
  assert(text.includes(phrase), `docs/models/datadao.md does not say: ${phrase}`);

Deno.test("docs/models/datadao.md: the entry sizes and the degens' entry prices and gains are the model's", () => {
  const { timeseries, agents } = runVariants(DEFAULT_SETTINGS);
  const sizes = entrySizes(timeseries, "documented", 5);
  const of = (n: number) => sizes.filter((s) => s === n).length;
  says(`entries of 9 and 11 (${of(9)} and ${of(11)} of the ${sizes.length}), never 10`);
  assert(of(10) === 0);

  const positions = degenPositions(timeseries, agents);
  const prices = (v: "reference" | "documented") => entryPrices(timeseries, v, positions[v]);
  const doc = spreadOf(prices("documented"));
  says(`a pool price of about ${num(doc.lo, 1)}–${num(doc.hi, 1)} xDAI/dDT as documented`);
  const ref = spreadOf(prices("reference"));
  says(`degens enter at ${num(ref.lo, 2)}–${num(ref.hi, 2)} xDAI/dDT`);
  for (
    const [v, words] of [["documented", "entry gain is "], [
      "reference",
      "those above 1 gain on entry, it is ",
    ]] as const
  ) {
    const gain = spreadOf(entryTransfers(prices(v), 10, 10)).median;
    const net = spreadOf(positions[v].map((p) => p.net)).median;
    says(
      `${words}${num(gain)} ${v === "documented" ? "xDAI against a net position of" : "against"} ${num(net)}`,
    );
  }
});
