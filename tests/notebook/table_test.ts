/** Tables: human headers, readable numbers, missing values, the CSV download and its budget; caption phrases. */
import { assert, assertEquals } from "@std/assert";
import pl from "nodejs-polars";
import { change, compare, describeRange, listValues, num, share } from "@lib/notebook/caption.ts";
import { CSV_BUDGET_BYTES, toCsv } from "@lib/analysis/csv.ts";
import { header, humanize, table } from "@lib/notebook/table.ts";

const csvOf = (html: string) => {
  const m = html.match(/href="data:text\/csv;base64,([^"]+)"/);
  assert(m, "a CSV data link");
  return new TextDecoder().decode(Uint8Array.from(atob(m[1]), (c) => c.charCodeAt(0)));
};

Deno.test("headers are words with units, never snake_case", () => {
  assertEquals(humanize("target_reserve_ratio"), "Target reserve ratio");
  assertEquals(humanize("epochReward"), "Epoch reward");
  assertEquals(humanize("HNY_price"), "HNY price");
  assertEquals(header("target_reserve_ratio", { unit: "fraction" }), "Target reserve ratio (fraction)");
  assertEquals(
    header("x", { label: "Target reserve ratio", unit: "fraction" }),
    "Target reserve ratio (fraction)",
  );
});

Deno.test("a table from records: caption, headers, right-aligned numbers, dashes for missing", () => {
  const html = table([
    { target_reserve_ratio: 0.1, final_supply: 1234567.8, share: 0.25, name: "a<b", big: 10n ** 20n },
    { target_reserve_ratio: 0.2, final_supply: null, share: NaN, name: "c", big: 5n },
    { target_reserve_ratio: 1.740e-17, final_supply: 2000, share: 0.5, name: "d", big: 1n },
  ], {
    caption: "Final supply per ratio",
    columns: {
      target_reserve_ratio: { label: "Target reserve ratio", unit: "fraction" },
      final_supply: { unit: "HNY" },
      share: { format: "percent" },
    },
  }).html;
  assert(html.includes("<caption>Final supply per ratio"));
  assert(html.includes(">Target reserve ratio (fraction)</th>"));
  assert(html.includes(">Final supply (HNY)</th>"));
  assert(!/>[a-z]+_[a-z_]+</.test(html), "no raw snake_case in cells or headers");
  assert(html.includes(">1,234,568</td>"));
  assert(html.includes(">100,000,000,000,000,000,000</td>"), "BigInt exact with separators");
  assert(html.includes(">25%</td>"));
  assert(html.includes(">a&lt;b</td>"));
  assert(!/null|NaN|e-17/.test(html.replace(/href="[^"]*"/g, "")), "no raw null/NaN/exponent");
  assertEquals((html.match(/>—</g) ?? []).length, 2);
  assert(html.includes("text-align:right"));
  assert(html.includes('download="final-supply-per-ratio.csv"'));
  const csv = csvOf(html);
  assertEquals(csv.split("\n")[0], "target_reserve_ratio,final_supply,share,name,big");
  assert(csv.includes("1.74e-17,2000,0.5,d,1"), "the CSV keeps full precision");
  assert(csv.includes("0.2,,,c,5"), "missing values are empty in the CSV");
});

Deno.test("a Polars frame, maxRows and appendix", () => {
  const df = pl.DataFrame({
    timestep: [...Array(50).keys()],
    supply: [...Array(50).keys()].map((i) => i * 1.5),
  });
  const html = table(df, { caption: "Supply", maxRows: 10, appendix: true }).html;
  assertEquals((html.match(/<tr>/g) ?? []).length, 11, "header and ten rows");
  assert(html.includes("… 40 more rows (full data in the CSV)"));
  assert(html.includes('class="data-table appendix"'));
  assertEquals(csvOf(html).trim().split("\n").length, 51, "the CSV holds every row");
  assert(html.includes(">Timestep</th>"));
});

Deno.test("CSV above the page budget is not attached, and the caption says so", () => {
  const rows = Array.from({ length: 20_000 }, (_, i) => ({ i, value: Math.PI * i, label: "abcdefghij" }));
  assert(toCsv(rows, ["i", "value", "label"]).length > CSV_BUDGET_BYTES);
  const html = table(rows, { caption: "Big", maxRows: 5 }).html;
  assert(!html.includes("data:text/csv"));
  assert(html.includes("budget and is not attached"));
  assert(html.includes("… 19,995 more rows (not shown)"));
});

Deno.test("caption phrases computed from the data", () => {
  assertEquals(describeRange([3.4, 0.12, null, NaN, 1], "USD/HNY"), "from 0.12 to 3.4 USD/HNY");
  assertEquals(describeRange([0.5, 0.5], "USD"), "0.5 USD");
  assertEquals(describeRange([0.1, 0.25], undefined, { percent: true }), "from 10% to 25%");
  assertEquals(describeRange([]), "no values");
  assertEquals(compare(1.2, 1), "higher");
  assertEquals(compare(0.8, 1), "lower");
  assertEquals(compare(1.02, 1), "about the same");
  assertEquals(change(1.42, 1), "42% higher");
  assertEquals(change(3.1, 1), "3.1 times as high");
  assertEquals(share(12, 40), "12 of 40 (30%)");
  assertEquals(share(1234, 5000), "1,234 of 5,000 (25%)");
  assertEquals(listValues([0.1, 0.2, 0.3], "USD"), "0.1, 0.2 and 0.3 USD");
  assertEquals(listValues(["a", "b"], undefined, { conjunction: "or" }), "a or b");
  assertEquals(num(1234567.8, "HNY"), "1,234,568 HNY");
  assertEquals(num(0.256, undefined, { percent: true }), "25.6%");
});
