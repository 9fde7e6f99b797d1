/**
 * The dataDAO report's captions against the data they describe: every number a chart caption states is
 * recomputed from the CSV attached to it (or, where it quotes the table of selected steps, from that
 * table's CSV), at the precision the caption prints it. The charts keep every 5th step: a step the caption
 * names between two of their points must lie between them. Run on the one render of all reports by
 * tests/report/report_test.ts (CAPTION_CHECKS).
 */
import { assert, assertStringIncludes } from "@std/assert";
import { type Captioned, captioned, checkRobustness, column, num, pct } from "../../report/captioned.ts";
import { checkFlips } from "../bostrom/report_captions.ts";

const LAST = 2000;

/** One variant's (x, y) points of a faceted chart (columns: variant, [series,] x, y). */
function facet(c: Captioned, variant: string, series?: string): { x: number; y: number }[] {
  const v = column(c, "variant");
  const s = series === undefined ? undefined : column(c, c.header[1]);
  const [x, y] = c.header.slice(-2).map((h) => column(c, h).map(Number));
  return x.flatMap((xi, i) =>
    v[i] === variant && (s === undefined || s[i] === series) ? [{ x: xi, y: y[i] }] : []
  );
}
const at = (points: readonly { x: number; y: number }[], x: number) => {
  const p = points.find((q) => q.x === x);
  assert(p, `no point at ${x}`);
  return p.y;
};
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)] : (s[m - 1] + s[m]) / 2;
};
const times = (a: number, b: number) => `${num(a / b, 2)} times`;
const signed = (x: number) => `${x > 0 ? "+" : ""}${num(x, 2)}%`;

function readmePlots(html: string) {
  const steps = captioned(html, "Both variants on selected steps");
  const stepRow = (variant: string, t: number) =>
    steps.rows.findIndex((r, i) => r[0] === variant && Number(column(steps, "timestep")[i]) === t);
  const priceOf = (variant: string, t: number) => Number(column(steps, "price")[stepRow(variant, t)]);

  const price = captioned(html, "1. Token price over time");
  const [ref, doc] = [facet(price, "reference"), facet(price, "documented")];
  assertStringIncludes(price.caption, `Both start at ${num(priceOf("reference", 0))} (empty pool)`);
  const opening = [["reference", "the shipped code's price falls to "], [
    "documented",
    "the documented one to ",
  ]];
  for (const [variant, words] of opening) {
    // The lowest price of steps 1–10, every one of which the chart shows.
    const first = facet(price, variant).filter((p) => p.x <= 10);
    assert(first.length === 10, `${variant}: ${first.length} of steps 1–10 in the chart`);
    assertStringIncludes(price.caption, `${words}${num(Math.min(...first.map((p) => p.y)), 2)}`);
  }
  assertStringIncludes(
    price.caption,
    `peak of ${num(Math.max(...ref.map((p) => p.y)))} and ends at ${num(at(ref, LAST))}`,
  );
  assertStringIncludes(price.caption, `as documented it ends at ${num(at(doc, LAST))}`);

  const ddt = captioned(html, "2. Pool dDT reserve over time");
  const [dRef, dDoc] = [facet(ddt, "reference"), facet(ddt, "documented")];
  if (ddt.caption.includes("grows at every step")) {
    assert(dDoc.every((p, i) => i === 0 || p.y >= dDoc[i - 1].y));
  }
  assertStringIncludes(ddt.caption, `to ${num(at(dDoc, LAST))} dDT`);
  assertStringIncludes(
    ddt.caption,
    `reserve ends at ${num(at(dRef, LAST))} dDT, ${times(at(dDoc, LAST), at(dRef, LAST))} smaller`,
  );

  const xdai = captioned(html, "3. Pool xDAI reserve over time");
  const [xRef, xDoc] = [at(facet(xdai, "reference"), LAST), at(facet(xdai, "documented"), LAST)];
  assertStringIncludes(
    xdai.caption,
    `ends at ${num(xRef)} xDAI as shipped and ${num(xDoc)} xDAI as documented`,
  );
  assertStringIncludes(xdai.caption, `bring ${times(xRef, xDoc)} as much xDAI`);

  const pie = captioned(html, "4. The Pie's tokens over time");
  const [pRef, pDoc] = [facet(pie, "reference"), facet(pie, "documented")];
  assertStringIncludes(
    pie.caption,
    `from ${num(at(pDoc, 1000))} dDT at step 1000 to ${num(at(pDoc, LAST))} at step ${LAST}`,
  );
  assertStringIncludes(pie.caption, `The Pie goes from ${num(at(pRef, 1000))} to ${num(at(pRef, LAST))} dDT`);
}

function agentsAndFlows(html: string) {
  const xdai = captioned(html, "Average xDAI per agent, by type");
  const end = (variant: string, type: string) => num(at(facet(xdai, variant, type), LAST));
  assertStringIncludes(
    xdai.caption,
    `end near ${end("reference", "degen")} and ${end("reference", "casual")} xDAI`,
  );
  if (xdai.caption.includes("active users never hold any xDAI")) {
    assert(facet(xdai, "reference", "active").every((p) => p.y === 0));
  }
  const org = facet(xdai, "reference", "organization").filter((p) => p.x <= LAST / 2);
  const low = org.reduce((a, b) => (b.y < a.y ? b : a));
  assertStringIncludes(xdai.caption, `falls to ${num(low.y)} xDAI by step ${low.x}`);
  assertStringIncludes(
    xdai.caption,
    `end with ${end("documented", "active")} and ${
      end("documented", "casual")
    } xDAI from their Pie shares and ` +
      `degens with ${end("documented", "degen")}`,
  );
  assertStringIncludes(xdai.caption, `organizations keep ${end("documented", "organization")}`);

  const counts = captioned(html, "Agent counts, by type");
  const types = ["degen", "organization", "power", "active", "casual"];
  assertStringIncludes(
    counts.caption,
    types.map((t) => `${at(facet(counts, "reference", t), LAST)} ${t}`).join(", "),
  );

  const flows = captioned(html, "dDT minted for data and spent on compute, cumulative");
  const ahead = (variant: string) => {
    const [minted, spent] = ["minted for data", "spent on compute"].map((s) => facet(flows, variant, s));
    return spent.map((p, i) => ({ x: p.x, over: p.y > minted[i].y }));
  };
  const doc = ahead("documented");
  const i = doc.findIndex((p) => p.over);
  const step = Number(flows.caption.match(/spending overtakes minting at step (\d+)/)![1]);
  assert(
    step > doc[i - 1].x && step <= doc[i].x,
    `overtakes at ${step}, between ${doc[i - 1].x} and ${doc[i].x}`,
  );
  if (flows.caption.includes("spending never overtakes minting")) {
    assert(ahead("reference").every((p) => !p.over));
  }
}

function feesAndDegens(html: string) {
  const fees = captioned(html, "A degen's final xDAI against the fee rate");
  const change = (variant: string) => facet(fees, variant).map((p) => p.y);
  const span = (variant: string) =>
    `${signed(Math.min(...change(variant)))} and ${signed(Math.max(...change(variant)))}`;
  assertStringIncludes(fees.caption, `As documented it moves between ${span("documented")}`);
  assertStringIncludes(fees.caption, `as shipped between ${span("reference")}`);

  const each = captioned(html, "Each degen's net position against the step it entered");
  const degens = (variant: string) => {
    const v = column(each, "variant");
    const entered = column(each, each.header[1]).map(Number);
    const net = column(each, each.header[2]).map(Number);
    return net.flatMap((n, k) => (v[k] === variant ? [{ entered: entered[k], net: n }] : []));
  };
  for (const [variant, words] of [["documented", "as documented, "], ["reference", "as shipped "]] as const) {
    const d = degens(variant);
    const gaining = d.filter((p) => p.net > 0);
    assertStringIncludes(each.caption, `${words}${pct(gaining.length / d.length)} `);
    assertStringIncludes(
      each.caption,
      `median${variant === "documented" ? " degen" : ""} ends at ${num(median(d.map((p) => p.net)))} xDAI`,
    );
    if (variant === "documented") {
      assertStringIncludes(
        each.caption,
        `(the last of them entered at step ${Math.max(...gaining.map((p) => p.entered))})`,
      );
    }
  }
  const founders = degens("documented").filter((p) => p.entered === 0).length;
  const summary = captioned(html, "Degens' pool positions after");
  const held = (variant: string) =>
    pct(Number(column(summary, "founders")[column(summary, "variant").indexOf(variant)]));
  assertStringIncludes(
    each.caption,
    `The ${founders} degens present at the start own ${held("documented")} of the pool at the end as ` +
      `documented (${held("reference")} as shipped)`,
  );

  const overTime = captioned(html, "The median degen's net position over time");
  const doc = facet(overTime, "documented").map((p) => p.y);
  assertStringIncludes(
    overTime.caption,
    `the median stays between ${num(Math.min(...doc))} and ${num(Math.max(...doc))} xDAI`,
  );
  const steps = captioned(html, "The degens' net positions every");
  const most = (variant: string) => {
    const rows = steps.rows.filter((r) => r[steps.header.indexOf("variant")] === variant);
    const [step, gaining] = ["timestep", "gaining"].map((h) =>
      rows.map((r) => Number(r[steps.header.indexOf(h)]))
    );
    const best = gaining.indexOf(Math.max(...gaining));
    return `${pct(gaining[best])} ${variant === "documented" ? "(step" : "gain (step"} ${step[best]})`;
  };
  assertStringIncludes(overTime.caption, `with a gain is at most ${most("documented")}`);
  assertStringIncludes(overTime.caption, `at most ${most("reference")}`);
  assertStringIncludes(
    overTime.caption,
    `the median ends at ${num(at(facet(overTime, "reference"), LAST))} xDAI`,
  );
}

/** Every numeric caption of the dataDAO report against its data. */
export function datadaoCaptions(html: string): void {
  readmePlots(html);
  agentsAndFlows(html);
  feesAndDegens(html);
  // The sensitivity chart shows the documented variant's PRCC: its claims' flips are checked against it.
  checkFlips(captioned(html, "What moves each claim's number"), {
    "Organizations are the main buyers (documented)": "organizations' share of dDT bought",
    "Degens gain from providing liquidity (documented)": "median degen's net position",
    "The market settles on a price (documented)": "price swing, second half",
    "Minting and spending balance (documented)": "spending over minting, second half",
  });
  checkRobustness(html);
}
