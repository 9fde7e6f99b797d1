/** CSV: RFC 4180 quoting, file names from titles, the download link and its page budget. */
import { assert, assertEquals } from "@std/assert";
import { CSV_BUDGET_BYTES, csvAttachment, slug, toCsv } from "@lib/analysis/csv.ts";

Deno.test("CSV fields are quoted when needed; slugs are file names", () => {
  assertEquals(toCsv([{ a: 'x,"y"', b: undefined }], ["a", "b"]), 'a,b\n"x,""y""",\n');
  assertEquals(slug("Gas × funding: map (2024)"), "gas-funding-map-2024");
  assertEquals(slug("∑"), "data");
});

Deno.test("a download link named after the title, or a note when the CSV is over the budget", () => {
  const small = csvAttachment([{ x: 1 }, { x: 2 }], ["x"], "Supply <by> month", "chart");
  assert(small.link.includes('download="supply-by-month.csv"'));
  assert(small.link.includes(`href="data:text/csv;base64,${btoa("x\n1\n2\n")}"`));
  assert(small.link.includes("2 rows"));
  assertEquals(small.note, "");
  assert(csvAttachment([{ x: 1 }], ["x"], "∑", "chart").link.includes('download="chart.csv"'));
  const rows = Array.from({ length: 30_000 }, (_, i) => ({ i, label: "abcdefghij" }));
  const big = csvAttachment(rows, ["i", "label"], "big");
  assert(big.bytes > CSV_BUDGET_BYTES);
  assertEquals(big.link, "");
  assert(big.note.includes("budget and is not attached"));
});
