/**
 * The sizes and rules the BITrewards claims judge by, each fixed before any result and documented with why:
 * what change counts, what makes a change sharp, and why changes against the control are judged by their
 * interval over pairs of runs.
 */
/**
 * The smallest changes that count, fixed before any result: a scenario's change against the control
 * counts only when it reaches these sizes (smaller ones are within what the runs' noise and rounding make).
 */
export const MATERIAL = {
  /** Shares of royalties or fees, and ROI: percentage points. */
  points: 1,
  /** Satisfaction, on its 0–1 scale. */
  satisfaction: 0.01,
  /** Incomes: relative change (5%). */
  income: 0.05,
  /** Departures: creators. */
  creators: 1,
} as const;

/**
 * What made a sharp change between neighbouring points of a sweep (a "phase transition"), fixed before
 * the results: a quarter of the creators leaving (still the criterion), or ROI or the investors' share of
 * royalties moving by 10 percentage points (the criteria COLLAPSE_SHARE replaced; kept for the method
 * notes, which list each with its old form).
 */
export const SHARP = { creatorsPoints: 25, roiPoints: 10, sharePoints: 10 } as const;

/**
 * A critical tracing accuracy: one step of 0.1 in tracing accounting for at least this share of the whole
 * change of what ancestors receive from tracing 0 to 1 — three times a straight line's 10%.
 */
export const CRITICAL_STEP_SHARE = 0.3;

/** "Modest" investor ROI: positive, and below the 10% the same brief names as a target return. */
export const MODEST_ROI = [0, 10] as const;

/**
 * A collapse of ROI or a dramatic shift of income shares: one step between neighbouring settings carrying
 * at least this share of the quantity's whole range over the sweep.
 */
export const COLLAPSE_SHARE = 0.5;

/** Float rounding: sums of some thousand fees agree to far better than this when value is conserved. */
export const ROUNDING = 1e-9;

/** Why a change judged against the control is judged by its interval (the criteria it replaced differ). */
export const INTERVAL_REASON =
  "the documents give no size, so a change counts when it is beyond run-to-run noise: " +
  "in at least 95% of the pairs of runs that share their random stream";
export const INTERVAL_WHY =
  "a fixed size decided verdicts by the scale the model reaches rather than by the effect; " +
  "the change is now judged against the spread of the pairs of runs";
