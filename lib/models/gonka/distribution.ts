/**
 * Settling one epoch: WorkCoins (user fees) and RewardCoins (the epoch reward split by PoC weight), with
 * the supply cap (docs/models/gonka.md, "Settling an epoch"; upstream
 * `CalculateParticipantBitcoinRewards`). All amounts are integer ngonka.
 */

export type ParticipantStatus = "ACTIVE" | "INVALID";

export interface Participant {
  readonly address: string;
  /** PoC weight; missing, zero or negative counts as 0. */
  readonly weight?: bigint;
  readonly status: ParticipantStatus;
  /** Fees earned this epoch (ngonka); negative is an error for this participant. */
  readonly coinBalance: bigint;
}

export interface Settlement {
  readonly address: string;
  readonly workCoins: bigint;
  readonly rewardCoins: bigint;
  /** Set for a negative coin balance: no WorkCoins, and never the remainder. */
  readonly error?: "negative coin balance";
}

export interface EpochSettlement {
  readonly settlements: readonly Settlement[];
  /** RewardCoins minted this epoch (Σ rewardCoins): the epoch reward, or less at the cap. */
  readonly minted: bigint;
}

/** Index of the first participant that may take a remainder: no error and RewardCoins > 0. */
function firstEligible(rewards: readonly bigint[], errors: readonly boolean[]): number {
  return rewards.findIndex((r, i) => !errors[i] && r > 0n);
}

/**
 * Splits `epochReward` by weight: floor(w·reward/Σw) each (exact big-integer arithmetic), the remainder
 * to the first eligible participant in list order. INVALID participants get weight 0, WorkCoins 0 and
 * RewardCoins 0. With `paidSoFar` already minted against `cap`: at or over the cap nothing is minted
 * (WorkCoins are still paid); when this epoch would cross it, the reward becomes cap − paid, every share
 * is scaled by (new / original) and truncated, and the leftover goes to the first eligible participant.
 * Nothing is ever created: if no participant is eligible, a remainder stays unminted.
 */
export function settleEpoch(
  participants: readonly Participant[],
  epochReward: bigint,
  paidSoFar = 0n,
  cap?: bigint,
): EpochSettlement {
  const valid = participants.map((p) => p.status !== "INVALID");
  const weights = participants.map((
    p,
    i,
  ) => (valid[i] && p.weight !== undefined && p.weight > 0n ? p.weight : 0n));
  const errors = participants.map((p) => p.coinBalance < 0n);
  const workCoins = participants.map((p, i) => (valid[i] && p.coinBalance > 0n ? p.coinBalance : 0n));
  const total = weights.reduce((s, w) => s + w, 0n);

  const rewards = weights.map((w) => (total > 0n ? (w * epochReward) / total : 0n));
  const first = firstEligible(rewards, errors);
  if (first >= 0) rewards[first] += epochReward - rewards.reduce((s, r) => s + r, 0n);

  if (cap !== undefined) {
    const room = cap - paidSoFar;
    if (room <= 0n) {
      rewards.fill(0n);
    } else if (room < epochReward) {
      for (let i = 0; i < rewards.length; i++) rewards[i] = (rewards[i] * room) / epochReward;
      const leftoverTo = firstEligible(rewards, errors);
      if (leftoverTo >= 0) rewards[leftoverTo] += room - rewards.reduce((s, r) => s + r, 0n);
    }
  }

  const settlements = participants.map((p, i) => ({
    address: p.address,
    workCoins: workCoins[i],
    rewardCoins: rewards[i],
    ...(errors[i] ? { error: "negative coin balance" as const } : {}),
  }));
  return { settlements, minted: rewards.reduce((s, r) => s + r, 0n) };
}
