/** Every model the command line can run, by its command-line name. */
import { honey } from "./honey.ts";
import { type Simulator, stateUpdateSimulator } from "./simulator.ts";

export const simulators: Readonly<Record<string, Simulator>> = {
  honey: stateUpdateSimulator(honey),
};
