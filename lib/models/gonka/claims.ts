/**
 * The Gonka Tokenomics V2 proposal's claims: its words and section, the quantity that tests each (computed
 * from the model: the schedule is deterministic, so no spread), a criterion fixed before the result, and
 * the verdict the notebook expects; apart, the formula identities (model checks) and the assumptions this
 * report adds (the old system's pool, an epoch of a day, the WorkCoins level). See docs/models/gonka.md for
 * the proposal and its repository.
 */
import { formatNumber } from "../../analysis/format.ts";
import {
  above,
  atLeast,
  atMost,
  between,
  type Check,
  check,
  type Claim,
  claim,
  describeMeasured,
  type Finding,
  finding,
  notTestable,
  type TestableClaim,
  within,
} from "../../notebook/claims.ts";
import { PROPOSAL } from "./examples.ts";
import { EPOCHS_PER_YEAR, falls, type GonkaOutcomes } from "./outcomes.ts";
import { toGonka } from "./reward.ts";
import { bonusParts, coverageDependence, coverageRatio, UTILIZATION_SCENARIOS } from "./utilization.ts";
import { gonkaParams } from "./params.ts";
import { modelUtilization } from "./network.ts";

/** Latin-hypercube mixes of the models' utilizations behind the bonus claims' dependence. */
export const UTILIZATION_POINTS = 64;

const NO_PRICE =
  "the model has no price, cost or demand: the proposal gives no price model, so coin value, " +
  "mining cost and participants' responses are outside it";

/**
 * A formula identity: a statement of the proposal that the implemented formulas make true by construction
 * (the schedule's sum, its half-life, the distribution's proportionality, the bonus factors' stated effects).
 * It is checked on the model's output — a failure is a defect of the implementation — and shown under "Model
 * checks", never counted among the conclusions.
 */
function identity(spec: Omit<TestableClaim, "expected" | "reason">): Check {
  return check({
    id: spec.id,
    title: spec.title ?? spec.id,
    what: `${spec.quantity}: ${spec.criterion.text} (${spec.where})`,
    holds: spec.criterion.test(spec.measured.value),
    detail: `measured ${describeMeasured(spec.measured)}`,
  });
}

/** The proposal's formula identities, checked on the experiments' outcomes. */
export function gonkaChecks(o: GonkaOutcomes): Check[] {
  const bonuses = o.bonusEffects;
  const example = o.tenPercent;
  const work = o.workCoins;
  const inflation = falls(o.inflation);
  const total = toGonka(o.uncapped.total);
  return [
    identity({
      id: "total_supply",
      title: "About 600 million gonka in total",
      quote: "Default should be set to 285,000 gonka coins per epoch, which results in approximately 600 " +
        "million total coin supply.",
      where: "section 8.1",
      quantity: "RewardCoins the decaying schedule mints over all epochs, without the cap (the chain's " +
        `integer rewards summed until they reach 0, after ${
          o.uncapped.epochs.toLocaleString("en-US")
        } epochs)`,
      criterion: within(600, 0.01, "million gonka"),
      measured: { value: total / 1e6, unit: "million gonka", digits: 6 },
    }),
    identity({
      id: "halving_1460_epochs",
      title: "Halving about every 1,460 epochs",
      quote: "-0.000475 per epoch (equivalent to halving approximately every 1,460 epochs or 4 years)",
      where: "section 4.1",
      quantity: "first epoch at which the chain's reward is at most half the genesis reward",
      criterion: within(1460, 0.01, "epochs"),
      measured: { value: o.firstHalving, unit: "epochs", digits: 4 },
    }),
    identity({
      id: "no_shock_events",
      title: "No shock from one epoch to the next",
      quote: "Smoother economic transitions without shock events",
      where: "section 4.2, benefits of gradual halving",
      quantity:
        `largest fall of the reward from one epoch to the next over ${o.largestDrop.years} years, as a share of the earlier reward`,
      criterion: atMost(1, "%"),
      measured: { value: o.largestDrop.fraction * 100, unit: "%" },
    }),
    identity({
      id: "proportional_to_weight",
      title: "Rewards proportional to PoC weight",
      quote:
        "If Participant A has 100 PoC weight and the total network has 1,000 PoC weight, Participant A " +
        "receives 10% of the epoch reward",
      where: "section 3.2",
      quantity: "A's RewardCoins of the genesis reward minus a tenth of it",
      criterion: between(-1, 1, "ngonka"),
      measured: { value: Number(example.rewardA - example.tenth), unit: "ngonka" },
    }),
    identity({
      id: "per_gpu_10x",
      title: "10× the GPUs, a tenth per GPU",
      quote: "100 GPUs, 285,000 gonka coins/epoch → 2,850 gonka coins per GPU … 1000 GPUs, 285,000 gonka " +
        "coins/epoch → 285 gonka coins per GPU (10x reduction)",
      where: "section 8.3",
      quantity: `a GPU's RewardCoins of the genesis reward among 100 equal GPUs (${
        formatNumber(o.perGpu100, { digits: 6 })
      } gonka) ÷ among 1,000 (${formatNumber(o.perGpu1000, { digits: 6 })} gonka)`,
      criterion: within(10, 0.001),
      measured: { value: o.perGpu100 / o.perGpu1000, unit: "", digits: 6 },
    }),
    identity({
      id: "fewer_per_gpu_as_network_grows",
      title: "Fewer coins per GPU as the network grows",
      quote: "when more GPUs join the network, each GPU earns fewer gonka coins from RewardCoins",
      where: "section 1",
      quantity: "a GPU's RewardCoins at genesis (100 GPUs) ÷ after two years of growth to 1,000 GPUs " +
        "(decay included)",
      criterion: atLeast(1),
      measured: { value: o.scenarioRatio, unit: "" },
    }),
    identity({
      id: "fixed_regardless_of_size",
      title: "Epoch reward independent of network size",
      quote: "Fixed Supply: Total epoch rewards remain constant regardless of network size",
      where: "section 8.3",
      quantity:
        `epochs (of ${o.largeNetwork.epochs.toLocaleString("en-US")}) whose RewardCoins differ between ` +
        "growth to 1,000 and to 10,000 GPUs",
      criterion: atMost(0),
      measured: { value: o.largeNetwork.differences, unit: "" },
    }),
    identity({
      id: "inflation_falls",
      title: "Inflation falls every year",
      quote: "Gradual reduction in inflation",
      where: "section 8.2",
      quantity: `years (of ${inflation.pairs}, years 3–${o.inflation.length + 1}) in which RewardCoins ` +
        "minted ÷ RewardCoins at the year's start is below the year before",
      criterion: atLeast(inflation.pairs, `of ${inflation.pairs}`),
      measured: { value: inflation.falling, unit: `of ${inflation.pairs}` },
    }),
    identity({
      id: "minted_and_distributed",
      title: "Every minted coin is paid out",
      quote: "a predetermined amount of RewardCoins is minted per epoch and distributed among participants " +
        "based on their Proof of Compute (PoC) weight and performance metrics",
      where: "section 1",
      quantity:
        `epochs of the participant network (20 participants, Phase-2 weights, ${
          o.conservation.epochs.toLocaleString("en-US")
        } epochs through the cap) whose RewardCoins paid to participants differ from the epoch's minted ` +
        "amount by even 1 ngonka",
      criterion: atMost(0, "epochs"),
      measured: { value: o.conservation.mismatches, unit: "epochs" },
    }),
    identity({
      id: "workcoins_unchanged",
      title: "WorkCoins unchanged",
      quote: "WorkCoins (user fees) remain unchanged and continue to be distributed based on actual work " +
        "performed",
      where: "section 1",
      quantity: "participant settlements (the upstream example at epoch index 100, below and at the cap) " +
        "whose WorkCoins equal their fee balance",
      criterion: atLeast(work.participants, `of ${work.participants}`),
      measured: { value: work.matching, unit: `of ${work.participants}` },
    }),
    identity({
      id: "utilization_bonus_1_5x",
      title: "Full utilization pays 1.5×",
      quote: "A factor of 0.5 means MLNodes serving models with 100% utilization get 1.5 times normal " +
        "rewards, while those serving 0% utilized models get normal rewards.",
      where: "section 8.1",
      quantity: "RewardCoins of a node on a fully used model ÷ those of a node on an idle one (same PoC " +
        "weight and coverage)",
      criterion: within(1.5, 0.001),
      measured: { value: bonuses.utilizationRatio, unit: "", digits: 4 },
    }),
    identity({
      id: "full_coverage_20_percent",
      title: "Full coverage pays +20 %",
      quote: "A factor of 1.2 means participants supporting every available model receive 20% more rewards",
      where: "section 8.1",
      quantity: "Phase-2 weight bonus of a participant serving every governance model (all idle, so only " +
        "coverage acts)",
      criterion: within(20, 0.001, "%"),
      measured: { value: bonuses.fullCoverage, unit: "%", digits: 4 },
    }),
    identity({
      id: "half_coverage_5_percent",
      title: "Half coverage pays +5 %",
      quote: "A factor of 0.1 means a participant supporting half the models would get a 5% bonus (0.5 " +
        "coverage × 0.1 factor).",
      where: "section 8.1",
      quantity: "Phase-2 weight bonus of a participant serving half the governance models",
      criterion: within(5, 0.001, "%"),
      measured: { value: bonuses.halfCoverage, unit: "%", digits: 4 },
    }),
  ];
}

/** Every claim of the proposal, tested where the model can, from the experiments' outcomes. */
export function gonkaClaims(o: GonkaOutcomes): Claim[] {
  const total = toGonka(o.uncapped.total);
  const sample = UTILIZATION_SCENARIOS[0].mix;
  const sampleMix = sample.map((u) => `${u * 100}%`).join("/");
  const all = bonusParts("all-models", sample);
  const busy = bonusParts("busy-model-only", sample);
  const ratio = coverageRatio(sample);
  // The share of the on-chain margin over 1 that the integer truncation adds, not the bonuses.
  const truncationShare = (ratio.truncated - ratio.exact) / (ratio.truncated - 1);
  // The named mix that moves the busy model to full use, the others as in the sample.
  const skewed = UTILIZATION_SCENARIOS.find((s) => s.mix[0] === 1 && s.mix[1] === sample[1])!;
  const skewedRatio = coverageRatio(skewed.mix).exact;
  const lhs = coverageDependence(UTILIZATION_POINTS, "gonka");
  const { allModels: allChange, busyModelOnly: busyChange } = o.coverageChanges;
  return [
    claim({
      id: "exactly_600m",
      title: "Exactly 600 million gonka",
      quote:
        "Results in total supply: 285,000 / 0.000475 = 600,000,000 gonka coins; … resulting in exactly " +
        "600 million total supply when combined with the 285,000 initial reward",
      where: "sections 4.2 and 8.1",
      quantity:
        "the same uncapped total minus 600,000,000 (the chain's supply cap cuts this excess at epoch " +
        `${o.capEpoch.toLocaleString("en-US")})`,
      criterion: between(-1, 1, "gonka over 600 million"),
      reason: "“exactly” admits no more than a gonka of rounding; the schedule is deterministic arithmetic " +
        "of the proposal's own reward and decay rate, so no sample of uncertain parameters applies",
      measured: { value: total - PROPOSAL.cap, unit: "gonka over 600 million", digits: 6 },
      expected: "does not hold",
    }),
    notTestable({
      id: "halving_4_years",
      title: "Halving every 4 years",
      quote: "halving approximately every 1,460 epochs or 4 years",
      where: "section 4.1",
      reason: "the proposal gives no epoch length: 1,460 epochs are 4 years only if an epoch lasts a day, " +
        `which this report assumes (${EPOCHS_PER_YEAR} epochs a year, listed under “Assumptions added”)`,
      expected: "not testable here",
    }),
    notTestable({
      id: "old_growth_raises_issuance",
      title: "Old system: growth raises issuance",
      quote:
        "Network growth leads to more work done, which triggers more RewardCoin minting, creating higher " +
        "inflation",
      where: "section 1",
      reason:
        "true by construction: the proposal gives no formula for the old variable subsidy, so the old " +
        "system is modelled as a fixed reward per GPU drawn from a 600M pool (an assumption of this report, " +
        "listed under “Assumptions added”); its issuance then grows with the GPUs by assumption " +
        `(×${formatNumber(o.oldSystem.issuanceGrowth)} as GPUs grow ×${formatNumber(o.oldSystem.gpuGrowth)})`,
      expected: "not testable here",
    }),
    notTestable({
      id: "scarcity_raises_value",
      title: "Scarcity raises the coin's value",
      quote:
        "the increased mining cost makes each gonka coin more valuable, potentially driving gonka price " +
        "growth and creating a positive feedback loop for network expansion",
      where: "section 1; also section 8.3",
      reason: NO_PRICE,
      expected: "not testable here",
    }),
    notTestable({
      id: "old_inflation_lowers_value",
      title: "Old system: inflation lowers value",
      quote: "higher inflation that can decrease gonka coin value even during positive network expansion",
      where: "section 1",
      reason: NO_PRICE,
      expected: "not testable here",
    }),
    claim({
      id: "coverage_incentive",
      title: "Covering every model pays more",
      quote: "Creates economic incentive for comprehensive model support",
      where: "section 6.2",
      quantity:
        `in the sample network (utilization ${sampleMix}), the Phase-2 weight of the participant serving ` +
        `all three models ÷ that of the one putting the same PoC weight on the busiest only, before the chain ` +
        `truncates weights to integers. The two bonuses pull against each other: utilization bonus ` +
        `×${formatNumber(all.utilization)} against ×${formatNumber(busy.utilization)}, coverage bonus ` +
        `×${formatNumber(all.coverage)} against ×${
          formatNumber(busy.coverage, { digits: 4 })
        }, so covering ` +
        `every model wins by ${formatNumber(100 * (ratio.exact - 1), { digits: 2 })} %; on chain ` +
        `${formatNumber(ratio.truncated, { digits: 5 })}, ${
          formatNumber(100 * truncationShare, { digits: 2 })
        } % of its margin from truncating ${formatNumber(busy.weight, { digits: 4 })} → ` +
        `${Math.floor(busy.weight)}. Under the ${skewed.name} mix the ratio is ` +
        `${formatNumber(skewedRatio, { digits: 4 })}: covering every model ` +
        `${skewedRatio > 1 ? "still pays more" : "pays less"}`,
      criterion: above(1),
      reason:
        "an incentive exists when covering every model pays more than concentrating the same weight on " +
        "the busiest model; read before the chain's integer truncation, which is not part of the bonus",
      measured: { value: ratio.exact, unit: "", digits: 4 },
      changed: {
        from: "Phase-2 RewardCoins ratio ≥ 1",
        why: `${formatNumber(100 * truncationShare, { digits: 2 })} % of the measured margin of ` +
          `${formatNumber(ratio.truncated, { digits: 5 })} over 1 came from truncating the busy-model-only ` +
          `weight ${formatNumber(busy.weight, { digits: 4 })} → ${Math.floor(busy.weight)}, not from the ` +
          "bonuses; ≥ 1 also counted a tie as an incentive.",
      },
      dependence: { share: lhs.share, flips: lhs.flips, sample: lhs.sample },
      expected: "holds",
    }),
    claim({
      id: "prevents_centralization",
      title: "Bonuses prevent centralization on popular models",
      quote: "Prevents centralization around popular models only",
      where: "section 6.2",
      quantity:
        `in the sample network (utilization ${sampleMix}), the Phase-2 change of the RewardCoins of the ` +
        `participant on the busiest model only, against its Phase-1 share (the participant serving every ` +
        `model: ${formatNumber(allChange)} %)`,
      criterion: atMost(0, "%"),
      reason:
        "the bonuses prevent concentration on a popular model only if concentrating there earns nothing " +
        "over the PoC-weight share; the model has no behaviour, so this static reward is what it can measure",
      measured: { value: busyChange, unit: "%" },
      changed: {
        from: 'not testable ("the model has no participant behaviour")',
        why:
          "the Phase-2 reward of concentrating on the busiest model, against the PoC-weight share, is what " +
          "the bonuses give a participant there whatever it then does; the model measures it.",
      },
      dependence: {
        share: lhs.centralization.share,
        flips: lhs.centralization.flips,
        sample: lhs.sample,
      },
      expected: "does not hold",
    }),
  ];
}

/**
 * What this report assumes that the proposal does not say, shown apart beside the results it drives: the
 * old system's subsidy, which the proposal describes only as growing with total work; an epoch of a day,
 * which turns epochs into years; and the level of the fees paid as WorkCoins in the participant network.
 */
export function gonkaFindings(o: GonkaOutcomes): Finding[] {
  const { runsDry, issuanceGrowth, gpuGrowth } = o.oldSystem;
  const perGpu = gonkaParams.old_reward_per_gpu.default;
  const pool = gonkaParams.supply_cap.default;
  const fee = gonkaParams.fee_per_gpu.default;
  const utilization = gonkaParams.utilization.default;
  const usage = Object.values(modelUtilization(utilization)).map((u) => formatNumber(100 * u)).join(", ");
  return [
    finding({
      id: "old_system_pool",
      title: "The old system given a 600M pool",
      kind: "assumption",
      quote:
        "Network growth leads to more work done, which triggers more RewardCoin minting, creating higher " +
        "inflation",
      where: "section 1",
      says: "the old subsidy grows with total work; no formula, pool or cap",
      model: `${formatNumber(perGpu)} gonka per GPU per epoch from a ${formatNumber(pool / 1e6)}M pool: ` +
        `issuance ×${formatNumber(issuanceGrowth)} as GPUs grow ×${formatNumber(gpuGrowth)}, the pool ` +
        `spent by epoch ${formatNumber(runsDry)}`,
      cause: "an assumption of this report, to compare the two systems; it makes the old system's growing " +
        "issuance and its running dry true by construction (the per-GPU and issuance charts)",
      // Under the assumption the old system's issuance grows with the GPUs and its pool runs dry.
      shows: issuanceGrowth > 1 && runsDry > 0,
    }),
    finding({
      id: "epoch_one_day",
      title: "An epoch lasts a day",
      kind: "assumption",
      quote: "-0.000475 per epoch (equivalent to halving approximately every 1,460 epochs or 4 years)",
      where: "section 4.1",
      says: "1,460 epochs ≈ 4 years; no epoch length given",
      model:
        `${EPOCHS_PER_YEAR} epochs a year: the first halving at epoch ${
          o.firstHalving.toLocaleString("en-US")
        } is ${formatNumber(o.firstHalving / EPOCHS_PER_YEAR)} years, the cap binds after ` +
        `${formatNumber(o.capEpoch / EPOCHS_PER_YEAR)} years`,
      cause: "an assumption of this report; every time in years rests on it: the yearly inflation, the " +
        "growth over two years (730 epochs), the charts' year axes and the cap milestones in years",
      shows: EPOCHS_PER_YEAR === 365,
    }),
    finding({
      id: "workcoins_level",
      title: "100 gonka of WorkCoins per GPU per epoch",
      kind: "assumption",
      quote: "WorkCoins (user fees) remain unchanged and continue to be distributed based on actual work " +
        "performed",
      where: "section 1",
      says: "user fees paid as WorkCoins; no fee level",
      model: `${formatNumber(fee)} gonka per GPU per epoch on a fully used model, × its model's ` +
        `utilization (${usage} % at the default ${formatNumber(utilization)})`,
      cause:
        "an assumption of this report; it sets only the participant network's WorkCoins (their line in " +
        "its chart, their column in its table): RewardCoins, every conclusion and every check are " +
        "independent of it",
      shows: fee > 0,
    }),
  ];
}
