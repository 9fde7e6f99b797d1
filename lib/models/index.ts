/** Every model the command line can run, by its command-line name. */
import { bitrewardsSimulator } from "./bitrewards/simulator.ts";
import { bostrom } from "./bostrom/model.ts";
import { datadaoSimulator } from "./datadao/simulator.ts";
import { gonkaSimulator } from "./gonka/simulator.ts";
import { honey } from "./honey/model.ts";
import { type Simulator, stateUpdateSimulator } from "./simulator.ts";

export const simulators: Readonly<Record<string, Simulator>> = {
  honey: stateUpdateSimulator(honey),
  bostrom: stateUpdateSimulator(bostrom),
  gonka: gonkaSimulator,
  datadao: datadaoSimulator,
  bitrewards: bitrewardsSimulator,
};
