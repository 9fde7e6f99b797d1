/**
 * The honey model's state: the source document's variables, and the genesis state of the published
 * experiments (docs/models/honey.md).
 */
import type { State } from "../../engine/model.ts";

export interface HoneyState extends State {
  /** Common pool balance, HNY. */
  readonly reserve: number;
  /** Total supply minus the common pool, HNY. */
  readonly circulation: number;
  /** Market size: fiat inflows per month at full saturation, USD/month. */
  readonly size: number;
  /** Share of the market captured, 0–1. */
  readonly saturation: number;
  /** Production level from outflows and upkeep, USD. */
  readonly production: number;
  /** Diminishing-returns transform of production, 0–10. */
  readonly utility: number;
  /** Spot price, USD/HNY (no floor: the original lets it cross zero). */
  readonly price: number;
  /** Fundamental target price, USD/HNY. */
  readonly target_price: number;
  /** Inflow minus outflow of the common pool this month, HNY. */
  readonly netflow: number;
  /** Minted (+) or burned (−) into the common pool this month, HNY. */
  readonly adjustment: number;
}

/** Genesis state of the published experiments. */
export const honeyGenesis: HoneyState = {
  reserve: 7473,
  circulation: 18765,
  size: 100000,
  saturation: 0,
  production: 0,
  utility: 0,
  price: 10,
  target_price: 10,
  netflow: 0,
  adjustment: 0,
};
