/**
 * The numbers docs/models/bostrom.md states about the model's results, recomputed from the model: the
 * page is typed, so this test is what fails when a change to the model leaves it stale.
 */
import { assert } from "@std/assert";
import pl from "nodejs-polars";
import { runFrame } from "@lib/models/bostrom/experiments.ts";
import { monthlyValidatorRevenue } from "@lib/models/bostrom/outcomes.ts";
import { firstDayAtLeast, giftBooks, neuronsOn } from "@lib/models/bostrom/findings.ts";
import { formatNumber } from "@lib/analysis/format.ts";

const docs = Deno.readTextFileSync(new URL("../../../docs/models/bostrom.md", import.meta.url));
/** The page's text with its line breaks as spaces, so a phrase may wrap. */
const text = docs.replace(/\s+/g, " ");
const num = (x: number, digits = 3) => formatNumber(x, { digits });
/** The page says `phrase` (the failure names the phrase, not the page). */
const says = (phrase: string) =>
  assert(text.includes(phrase), `docs/models/bostrom.md does not say: ${phrase}`);

Deno.test("docs/models/bostrom.md: the revenue, gift and neuron numbers are the model's", () => {
  const frame = runFrame({});
  const months = monthlyValidatorRevenue(frame).getColumn("revenue_eth").toArray() as number[];
  const last = months.at(-1)!;
  says(`the last month's ${num(last)} ETH, ${num(100 * (last / 15 - 1), 2)}% above 15`);

  // The day releases lead claims the most, and the books on the last day.
  const books = giftBooks(frame);
  const most = books.reduce((a, b) => (b.released - b.claimed > a.released - a.claimed ? b : a));
  const end = books.at(-1)!;
  says(
    `by day ${most.day} the contract has released ${num(most.released / 1e12)} trillion BOOT against ` +
      `${num(most.claimed / 1e12)} trillion claimed`,
  );
  // From the day after the claims end, "to distribution" no longer changes.
  const settled = books.find((b) =>
    b.day > 0 && b.toDistribution === end.toDistribution && b.frozen === end.frozen
  )!;
  says(
    `from day ${settled.day} on ${num(end.toDistribution / 1e12)} trillion wait for distribution while the ` +
      `contract holds ${num(end.frozen / 1e12)} trillion`,
  );
  says(
    `which gives ${num(neuronsOn(frame, 30))} on day 30 and passes 100,000 on day ` +
      `${firstDayAtLeast(frame, "agents_count", 100_000)}`,
  );
});

Deno.test("docs/models/bostrom.md: the capitalization coefficient that drives capitalization below zero", () => {
  // The lowest capitalization per neuron over ten years falls as the coefficient grows.
  const lowest = (c: number) =>
    runFrame({ set: { capitalization_coefficient: c } }).select(pl.col("capitalization_per_agent").min())
      .getColumn("capitalization_per_agent").get(0) as number;
  let [lo, hi] = [3020, 3100];
  assert(lowest(lo) > 0 && lowest(hi) < 0, "the coefficient's bracket");
  while (hi - lo > 0.5) {
    const mid = (lo + hi) / 2;
    if (lowest(mid) > 0) lo = mid;
    else hi = mid;
  }
  says(`from about ${num(hi, 4)} up the difference form drives capitalization`);
  const gap = (hi - 3020) / hi;
  says(`at the code's 3020 within ${num(100 * gap, 1)}% of the value`);
});
