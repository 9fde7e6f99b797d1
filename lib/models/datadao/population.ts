/**
 * The dataDAO population against the README's proportions ("maintains specific proportions of different
 * agent types throughout its runtime"), read from the variants' timeseries (`count_<type>` columns).
 */
import pl from "nodejs-polars";
import { AGENT_TYPES, type AgentType, datadaoParams, type Variant, VARIANT_NAMES } from "./params.ts";
import { lastStep } from "./outcomes.ts";

/** The target share of the population of each type (the defaults, which no experiment changes). */
const target = (type: AgentType) => datadaoParams[`proportion_${type}`].default;

/** Agents of every type of one variant at one timestep. */
export function population(timeseries: pl.DataFrame, variant: Variant, timestep: number): number {
  const row = timeseries.filter(pl.col("variant").eq(pl.lit(variant)).and(pl.col("timestep").eq(timestep)))
    .toRecords()[0];
  if (!row) throw new Error(`population: variant '${variant}' has no timestep ${timestep}`);
  return AGENT_TYPES.reduce((n, type) => n + (row[`count_${type}`] as number), 0);
}

/** Shares of the final population by type, against the target proportions (the first variant's run). */
export function proportions(
  timeseries: pl.DataFrame,
): { type: AgentType; count: number; share: number; target: number }[] {
  const last = lastStep(timeseries).toRecords()[0];
  const count = (t: AgentType) => last[`count_${t}`] as number;
  const total = AGENT_TYPES.reduce((s, t) => s + count(t), 0);
  return AGENT_TYPES.map((type) => ({
    type,
    count: count(type),
    share: count(type) / total,
    target: target(type),
  }));
}

/** How far the population strays from its target proportions over a run. */
export interface Drift {
  /** The largest gap, over every step and type, between a type's count and `proportion · total` (agents). */
  readonly largestGap: number;
  /** The first step with that gap. */
  readonly atStep: number;
  readonly finalPopulation: number;
}

/**
 * "The simulation maintains specific proportions of different agent types throughout its runtime":
 * per variant, the largest gap, over every recorded step and type, between a type's count and its target
 * share of the population (`proportion · total`), in agents; and the population at the end.
 */
export function proportionDrift(timeseries: pl.DataFrame): Record<Variant, Drift> {
  const out = {} as Record<Variant, Drift>;
  for (const variant of VARIANT_NAMES) {
    const rows = timeseries.filter(pl.col("variant").eq(pl.lit(variant))).sort("timestep").toRecords();
    let largestGap = 0, atStep = 0, finalPopulation = 0;
    for (const r of rows) {
      const total = AGENT_TYPES.reduce((s, t) => s + (r[`count_${t}`] as number), 0);
      finalPopulation = total;
      for (const t of AGENT_TYPES) {
        const gap = Math.abs((r[`count_${t}`] as number) - target(t) * total);
        if (gap > largestGap) (largestGap = gap, atStep = r.timestep as number);
      }
    }
    out[variant] = { largestGap, atStep, finalPopulation };
  }
  return out;
}

/** Whether both variants have the same agent counts, type by type, at every step. */
export function countsAgree(timeseries: pl.DataFrame): boolean {
  const counts = (v: Variant) =>
    timeseries.filter(pl.col("variant").eq(pl.lit(v))).sort("timestep").select(pl.col("^count_.*$"));
  return counts("reference").frameEqual(counts("documented"));
}
