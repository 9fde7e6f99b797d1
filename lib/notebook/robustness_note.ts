/**
 * The robustness figure of a model whose every tested verdict reads a deterministic value (gonka's integer
 * arithmetic): such verdicts have no run-to-run spread, so the margin chart (lib/plot/robustness.ts) would
 * be empty. A short computed note takes its place, each verdict's robustness in words, from the same
 * robustness the verdict table shows. A verdict with a spread has a margin to chart: it is refused here.
 */
import type { Claim, TestedClaim } from "./claim.ts";
import { escapeHtml, Html } from "./display.ts";

export function robustnessNote(claims: readonly Claim[]): Html {
  const tested = claims.filter((c): c is TestedClaim => c.robustness !== undefined);
  const spread = tested.find((c) => c.robustness.margin !== undefined);
  if (spread) {
    throw new Error(
      `claim '${spread.id}' has a margin to chart: show robustnessChart (lib/plot/robustness.ts)`,
    );
  }
  const how = (c: TestedClaim) =>
    c.robustness.kind === "exact" ? "exact, the same in every run" : c.robustness.label;
  const each = tested.map((c) => `${c.title}: ${c.verdict}, ${how(c)}.`).join(" ");
  return new Html(
    `<p class="robustness-note"><strong>How far each verdict is from flipping.</strong> ` +
      `None of the ${tested.length} tested verdicts varies from run to run: each reads a deterministic value, ` +
      `so none has a margin in units of a spread to chart. ${escapeHtml(each)}</p>`,
  );
}
