/**
 * The BITrewards parameters both rule sets read, under the same meaning (docs/models/bitrewards.md), and the
 * spec helpers every group of the model's parameters uses. Defaults are the original implementation's where
 * it had one, else a choice documented in the description ("choice: …"). One step is one week.
 */
import { paramGroup, type ParamValues } from "../../engine/params.ts";

export const count = (d: number, description: string, min = 0) =>
  ({ kind: "number", default: d, unit: "agents", description, min, max: 1_000_000, integer: true }) as const;
export const share = (d: number, description: string, unit = "fraction") =>
  ({ kind: "number", default: d, unit, description, min: 0, max: 1 }) as const;
export const positive = (d: number, unit: string, description: string, max = 1e9) =>
  ({ kind: "number", default: d, unit, description, min: 0, max }) as const;

export const sharedParams = paramGroup("shared by both rule sets", {
  // Population
  N_creators: count(30, "Creator agents at the start (reference scenarios: 30)."),
  N_investors: count(6, "Investor agents at the start (reference scenarios: 6)."),
  N_users: count(60, "User agents at the start (reference scenarios: 60)."),

  // Creators
  quality_noise: share(0.1, "Half-width of the uniform quality noise (original: 0.1).", "1"),
  skill_min: share(0.3, "Creator skill drawn uniformly from [skill_min, skill_max].", "1"),
  skill_max: share(0.9, "Upper bound of creator skill.", "1"),
  supporting_creator_fraction: share(
    0.3,
    "Share of creators in supporting roles (reviewer, curator, tester, community) rather than developer/scientist.",
  ),

  // Investors
  investor_budget: positive(150, "fee units", "Initial investor budget (reference scenarios: 150)."),
  investor_max_funding_per_step: {
    kind: "number",
    default: 1,
    unit: "fundings/step",
    description: "Most funding contributions an investor makes per step (reference scenarios: 1).",
    min: 0,
    max: 1000,
    integer: true,
  },
  investor_min_target_quality: share(
    0.5,
    "Lowest quality of a contribution an investor funds (original: 0.5).",
    "1",
  ),
  investor_royalty_min: share(
    0.01,
    "Lowest split of a funding edge (royalty drawn uniformly in [min, max]).",
  ),
  investor_royalty_max: share(0.03, "Highest split of a funding edge."),

  // Users
  usage_probability: share(
    0.6,
    "Probability that a user uses the network in a step (original: 0.6).",
    "probability",
  ),
  lambda_usage_per_step: positive(
    5,
    "events/step",
    "Mean Poisson number of usage events of an active user (calibration: 5, so that the fees of 60 users " +
      "(60 · 0.6 · 5 · 1.0 · 0.005 = 0.9 per step) can cover the 0.02 aspirations of 36 earning agents; with " +
      "the original's 1.0 even a perfectly even split leaves every agent below aspiration).",
    1000,
  ),
  gross_value: positive(1, "fee units/event", "Gross value of one usage event (original: 1.0)."),

  // Economics
  gas_fee_share_rate: {
    kind: "number",
    default: 0.005,
    unit: "fraction of gross value",
    description: "Share of each event's gross value that becomes the reward pool R.",
    min: 0.001,
    max: 0.01,
  },
  default_derivative_split: share(
    0.5,
    "Split of edges into derivative contributions without a special type.",
  ),
  supporting_derivative_split: share(
    0.25,
    "Split of the edge into a supporting-role creator's contribution where no other split applies — in the " +
      "reference rules every supporting contribution; core-role ones take default_derivative_split (original: 0.25).",
  ),

  // Tracing
  tracing_accuracy: share(
    0.8,
    "Probability that each true parent edge is recorded (original: 0.8).",
    "probability",
  ),
  tracing_false_positive_rate: share(
    0.05,
    "When tracing misses a true parent, probability that an edge to a uniformly random other contribution is " +
      "recorded instead (original: 0.05).",
    "probability",
  ),

  // Satisfaction and churn
  aspiration_income_creators: positive(
    0.02,
    "fee units/step",
    "Income per step a creator aspires to (scenarios: 0.02).",
  ),
  aspiration_income_investors: positive(
    0.012,
    "fee units/step",
    "Royalty income per step an investor aspires to (calibration: 0.012 = funding_cost × " +
      "investor_max_funding_per_step, so an investor is content (satisfaction ≥ ½) when a week's royalties pay " +
      "for the fundings it may make in a week; what the reference scenarios' investors earn against it is " +
      "measured by each run, not set, so their churn is possible where royalties fall short but not certain).",
  ),
  aspiration_income_users: positive(
    0.02,
    "fee units/step",
    "Benefit per step a user aspires to (choice: 0.02).",
  ),
  satisfaction_k: positive(
    1.5,
    "1",
    "Slope of the logistic satisfaction in the income ratio (original: 1.5).",
    100,
  ),
  churn_threshold: share(0.1, "Satisfaction below which an agent starts to churn (baseline: 0.1).", "1"),
  churn_steps: {
    kind: "number",
    default: 40,
    unit: "steps",
    description: "Consecutive steps below the threshold after which an agent leaves (baseline: 40).",
    min: 1,
    max: 1e6,
    integer: true,
  },
  collapse_fraction: share(
    0.2,
    "A run collapses when active creators fall below this share of the initial ones.",
  ),
});

export type SharedParams = ParamValues<typeof sharedParams>;
