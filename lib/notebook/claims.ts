/**
 * Claims as data, as a notebook uses them: each documented conclusion of a source document is stated with
 * `claim(...)` (or `notTestable(...)`, lib/notebook/claim.ts) against a criterion (lib/notebook/criteria.ts),
 * properties true by construction with `check(...)`, and all are shown with `claimsTable(claims, checks)`:
 * "What we found" (lib/notebook/what_we_found.ts), then the verdict table, the model checks and the method
 * notes. Each claim records the verdict the notebook expects; when the computed verdict differs,
 * `claimsTable` throws naming the claim, so `task report` fails: a regression is seen, and changing an
 * expectation is a visible edit.
 */
import { MIN_MARGIN, RESAMPLES, STABLE_SHARE } from "../analysis/robustness.ts";
import { type Check, checkExpected, type Claim, describeMeasured, verdictCounts } from "./claim.ts";
import { escapeHtml, Html } from "./display.ts";
import { whatWeFound } from "./what_we_found.ts";

export * from "./claim.ts";
export * from "./criteria.ts";
export { whatWeFound, whatWeFoundSentences } from "./what_we_found.ts";

const slug = (s: string) => s.replaceAll(" ", "-");

/** One row: title (its source, quantity and reason folded) · measured · criterion · verdict · robustness. */
function claimRow(c: Claim): string {
  const testable = "measured" in c;
  const details = [
    `<q>${escapeHtml(c.quote)}</q> <small>(${escapeHtml(c.where)})</small>`,
    testable
      ? `Measured: ${escapeHtml(c.quantity)}${
        c.measured.spreadLabel ? `; spread ${escapeHtml(c.measured.spreadLabel)}` : ""
      }.`
      : "",
    c.reason ? `${testable ? "Why this criterion" : "Why not testable"}: ${escapeHtml(c.reason)}` : "",
    testable && c.dependsOn ? `Depends on a calibration: ${escapeHtml(c.dependsOn)}.` : "",
    testable && c.dependence
      ? `Holds in ${Math.round(100 * c.dependence.share)} % of ${escapeHtml(c.dependence.sample)}.`
      : "",
  ].filter(Boolean).map((p) => `<p>${p}</p>`).join("");
  // The spread's label is folded with the quantity, so that the row stays one or two lines high.
  const measured = testable ? escapeHtml(describeMeasured({ ...c.measured, spreadLabel: undefined })) : "—";
  const criterion = testable ? escapeHtml(c.criterion.text) : "—";
  const robustness = c.robustness
    ? `<td class="robustness robustness-${c.robustness.kind}">${escapeHtml(c.robustness.label)}</td>`
    : `<td class="robustness">—</td>`;
  return `<tr id="claim-${escapeHtml(c.id)}"><td class="claim">${escapeHtml(c.title)}` +
    `<details><summary>source</summary>${details}</details></td>` +
    `<td>${measured}</td><td>${criterion}</td>` +
    `<td class="verdict verdict-${slug(c.verdict)}">${c.verdict}${
      c.verdict === c.expected ? "" : ` <small>(changed: ${c.expected} with the default parameters)</small>`
    }</td>${robustness}</tr>`;
}

function checksTable(checks: readonly Check[]): string {
  if (checks.length === 0) return "";
  const rows = checks.map((k) =>
    `<tr id="check-${escapeHtml(k.id)}"><td>${escapeHtml(k.title)}</td><td>${escapeHtml(k.what)}` +
    (k.detail ? ` <small>(${escapeHtml(k.detail)})</small>` : "") +
    `</td><td class="verdict verdict-holds">passes</td></tr>`
  ).join("");
  return `<h3>Model checks</h3><table class="checks"><caption>True by construction of the model: ` +
    `checked on its output, not counted among the document's conclusions</caption>` +
    `<thead><tr><th>check</th><th>what is checked</th><th>result</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function methodNotes(claims: readonly Claim[]): string {
  const notes = [
    `Robustness: the margin is how far the threshold could move before the verdict flips, in units of the ` +
    `evidence's 5–95 % width; the stability is the share of ${RESAMPLES.toLocaleString("en-US")} seeded ` +
    `bootstrap resamples of the runs that give the same verdict. “Robust” means a stability of at least ` +
    `${
      100 * STABLE_SHARE
    } % and a margin of at least ${MIN_MARGIN} spread, and, where the model's uncertain ` +
    `parameters were sampled, agreement in at least ${100 * STABLE_SHARE} % of the sample; “exact” marks a ` +
    `deterministic value.`,
  ];
  for (const c of claims) {
    if (!("measured" in c)) continue;
    if (c.changed) {
      notes.push(
        `${escapeHtml(c.title)}: the criterion was “${escapeHtml(c.changed.from)}” and is now ` +
          `“${escapeHtml(c.criterion.text)}”, because ${escapeHtml(c.changed.why)}`,
      );
    }
    if (c.dependsOn) {
      notes.push(`${escapeHtml(c.title)} depends on a calibration: ${escapeHtml(c.dependsOn)}.`);
    }
  }
  const changed = claims.filter((c) => "changed" in c && c.changed).length;
  return `<div class="method-notes"><h3>Method notes</h3><details><summary>How robustness is measured` +
    (changed > 0
      ? `; ${changed} ${changed === 1 ? "criterion" : "criteria"} changed, each with its old form`
      : "") +
    `</summary><ul>${notes.map((n) => `<li>${n}</li>`).join("")}</ul></details></div>`;
}

/**
 * "What we found", then the verdict table (title · measured · criterion · verdict · robustness; the
 * document's words, the quantity and the criterion's reason folded per row), the model checks and the
 * method notes. Checks the expectations first (throws on a changed verdict). The claims section carries
 * its counts of conclusions — never of checks — as data attributes, which the report renderer reads to
 * place it first and to summarise the report in the index.
 */
export function claimsTable(claims: readonly Claim[], checks: readonly Check[] = []): Html {
  checkExpected(claims, checks);
  const counts = verdictCounts(claims);
  return new Html(
    whatWeFound(claims, checks).html +
      `<section class="claims" data-holds="${counts["holds"]}" data-fails="${counts["does not hold"]}" ` +
      `data-untestable="${counts["not testable here"]}"><table class="verdicts">` +
      `<caption>The document's conclusions, each tested against a criterion stated before the result</caption>` +
      `<thead><tr><th>claim</th><th>measured</th><th>criterion</th><th>verdict</th><th>robustness</th></tr>` +
      `</thead><tbody>${claims.map(claimRow).join("")}</tbody></table>` +
      checksTable(checks) + methodNotes(claims) + `</section>`,
  );
}
