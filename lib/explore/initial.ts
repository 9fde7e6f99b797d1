/**
 * The state an explorer opens with, from the command line's words: the model's defaults, then a shipped
 * scenario's values, steps, runs and seed, then `--set` (each read as `sim` reads it). An explorer shows
 * one setting at a time, so a scenario's swept parameter opens at its first value, and the notes say so.
 */
import { ParamError, type ParamValue, parseValue } from "../engine/params.ts";
import { planRuns } from "../engine/plan.ts";
import { quote } from "../engine/quote.ts";
import { didYouMean } from "../engine/suggest.ts";
import { checkConfig, loadScenario, scenarioNames, SCENARIOS } from "../io/config.ts";
import { explorable } from "./models.ts";
import { defaultState, type ExploreState } from "./state.ts";

export interface InitialOptions {
  readonly scenario?: string;
  /** `name=value` texts, as `--set` takes them. */
  readonly set?: readonly string[];
}

/** The opening state and notes for the person who asked (e.g. a sweep cut to its first value). */
export async function initialState(
  name: string,
  options: InitialOptions = {},
): Promise<{ state: ExploreState; notes: string[] }> {
  const { model } = explorable(name);
  const base = defaultState(model);
  const set: Record<string, ParamValue> = { ...base.set };
  const notes: string[] = [];
  let { runs, steps, seed } = base;
  if (options.scenario !== undefined) {
    const names = scenarioNames(SCENARIOS, name);
    if (!names.includes(options.scenario)) {
      const hint = didYouMean(options.scenario, names);
      throw new ParamError(
        `no scenario ${quote(options.scenario)} for model ${name}${hint ? `; ${hint}` : ""} (scenarios: ${
          names.join(", ") || "none"
        })`,
      );
    }
    const config = checkConfig(await loadScenario(name, options.scenario), model);
    Object.assign(set, config.set);
    for (const [param, values] of Object.entries(config.sweep)) {
      set[param] = values[0];
      notes.push(
        `scenario ${options.scenario} sweeps ${param} over ${values.length} values; the explorer opens at ${
          values[0]
        }`,
      );
    }
    runs = config.runs ?? runs;
    steps = config.steps ?? steps;
    seed = config.seed ?? seed;
  }
  for (const text of options.set ?? []) {
    const at = text.indexOf("=");
    if (at < 0) throw new ParamError(`--set ${quote(text)}: expected name=value`);
    const param = text.slice(0, at).trim();
    set[param] = parseValue(model.params, param, text.slice(at + 1), model.name);
  }
  // The page shows runs and steps within its own bounds, and the model's checks across parameters hold.
  planRuns(model, { set, runs, steps, seed });
  return { state: { ...base, set, runs, steps, seed }, notes };
}
