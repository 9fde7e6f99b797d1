/**
 * The parameters only the design rules read (rules = design; design.ts, agents.ts, contributions.ts): the
 * design document's parameter section (6) beyond what both rule sets share, and the quantities its sections
 * 3–4 use. Defaults are a choice documented in the description ("choice: …") where the original
 * implementation had none; see docs/models/bitrewards.md.
 */
import { paramGroup, type ParamValues } from "../../engine/params.ts";
import { count, positive, share, type SharedParams } from "./shared_params.ts";

/** How often users pick a contribution of a type, relative to a main module (code, data, discovery). */
const usageWeight = (d: number, type: string) =>
  positive(
    d,
    "1 (relative to a main module)",
    `Weight of a ${type} when a user picks a contribution to use, before quality (choice: ${d}; see ` +
      "docs/models/bitrewards.md, usage weights).",
    100,
  );
/** Probability that a core role's new project is in a domain; each role's probabilities sum to 1. */
const startsIn = (d: number, role: string, domain: string, why: string) =>
  share(
    d,
    `Probability that a ${role} starting a project starts it in ${domain} (choice: ${d}, ${why}; the ${role}'s ` +
      "probabilities must sum to 1).",
    "probability",
  );
/** Probability that a creator of a role makes a type when it derives; each role's probabilities sum to 1. */
const makes = (d: number, role: string, type: string) =>
  share(
    d,
    `Probability that a ${role} deriving from a project makes a ${type} (choice: ${d}; the ${role}'s ` +
      "probabilities must sum to 1).",
    "probability",
  );

/**
 * The contribution types each creator role can make when it derives from a project, in the order they are
 * drawn; `<role>_makes_<type>` is the probability of each (the design: types "conditioned on role", with no
 * numbers). Curators and testers also have one main-module type at probability 0 by default: setting it
 * above 0 puts `supporting_derivative_split` to use in the design variant.
 */
export const DERIVATIVE_TYPES_BY_ROLE = {
  developer: ["software_code", "bugfix", "test_case", "dataset"],
  scientist: ["bio_discovery", "dataset", "annotation"],
  reviewer: ["review", "annotation"],
  curator: ["curation", "recommendation", "dataset"],
  tester: ["test_case", "bugfix", "software_code"],
  community: ["moderation", "event_organization", "introduction"],
} as const;
type DerivativeRole = keyof typeof DERIVATIVE_TYPES_BY_ROLE;

/**
 * The domains each core role starts projects in; `<role>_starts_in_<domain>` is the probability of each (the
 * design names none: mostly the role's home domain, sometimes the neighbouring one).
 */
export const INITIATOR_DOMAINS_BY_ROLE = {
  developer: ["software", "education"],
  scientist: ["biology", "chemistry"],
} as const;
type InitiatorRole = keyof typeof INITIATOR_DOMAINS_BY_ROLE;
/** The name of a `<role>_starts_in_<domain>` parameter. */
export type InitiatorParam = {
  [R in InitiatorRole]: `${R}_starts_in_${(typeof INITIATOR_DOMAINS_BY_ROLE)[R][number]}`;
}[InitiatorRole];
/** The name of a `<role>_makes_<type>` parameter. */
export type DerivativeParam = {
  [R in DerivativeRole]: `${R}_makes_${(typeof DERIVATIVE_TYPES_BY_ROLE)[R][number]}`;
}[DerivativeRole];

export const designParams = paramGroup("of the design rules only (rules = design)", {
  // 6.1 Population
  initial_projects: {
    ...count(3, "Projects seeded before step 1, each with its initiator contributions (choice: 3)."),
    unit: "projects",
  },
  initial_initiator_contributions_per_project: {
    kind: "number",
    default: 1,
    unit: "contributions",
    description: "Initiator contributions per seeded project (choice: 1).",
    min: 1,
    max: 100,
    integer: true,
  },

  // 6.2 Behaviour: creators
  intrinsic_motivation_weight: share(0.5, "Weight of intrinsic motivation in a creator's utility.", "1"),
  monetary_weight: share(
    0.5,
    "Weight of expected payoff (relative to aspiration) in a creator's utility.",
    "1",
  ),
  contribution_threshold: share(
    0.5,
    "Utility at which a creator contributes with probability one half.",
    "1",
  ),
  beta: positive(4, "1", "Slope of the sigmoid from utility to contribution probability.", 100),
  p_new_initiator_base: share(
    0.2,
    "Probability that a contribution starts a new project before saturation (choice: 0.2; no original default).",
    "probability",
  ),
  project_saturation_scale: positive(
    20,
    "projects",
    "Saturation factor = projects / (projects + this): new projects get rarer as they multiply (choice: 20).",
    1e6,
  ),
  base_quality_mean: share(
    0.2,
    "Quality intercept: quality = clamp(mean + weight·skill + noise) (choice: 0.2).",
    "1",
  ),
  skill_quality_weight: share(
    0.6,
    "Weight of skill in quality (choice: 0.6, so skill 0.3–0.9 → 0.38–0.74).",
    "1",
  ),
  income_ma_alpha: share(
    0.3,
    "Weight of the newest income in a creator's moving average of income per contribution.",
  ),
  expected_payoff_prior: positive(
    0.02,
    "fee units/contribution",
    "Expected payoff per contribution before a creator has income history (choice: the aspiration).",
  ),
  developer_starts_in_software: startsIn(0.7, "developer", "software", "its home domain"),
  developer_starts_in_education: startsIn(
    0.3,
    "developer",
    "education",
    "developers also write teaching material",
  ),
  scientist_starts_in_biology: startsIn(0.7, "scientist", "biology", "its home domain"),
  scientist_starts_in_chemistry: startsIn(0.3, "scientist", "chemistry", "the neighbouring science"),
  developer_makes_software_code: makes(0.6, "developer", "software_code"),
  developer_makes_bugfix: makes(0.2, "developer", "bugfix"),
  developer_makes_test_case: makes(0.1, "developer", "test_case"),
  developer_makes_dataset: makes(0.1, "developer", "dataset"),
  scientist_makes_bio_discovery: makes(0.5, "scientist", "bio_discovery"),
  scientist_makes_dataset: makes(0.3, "scientist", "dataset"),
  scientist_makes_annotation: makes(0.2, "scientist", "annotation"),
  reviewer_makes_review: makes(0.8, "reviewer", "review"),
  reviewer_makes_annotation: makes(0.2, "reviewer", "annotation"),
  curator_makes_curation: makes(0.7, "curator", "curation"),
  curator_makes_recommendation: makes(0.3, "curator", "recommendation"),
  curator_makes_dataset: makes(0, "curator", "dataset (a curated data set)"),
  tester_makes_test_case: makes(0.6, "tester", "test_case"),
  tester_makes_bugfix: makes(0.4, "tester", "bugfix"),
  tester_makes_software_code: makes(0, "tester", "software_code (test tooling)"),
  community_makes_moderation: makes(0.4, "community member", "moderation"),
  community_makes_event_organization: makes(0.3, "community member", "event_organization"),
  community_makes_introduction: makes(0.3, "community member", "introduction"),

  // 6.2 Behaviour: investors
  funding_cost: positive(
    0.012,
    "fee units/funding",
    "Budget spent per funding contribution (calibration: 0.012, the break-even cost — the median over the four " +
      "reference scenarios' runs of the royalties a funding returned over the run, to two significant digits — " +
      "fitted on held-out runs (root seed 9000, apart from the seed-42 runs that judge the claims on ROI), " +
      "where it is a fixed point: measured at 0.012 it gives 0.012); scenarios whose fundings return more give " +
      "investors a positive ROI, the others a negative one. calibration.ts `breakEvenFundingCost`; the " +
      "notebook checks it).",
  ),
  min_expected_roi_mean: positive(
    0.001,
    "1/step",
    "Mean required estimated ROI per step, (recent project fees × royalty) / funding_cost (choice: 0.001).",
    10,
  ),
  min_expected_roi_std: positive(
    0.0005,
    "1/step",
    "Spread of the required ROI across investors (choice).",
    10,
  ),
  risk_aversion: positive(
    0,
    "standard deviations",
    "How far an investor discounts a project's estimated ROI for its variability: it ranks and funds by " +
      "(mean − risk_aversion · standard deviation of the project's fees over revenue_window) · royalty / " +
      "funding_cost (choice: 0, the design's estimate, which ignores risk).",
    100,
  ),
  revenue_window: {
    kind: "number",
    default: 8,
    unit: "steps",
    description: "Steps of project revenue averaged for an investor's expected revenue (choice: 8).",
    min: 1,
    max: 1000,
    integer: true,
  },

  // 6.2 Behaviour: users
  demand_reputation_weight: positive(
    1,
    "1",
    "demand_score = intrinsic_demand · (1 + weight · reputation) (choice: 1).",
    100,
  ),
  quality_sensitivity: share(
    0.5,
    "Weight of quality when a user picks the contribution to use (choice: 0.5).",
    "1",
  ),
  price_sensitivity: positive(
    0,
    "1/(fraction of gross value)",
    "How much a user's usage falls as the fee share rises: events ~ Poisson(lambda_usage_per_step · " +
      "max(0, 1 − price_sensitivity · gas_fee_share_rate)); e.g. 50 halves usage at a fee share of 0.01 " +
      "(choice: 0, the design's users, whose usage does not depend on the fee).",
    1000,
  ),
  usage_weight_software_code: usageWeight(1, "software_code"),
  usage_weight_dataset: usageWeight(1, "dataset"),
  usage_weight_bio_discovery: usageWeight(1, "bio_discovery"),
  usage_weight_bugfix: usageWeight(0.5, "bugfix"),
  usage_weight_test_case: usageWeight(0.5, "test_case"),
  usage_weight_annotation: usageWeight(0.5, "annotation"),
  usage_weight_review: usageWeight(0.3, "review"),
  usage_weight_curation: usageWeight(0.3, "curation"),
  usage_weight_recommendation: usageWeight(0.3, "recommendation"),
  usage_weight_moderation: usageWeight(0.1, "moderation"),
  usage_weight_event_organization: usageWeight(0.1, "event_organization"),
  usage_weight_introduction: usageWeight(0.1, "introduction"),
  user_value_share: share(
    0.05,
    "Share of an event's gross value × quality that the user keeps as its own benefit, the 'income' its satisfaction " +
      "reads (calibration: without it users earn nothing and all churn — see the scenario notes).",
  ),

  // 6.3 Economics: the whitepaper's splits
  split_review: share(0.1, "Split into a review (whitepaper: 10%)."),
  split_curation: share(0.05, "Split into a curation (whitepaper: 5%)."),
  split_annotation: share(0.03, "Split into an annotation (whitepaper: 3%)."),
  split_bugfix: share(0.05, "Split into a bugfix (whitepaper: 5%)."),
  split_test_case: share(0.05, "Split into a test case (whitepaper: 5%)."),
  split_introduction: share(0.02, "Split into an introduction (whitepaper: 2%)."),
  split_moderation: share(0.02, "Split into a moderation (whitepaper: 2%)."),
  split_event_organization: share(0.03, "Split into an event organization (whitepaper: 3%)."),
  split_recommendation: share(0.03, "Split into a recommendation (whitepaper: 3%)."),

  // 6.4 Reward distribution
  max_graph_depth: {
    kind: "number",
    default: 10,
    unit: "edges",
    description: "Furthest ancestor paid for an event (choice: 10).",
    min: 0,
    max: 1e6,
    integer: true,
  },
  max_ancestors_per_event: {
    kind: "number",
    default: 50,
    unit: "contributions",
    description: "Most ancestors paid for one event, nearest first (choice: 50).",
    min: 0,
    max: 1e6,
    integer: true,
  },
});

/** Everything a design run reads: the shared parameters and the design's own. */
export type DesignParams = SharedParams & ParamValues<typeof designParams>;
