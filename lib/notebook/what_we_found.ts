/**
 * "What we found": three to six plain sentences built from the computed verdicts and their robustness —
 * how many of the document's conclusions hold, which do not and by how much, which are fragile or depend
 * on an uncertain parameter. Nothing in it is typed by hand, so it cannot say more than the verdicts do.
 * A claim is called robust only when its robustness label says so, which a dependence share under 90 %
 * never does (lib/analysis/robustness.ts).
 */
import type { Check, Claim } from "./claim.ts";
import { describeMeasured } from "./claim.ts";
import { escapeHtml, Html } from "./display.ts";

/** At most this many claims are named in one sentence; the rest are counted. */
const NAMED = 3;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "A", "A and B", "A, B and C", "A, B, C and 2 more". */
function list(items: readonly string[]): string {
  const shown = items.slice(0, NAMED);
  const rest = items.length - shown.length;
  const all = rest > 0 ? [...shown, `${rest} more`] : shown;
  return all.length <= 1 ? all.join("") : `${all.slice(0, -1).join(", ")} and ${all.at(-1)}`;
}

/** The sentences, as plain text. */
export function whatWeFoundSentences(claims: readonly Claim[], checks: readonly Check[] = []): string[] {
  const holds = claims.filter((c) => c.verdict === "holds");
  const fails = claims.filter((c) => c.verdict === "does not hold");
  const untestable = claims.filter((c) => c.verdict === "not testable here");
  const sentences = [
    `Of the document's ${plural(claims.length, "conclusion", "conclusions")}, ` +
    `${holds.length} ${holds.length === 1 ? "holds" : "hold"}, ${fails.length} ` +
    `${
      fails.length === 1 ? "does" : "do"
    } not hold and ${untestable.length} cannot be tested with this model.`,
  ];
  const firm = holds.filter((c) => c.robustness?.kind === "robust" || c.robustness?.kind === "exact");
  const names = (cs: readonly Claim[]) => list(cs.map((c) => c.title));
  sentences.push(
    holds.length === 0
      ? "None of them holds."
      : firm.length === holds.length
      ? `${holds.length === 1 ? "It holds" : `All ${holds.length} hold`} robustly (or exactly, for ` +
        `deterministic values): ${names(holds)}.`
      : firm.length === 0
      ? `${
        holds.length === 1 ? "The one that holds is not" : `None of the ${holds.length} that hold is`
      } robust: ` +
        `${names(holds)}.`
      : `${firm.length} of the ${holds.length} that hold ${
        firm.length === 1 ? "does" : "do"
      } so robustly or ` +
        `exactly (${names(firm)}).`,
  );
  sentences.push(
    fails.length === 0
      ? "None fails its criterion."
      : `${fails.length === 1 ? "Does" : "Do"} not hold: ${
        list(fails.map((c) =>
          "measured" in c
            ? `${c.title} (${
              describeMeasured({ ...c.measured, spreadLabel: undefined })
            } against ${c.criterion.text})`
            : c.title
        ))
      }.`,
  );
  const fragile = claims.filter((c) => c.robustness?.kind === "fragile");
  if (fragile.length > 0) {
    sentences.push(
      `Fragile: ${
        list(fragile.map((c) => `${c.title} (${c.robustness!.label.replace(/^fragile: /, "")})`))
      }.`,
    );
  }
  const depends = claims.filter((c) => c.robustness?.kind === "depends");
  if (depends.length > 0) {
    sentences.push(
      `Depend on uncertain parameters: ${list(depends.map((c) => `${c.title} (${c.robustness!.label})`))}.`,
    );
  }
  if (checks.length > 0) {
    sentences.push(
      `${checks.length === 1 ? "The model check passes" : `All ${checks.length} model checks pass`} ` +
        "(true by construction, so not counted among the conclusions).",
    );
  }
  return sentences;
}

/** The sentences as one paragraph, in a section the report shows first under "What we found". */
export function whatWeFound(claims: readonly Claim[], checks: readonly Check[] = []): Html {
  return new Html(
    `<section class="what-we-found"><p>${
      escapeHtml(whatWeFoundSentences(claims, checks).join(" "))
    }</p></section>`,
  );
}
