/**
 * A report's explorer: the model the notebook names (its documentation page), opening at the settings of
 * the notebook's cell tagged `explorer` when it has one (read from that output's explorer data and
 * checked like any input), at the model's defaults otherwise.
 */
import { type ExplorerParts, explorerParts } from "../explore/embed.ts";
import { explorables } from "../explore/models.ts";
import { EXPLORER_MIME } from "../explore/notebook.ts";
import { checkState, defaultState, type ExploreState } from "../explore/state.ts";
import { docsModel, hasTag, type Notebook } from "./notebook.ts";
import { EXPLORER_TAG } from "./html.ts";

/** The explorer for a notebook's report, or undefined when its model cannot be explored. */
export async function notebookExplorer(notebook: Notebook): Promise<ExplorerParts | undefined> {
  const model = docsModel(notebook);
  if (model === undefined || !Object.hasOwn(explorables, model)) return undefined;
  const info = explorables[model].model;
  let state: ExploreState = defaultState(info);
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code" || !hasTag(cell, EXPLORER_TAG)) continue;
    for (const output of cell.outputs ?? []) {
      const data = "data" in output
        ? output.data[EXPLORER_MIME] as { model?: unknown; state?: unknown }
        : undefined;
      if (data?.model === model) state = checkState(info, data.state);
    }
  }
  return await explorerParts(model, state, true);
}
