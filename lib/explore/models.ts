/**
 * The models an explorer can run in a browser, and the outputs its charts show. Only model code and the
 * engine core are imported here (no Polars, no file access), so that this module bundles for a page.
 */
import type { Runnable } from "../engine/executor.ts";
import { quote } from "../engine/quote.ts";
import { didYouMean } from "../engine/suggest.ts";
import { bitrewards } from "../models/bitrewards/model.ts";
import { bostrom } from "../models/bostrom/model.ts";
import { datadao } from "../models/datadao/model.ts";
import { gonka } from "../models/gonka/model.ts";
import { honey } from "../models/honey/model.ts";

export interface Explorable {
  readonly model: Runnable;
  /** Columns of the timeseries drawn as charts, the model's main outputs (the table shows every column). */
  readonly charts: readonly string[];
}

export const explorables: Readonly<Record<string, Explorable>> = {
  honey: { model: honey, charts: ["price", "total_supply", "reserve", "ratio"] },
  bostrom: {
    model: bostrom,
    charts: ["boot_supply", "boot_inflation_rate", "hydrogen_supply", "gboot_price"],
  },
  gonka: { model: gonka, charts: ["total_minted", "epoch_reward", "gpus", "reward_per_gpu_gonka"] },
  datadao: { model: datadao, charts: ["price", "lp_ddt_reserve", "pie_ddt", "avg_xdai_degen"] },
  bitrewards: {
    model: bitrewards,
    charts: ["active_creators", "total_contributions", "gini_all_wealth", "mean_investor_roi"],
  },
};

/** The explorable model called `name`, or an error listing the names. */
export function explorable(name: string): Explorable {
  if (!Object.hasOwn(explorables, name)) {
    const hint = didYouMean(name, Object.keys(explorables));
    throw new RangeError(
      `no model ${quote(name)} to explore${hint ? `; ${hint}` : ""} (models: ${
        Object.keys(explorables).join(", ")
      })`,
    );
  }
  return explorables[name];
}
