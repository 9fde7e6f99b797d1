/**
 * Claims as data, as a notebook uses them: each documented conclusion of a source document is stated with
 * `claim(...)` (or `notTestable(...)`, lib/notebook/claim.ts) against a criterion (lib/notebook/criteria.ts),
 * properties true by construction with `check(...)`, inconsistencies and assumptions with `finding(...)`,
 * and all are shown with `claimsTable(claims, checks, findings)`: "What we found"
 * (lib/notebook/what_we_found.ts), then the verdict table, the model checks, the findings and the method
 * notes. Each claim records the verdict the notebook expects; when the computed verdict differs,
 * `claimsTable` throws naming the claim, so `task report` fails: a regression is seen, and changing an
 * expectation is a visible edit.
 */
import { MIN_MARGIN, RESAMPLES, STABLE_SHARE } from "../analysis/robustness.ts";
import {
  type Check,
  checkExpected,
  type Claim,
  describeMeasured,
  describeSpread,
  type Finding,
  type TestedClaim,
  verdictCounts,
} from "./claim.ts";
import { escapeHtml, Html } from "./display.ts";
import { robustnessDetail, robustnessTag } from "./robustness_tag.ts";
import { findingsHeading, whatWeFound } from "./what_we_found.ts";

export * from "./claim.ts";
export * from "./criteria.ts";
export { whatWeFound, whatWeFoundSentences } from "./what_we_found.ts";

const slug = (s: string) => s.replaceAll(" ", "-");

/** The verdict table's columns, in order (page.ts labels them on a phone by their order). */
const COLUMNS = ["claim", "measured", "criterion", "verdict", "robustness"];

/** What is folded under a claim's title: the document's words, what was measured, why, how robust. */
function claimDetails(c: Claim): string {
  const testable = "measured" in c;
  return [
    `<q>${escapeHtml(c.quote)}</q> <small>(${escapeHtml(c.where)})</small>`,
    testable
      ? `Measured: ${escapeHtml(c.quantity)}${
        c.measured.spreadLabel ? `; spread ${escapeHtml(c.measured.spreadLabel)}` : ""
      }. Criterion: ${escapeHtml(c.criterion.text)}.`
      : "",
    c.reason ? `${testable ? "Why this criterion" : "Why not testable"}: ${escapeHtml(c.reason)}` : "",
    testable && c.dependsOn ? `Depends on a calibration: ${escapeHtml(c.dependsOn)}.` : "",
    testable ? `Robustness: ${escapeHtml(robustnessDetail(c))}` : "",
  ].filter(Boolean).map((p) => `<p>${p}</p>`).join("");
}

/**
 * The measured value with its unit, and its 5–95 % spread smaller beside it; each kept whole, so that a
 * narrow column breaks between them rather than inside a number.
 */
function measuredCell(c: TestedClaim): string {
  const value = escapeHtml(describeMeasured({ ...c.measured, spread: undefined, spreadLabel: undefined }));
  const spread = c.measured.spread
    ? ` <small class="spread">(${escapeHtml(describeSpread(c.measured))})</small>`
    : "";
  return `<td class="measured"><span class="value">${value}</span>${spread}</td>`;
}

/** The criterion's short wording when the measured value beside it says the unit already; else in full. */
function criterionText(c: TestedClaim): string {
  const { criterion, measured } = c;
  return criterion.short !== undefined && (criterion.unit ?? "") === measured.unit
    ? criterion.short
    : criterion.text;
}

/** One row: title (details folded) · measured · criterion · verdict · robustness tag. */
function claimRow(c: Claim, title: string): string {
  const cells = "measured" in c
    ? measuredCell(c) + `<td>${escapeHtml(criterionText(c))}</td>`
    : `<td>—</td><td>—</td>`;
  const robustness = c.robustness
    ? `<td class="robustness robustness-${c.robustness.kind}">${escapeHtml(robustnessTag(c))}</td>`
    : `<td class="robustness">—</td>`;
  return `<tr id="claim-${escapeHtml(c.id)}"><td class="claim">${escapeHtml(title)}` +
    `<details><summary>details</summary>${claimDetails(c)}</details></td>${cells}` +
    `<td class="verdict verdict-${slug(c.verdict)}">${c.verdict}${
      c.verdict === c.expected ? "" : ` <small>(changed: ${c.expected} with the default parameters)</small>`
    }</td>${robustness}</tr>`;
}

/** "Low tracing: rewards become more local" → ["Low tracing", "rewards become more local"]. */
function splitTitle(title: string): [string, string] | undefined {
  const match = title.match(/^([^:]{1,40}): (.+)$/);
  return match ? [match[1], match[2]] : undefined;
}

/** A title's rest, capitalised as a title of its own ("rewards…" → "Rewards…", but "dDT…" stays). */
const capitalise = (s: string) => /^[a-z][a-z]/.test(s) ? s.charAt(0).toUpperCase() + s.slice(1) : s;

/**
 * The rows, with claims whose titles share a prefix ("Low tracing: …") in a row group under that prefix:
 * a scenario named once above its claims instead of in every title, which keeps the titles to one line.
 * Only a run of at least two consecutive claims is grouped; the others keep their titles whole.
 */
function claimRows(claims: readonly Claim[]): string {
  const groups: { name?: string; claims: Claim[] }[] = [];
  for (const c of claims) {
    const name = splitTitle(c.title)?.[0];
    const last = groups.at(-1);
    if (last && name !== undefined && last.name === name) last.claims.push(c);
    else groups.push({ name, claims: [c] });
  }
  let html = "";
  let plain = "";
  const flush = () => {
    if (plain) html += `<tbody>${plain}</tbody>`;
    plain = "";
  };
  for (const { name, claims: members } of groups) {
    if (name === undefined || members.length < 2) {
      plain += members.map((c) => claimRow(c, c.title)).join("");
      continue;
    }
    flush();
    html += `<tbody class="group"><tr class="group"><th colspan="${COLUMNS.length}" scope="rowgroup">` +
      `${escapeHtml(name)}</th></tr>` +
      members.map((c) => claimRow(c, capitalise(splitTitle(c.title)![1]))).join("") + "</tbody>";
  }
  flush();
  return html;
}

/** The model checks, each folded to its title: what is checked and its detail open under it. */
function checksTable(checks: readonly Check[]): string {
  if (checks.length === 0) return "";
  const rows = checks.map((k) =>
    `<tr id="check-${escapeHtml(k.id)}"><td class="claim">${escapeHtml(k.title)}<details><summary>what is ` +
    `checked</summary><p>${escapeHtml(k.what)}${
      k.detail ? ` <small>(${escapeHtml(k.detail)})</small>` : ""
    }` +
    `</p></details></td><td class="verdict verdict-holds">passes</td></tr>`
  ).join("");
  return `<h3>Model checks</h3><table class="checks"><caption>True by construction of the model: ` +
    `checked on its output, not counted among the document's conclusions</caption>` +
    `<thead><tr><th>check</th><th>result</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * The inconsistencies and assumptions, under a heading that names the kinds there are: what the document
 * says, what the model gives and what drives the difference, one line each, the document's words folded
 * under the title.
 */
function findingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return "";
  const rows = findings.map((f) =>
    `<tr id="finding-${escapeHtml(f.id)}"><td class="claim">${escapeHtml(f.title)}<details><summary>` +
    `${f.kind}</summary><p><q>${escapeHtml(f.quote)}</q> <small>(${escapeHtml(f.where)})</small></p>` +
    `</details></td><td>${escapeHtml(f.says)}</td><td>${escapeHtml(f.model)}</td>` +
    `<td>${escapeHtml(f.cause)}</td></tr>`
  ).join("");
  return `<h3>${findingsHeading(findings)}</h3><table class="findings"><caption>Where the document and its ` +
    `code disagree, or the model assumes what the document does not say: shown apart, not counted among ` +
    `the document's conclusions</caption><thead><tr><th>finding</th><th>the document</th><th>the model</th>` +
    `<th>driven by</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function methodNotes(claims: readonly Claim[]): string {
  const notes = [
    `Robustness: the margin is how far the threshold could move before the verdict flips, in units of the ` +
    `evidence's 5–95 % width; the stability is the share of seeded bootstrap resamples of the runs ` +
    `(${
      RESAMPLES.toLocaleString("en-US")
    }, unless a claim's details give another number) that give the same verdict. “Robust” means a stability of at least ` +
    `${
      100 * STABLE_SHARE
    } % and a margin of at least ${MIN_MARGIN} spread, and, where the model's uncertain ` +
    `parameters were sampled, agreement in at least ${100 * STABLE_SHARE} % of the sample; “exact” marks a ` +
    `deterministic value. The table's robustness column names the weakest of these in a few words ` +
    `(“fragile: 82 % agree”, “depends on 3 parameters”); each claim's details give every one of them.`,
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
 * "What we found", then the verdict table (title · measured · criterion · verdict · robustness tag, one
 * line per claim, a scenario shared by consecutive titles named once above them; the document's words,
 * the quantity, the criterion in full, its reason and the robustness in full folded per row), the model
 * checks (each folded to its title), the inconsistencies and assumptions found, and the method notes.
 * Checks the expectations first (throws on a changed verdict). The claims section carries its counts of
 * conclusions — never of checks or findings — as data attributes, which the report renderer reads to
 * place it first and to summarise the report in the index.
 */
export function claimsTable(
  claims: readonly Claim[],
  checks: readonly Check[] = [],
  findings: readonly Finding[] = [],
): Html {
  checkExpected(claims, checks, findings);
  const counts = verdictCounts(claims);
  return new Html(
    whatWeFound(claims, checks, findings).html +
      `<section class="claims" data-holds="${counts["holds"]}" data-fails="${counts["does not hold"]}" ` +
      `data-untestable="${counts["not testable here"]}"><table class="verdicts">` +
      `<caption>The document's conclusions, each tested against a criterion stated before the result</caption>` +
      `<thead><tr>${COLUMNS.map((c) => `<th>${c}</th>`).join("")}</tr></thead>${claimRows(claims)}</table>` +
      checksTable(checks) + findingsTable(findings) + methodNotes(claims) + `</section>`,
  );
}
