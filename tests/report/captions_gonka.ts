/**
 * The Gonka report's captions against the data they describe: each number a caption states is recomputed
 * from the CSV attached to its chart or table, at the precision the caption prints it. The schedule is
 * deterministic, so these are exact.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { gini } from "@lib/analysis/gini.ts";
import { type Captioned, captioned, column, num } from "./captioned.ts";

const numbers = (c: Captioned, name: string) => column(c, name).map(Number);
const thousands = (x: number, digits = 0) => x.toLocaleString("en-US", { maximumFractionDigits: digits });

/** The inflation chart and the utilization scenarios. */
function inflationAndScenarios(html: string): void {
  const inflation = captioned(html, "Yearly inflation of the RewardCoins supply");
  const years = column(inflation, "year since genesis").map(Number);
  const percent = column(inflation, "inflation (% per year, log scale)").map(Number);
  const at = (year: number) => percent[years.indexOf(year)];
  const last = years.at(-1)!;
  assertStringIncludes(
    inflation.caption,
    `It falls from ${num(at(2))}% in year 2 to ${num(at(5))}% in year 5, ${num(at(10))}% in year 10 and ` +
      `${num(at(last))}% in year ${last}`,
  );
  const falls = percent.slice(1).filter((x, i) => x < percent[i]).length;
  assertStringIncludes(inflation.caption, `it falls in ${falls} of ${percent.length - 1} successive years`);

  const mixes = captioned(html, "One epoch's RewardCoins of three of the six participants");
  const ratio = column(mixes, "coverage_ratio").map(Number);
  const chain = column(mixes, "coverage_ratio_chain").map(Number);
  const names = column(mixes, "scenario");
  assertStringIncludes(mixes.caption, `under ${mixes.rows.length} utilization mixes`);
  assertStringIncludes(
    mixes.caption,
    `by a ratio of ${num(ratio[0], 4)} before truncation (${num(chain[0], 4)} after)`,
  );
  const flipped = names.filter((_, i) => ratio[i] <= 1);
  assertStringIncludes(
    mixes.caption,
    `it does not in ${flipped.length} of ${names.length} mixes (${flipped.join("; ")})`,
  );
}

/** The halving charts: the chain's reward against the step schedule at the step's first and third halving. */
function halving(html: string): void {
  for (const scale of ["linear", "log"]) {
    const chart = captioned(html, `Epoch reward over 40 years (${scale} scale)`);
    const schedule = column(chart, "schedule");
    const years = numbers(chart, "years since genesis (365 epochs a year)");
    const gonka = numbers(chart, "reward per epoch (gonka)");
    const at = (epoch: number, name: string) =>
      gonka[years.findIndex((y, i) => Math.abs(y * 365 - epoch) < 1e-6 && schedule[i] === name)];
    for (
      const [epoch, label] of [[1460, "at epoch 1,460 the chain pays"], [5840, "at epoch 5,840"]] as const
    ) {
      assertStringIncludes(
        chart.caption,
        `${label} ${thousands(at(epoch, "gradual (chain)"))} ${
          epoch === 1460 ? "gonka against the step's" : "against"
        } ` +
          `${thousands(at(epoch, "halving every 1460 epochs"))}`,
      );
    }
  }
}

/** The cumulative supply: each schedule starts at its genesis reward and stays under its cap; the milestones. */
function supply(html: string): void {
  const chart = captioned(html, "Cumulative RewardCoins minted");
  const parameters = column(chart, "parameters");
  const million = numbers(chart, "total minted (million gonka)");
  for (const [name, reward, cap] of [["proposal", 285_000, 600], ["mainnet", 323_000, 680]] as const) {
    const rows = parameters.flatMap((p, i) => (p.startsWith(name) ? [million[i]] : []));
    assertStringIncludes(chart.caption, `(${thousands(reward)} gonka/epoch, cap ${cap}M)`);
    assertEquals(rows[0], reward / 1e6, `${name}: the genesis reward is minted at the first point`);
    assert(rows.every((x, i) => x <= cap && (i === 0 || x >= rows[i - 1])), `${name}: rising, under ${cap}M`);
  }
  const milestones = captioned(html, "Epochs (and years of 365 epochs)");
  const spans = milestones.caption.match(/computed for (\d+) years, the mainnet's for (\d+)/)!.slice(1).map(
    Number,
  );
  for (const [k, name] of (["proposal", "mainnet"] as const).entries()) {
    const years = column(milestones, `${name}_years`);
    const epochs = column(milestones, `${name}_epoch`);
    // A milestone is reached within the years computed, or shown as not reached (—, an empty field).
    years.forEach((y, i) => {
      assertEquals(y === "", epochs[i] === "");
      if (y !== "") {
        assert(Number(y) <= spans[k] && Number(epochs[i]) / 365 === Number(y), `${name} row ${i}`);
      }
    });
  }
}

/** The growth scenario: per-GPU rewards and issuance, new against the assumed old system. */
function growth(html: string): void {
  const perGpu = captioned(html, "RewardCoins per GPU per epoch while the network grows");
  const system = column(perGpu, "system");
  const epoch = numbers(perGpu, "epochs since genesis (growth ends at 730)");
  const reward = numbers(perGpu, "reward per GPU (gonka/epoch, log scale)");
  const of = (name: string) => system.flatMap((s, i) => (s.startsWith(name) ? [i] : []));
  const [fresh, old] = [of("new"), of("old")];
  const newAt = (e: number) => reward[fresh.find((i) => epoch[i] === e)!];
  assertStringIncludes(
    perGpu.caption,
    `falls from ${num(newAt(0))} gonka at genesis to ${num(newAt(730))} at epoch 730`,
  );
  // One amount per GPU until the pool is spent; the last epoch pays what is left of it.
  const oldValues = old.map((i) => reward[i]);
  assert(oldValues.slice(0, -1).every((x) => x === oldValues[0]), "the old system pays one amount per GPU");
  assert(oldValues.at(-1)! <= oldValues[0]);
  const runsDry = Math.max(...old.map((i) => epoch[i])) + 1;
  assertStringIncludes(perGpu.caption, `it stays at ${thousands(oldValues[0])} gonka`);
  assertStringIncludes(perGpu.caption, `runs dry at epoch ${runsDry};`);

  const issuance = captioned(html, "Issuance per epoch under the same growth");
  const iSystem = column(issuance, "system");
  const iEpoch = numbers(issuance, "epochs since genesis");
  const minted = numbers(issuance, "RewardCoins minted (thousand gonka/epoch)");
  const series = (name: string) => iSystem.flatMap((s, i) => (s.startsWith(name) ? [i] : []));
  const [n, o] = [series("new"), series("old")];
  const last = n.at(-1)!;
  assertStringIncludes(
    issuance.caption,
    `The fixed reward goes from ${thousands(minted[n[0]] * 1e3)} to ${thousands(minted[last] * 1e3)} gonka ` +
      `over ${thousands(iEpoch[last])} epochs`,
  );
  const oldAt = (e: number) => minted[o.find((i) => iEpoch[i] === e)!];
  assertEquals(oldAt(runsDry), 0, "the old system mints nothing once its pool is spent");
  assertStringIncludes(
    issuance.caption,
    `issuance rises ×${num(oldAt(runsDry - 2) / oldAt(0))} with the GPUs`,
  );
  assertStringIncludes(issuance.caption, `spends the whole 600M pool by epoch ${runsDry}.`);
}

/** Phase 2 in the sample network: who gains and who loses most. */
function bonuses(html: string): void {
  const chart = captioned(
    html,
    "One epoch's 285,000 gonka in the sample network, without and with the bonuses",
  );
  const participant = column(chart, "participant");
  const weights = column(chart, "weights");
  const gonka = numbers(chart, "RewardCoins (gonka)");
  const names = [...new Set(participant)];
  const of = (p: string, phase: string) =>
    gonka[participant.findIndex((x, i) => x === p && weights[i].startsWith(phase))];
  const change = names.map((p) => ({ p, c: 100 * (of(p, "Phase 2") / of(p, "Phase 1") - 1) }));
  const gainers = change.filter((x) => x.c > 0).map((x) => x.p);
  const loser = change.reduce((a, b) => (a.c < b.c ? a : b));
  assertStringIncludes(
    chart.caption,
    `The bonuses raise the share of ${gainers.join(", ")}; ${loser.p} loses most (${num(loser.c)}%).`,
  );
}

/** The participant network: the largest and smallest participant, WorkCoins, and the Gini at epoch 730. */
function network(html: string): void {
  const chart = captioned(html, "RewardCoins and WorkCoins in the participant network while it grows");
  const series = column(chart, "amount");
  const epoch = numbers(chart, "epochs since genesis (growth ends at 730)");
  const gonka = numbers(chart, "gonka per epoch (log scale)");
  const at = (name: string, e: number) =>
    gonka[series.findIndex((s, i) => s.startsWith(name) && epoch[i] === e)];
  const from = (name: string) => `${thousands(at(name, 0))}`;
  const to = (name: string) => `${thousands(at(name, 730))}`;
  assertStringIncludes(
    chart.caption,
    `The largest participant's RewardCoins go from ${from("RewardCoins: largest")} gonka at genesis to ` +
      `${to("RewardCoins: largest")} at epoch 730, the smallest's from ${from("RewardCoins: smallest")} to ` +
      `${to("RewardCoins: smallest")}`,
  );
  const work = (e: number) => at("WorkCoins", e);
  assertStringIncludes(
    chart.caption,
    `from ${thousands(work(0))} to ${thousands(work(730))} gonka per epoch (×${num(work(730) / work(0))})`,
  );
  // The Gini at epoch 730, from the table of every participant at that epoch.
  const table = captioned(html, "Every participant at epoch 730");
  assertStringIncludes(chart.caption, `${num(gini(numbers(table, "reward_gonka")), 3)} at epoch 730)`);
}

/** The bonus factors swept: each participant's change at the proposal's factor and at the sweep's top. */
function factorSweeps(html: string): void {
  for (
    const factor of [
      "utilization_bonus_factor",
      "full_coverage_bonus_factor",
      "partial_coverage_bonus_factor",
    ]
  ) {
    const chart = captioned(html, `RewardCoins against ${factor}`);
    const participant = column(chart, "participant");
    const value = numbers(chart, factor);
    const change = numbers(chart, "RewardCoins against no bonus (%)");
    const proposal = Number(chart.caption.match(/At the proposal's ([\d.]+):/)![1]);
    const top = Math.max(...value);
    const describe = (v: number) =>
      [...new Set(participant)].map((p) => {
        const c = change[participant.findIndex((x, i) => x === p && value[i] === v)];
        return `${p} ${c >= 0 ? "+" : ""}${num(c, 3)}%`;
      }).join(", ");
    assertStringIncludes(
      chart.caption,
      `At the proposal's ${proposal}: ${describe(proposal)}; at ${top}: ${describe(top)}.`,
    );
  }
}

/** Gonka: every caption that states numbers, against the data it describes. */
export function gonkaRewardsCaptions(html: string): void {
  inflationAndScenarios(html);
  halving(html);
  supply(html);
  growth(html);
  bonuses(html);
  network(html);
  factorSweeps(html);
  robustnessNote(html);
}

/**
 * No gonka verdict has a run-to-run spread, so the report gives a note in place of the margin chart: it
 * counts the verdict table's tested claims and names each with its verdict.
 */
function robustnessNote(html: string): void {
  const note = html.match(/<p class="robustness-note">([\s\S]*?)<\/p>/)?.[1];
  if (!note) throw new Error("gonka: no robustness note");
  const rows = [
    ...html.matchAll(
      /<tr id="claim-[^"]+"><td class="claim">([^<]*)<details>[\s\S]*?<td class="verdict[^"]*">([^<]*)/g,
    ),
  ].map((m) => ({ title: m[1].trim(), verdict: m[2].trim() })).filter((r) =>
    r.verdict !== "not testable here"
  );
  assert(rows.length > 0, "gonka: no tested claim in the verdict table");
  assertStringIncludes(note, `None of the ${rows.length} tested verdicts varies from run to run`);
  for (const r of rows) assertStringIncludes(note, `${r.title}: ${r.verdict}, `);
}
