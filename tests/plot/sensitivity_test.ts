/** The sensitivity chart: one bar per (parameter, outcome), labelled, with its data offered. */
import { assert } from "@std/assert";
import { sensitivityChart } from "@lib/plot/sensitivity.ts";

Deno.test("the sensitivity chart draws a bar per parameter and outcome with readable labels", () => {
  const chart = sensitivityChart([
    { outcome: "creator_retention", parameter: "gas_fee_share_rate", prcc: -0.8 },
    { outcome: "creator_retention", parameter: "tracing_accuracy", prcc: 0.3 },
    { outcome: "investor_roi", parameter: "gas_fee_share_rate", prcc: 0.1 },
    { outcome: "investor_roi", parameter: "tracing_accuracy", prcc: -0.5 },
  ], { title: "What drives the outcomes", caption: "Gas fee drives retention." });
  const html = chart.html;
  assert(html.includes("partial rank correlation"), "x axis label");
  assert(html.includes("gas fee share rate") && html.includes("creator retention"), "names shown as words");
  assert((html.match(/<rect/g) ?? []).length >= 4, "four bars");
});
