// "What we found" opens the page: the section claimsTable emits is taken out of its cell and shown before
// the verdicts, which keep their counts of conclusions only (model checks are not counted).
import { assert, assertEquals } from "@std/assert";
import { atLeast, check, claim, claimsTable } from "@lib/notebook/claims.ts";
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
    expected: "holds",
  })],
  [check({ id: "pool", title: "Pool conserved", what: "pool + paid = minted", holds: true })],
).html;

Deno.test("the page opens with what was found, then the verdicts; checks are not counted", () => {
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
});
