/**
 * A report's robustness figure: the margin chart (lib/plot/robustness.ts) when some tested verdict has a
 * run-to-run spread. A model whose every tested value is deterministic (gonka's integer arithmetic) has no
 * margin to draw, and an empty chart would say nothing: it gets a short computed note instead, each
 * verdict's robustness in words, from the same robustness the verdict table shows.
 */
import { robustnessChart } from "../plot/robustness.ts";
import type { Chart } from "../plot/dom.ts";
import type { Claim, TestedClaim } from "./claim.ts";
import { escapeHtml, Html } from "./display.ts";

export function robustnessView(claims: readonly Claim[]): Chart | Html {
  const tested = claims.filter((c): c is TestedClaim => c.robustness !== undefined);
  if (tested.some((c) => c.robustness.margin !== undefined)) return robustnessChart(tested);
  const how = (c: TestedClaim) =>
    c.robustness.kind === "exact" ? "exact, the same in every run" : c.robustness.label;
  const each = tested.map((c) => `${c.title}: ${c.verdict}, ${how(c)}.`).join(" ");
  return new Html(
    `<p class="robustness-note"><strong>How far each verdict is from flipping.</strong> ` +
      `None of the ${tested.length} tested verdicts varies from run to run: each reads a deterministic value, ` +
      `so none has a margin in units of a spread to chart. ${escapeHtml(each)}</p>`,
  );
}
