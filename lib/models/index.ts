/** Every model the command line and the notebooks can run, by its command-line name. */
import type { AnyModel } from "../engine/model.ts";
import { honey } from "./honey.ts";

export const models: Readonly<Record<string, AnyModel>> = {
  honey,
};
