/**
 * An explorer's controls, generated from the model's parameter schema: for a number a slider (where the
 * range is bounded) and a number field, with its unit and description; a select for a choice or a
 * switch; grouped as `sim --help` groups them. Every edit is read with the command line's grammar
 * (parseValue) and checked against the schema; a refused value is named beside its control and not used.
 */
import type { ModelInfo } from "../engine/model.ts";
import { paramGroups } from "../engine/param_groups.ts";
import { accepted, type NumberParam, type ParamSpec, type ParamValue, parseValue } from "../engine/params.ts";
import { el, fill } from "./dom.ts";

/** Positions a slider has at most across its range. */
const SLIDER_POSITIONS = 1000;

/** A power of ten near range / SLIDER_POSITIONS (1 for whole numbers at least): a slider's step. */
export function sliderStep(spec: NumberParam): number {
  const span = (spec.max ?? 0) - (spec.min ?? 0);
  const step = 10 ** Math.floor(Math.log10(span / SLIDER_POSITIONS));
  return spec.integer ? Math.max(1, step) : step;
}

const bounded = (spec: ParamSpec): spec is NumberParam =>
  spec.kind === "number" && Number.isFinite(spec.min) && Number.isFinite(spec.max);

/** One parameter's control; `set` shows a value (from the URL or a reset) without calling back. */
export interface Control {
  readonly element: HTMLElement;
  set(value: ParamValue): void;
}

/**
 * A control for parameter `name`; `onValue` receives each accepted value. `id` prefixes element ids, so
 * that two explorers on one page (a notebook) keep apart; `key` names the control (`data-param`), as the
 * fragment does (`vs.throttle` for the compare setting's).
 */
export function paramControl(
  info: ModelInfo,
  name: string,
  id: string,
  onValue: (value: ParamValue) => void,
  key = name,
): Control {
  const spec = info.params[name];
  const problem = el("span", { class: "problem", role: "alert" });
  const accept = (text: string): boolean => {
    try {
      const value = parseValue(info.params, name, text, info.name);
      fill(problem);
      onValue(value);
      return true;
    } catch (e) {
      fill(problem, (e as Error).message);
      return false;
    }
  };
  const inputId = `${id}-${name}`;
  const label = el("label", { for: inputId }, el("code", {}, name));
  const unit = spec.kind === "number" && spec.unit !== "1"
    ? el("span", { class: "unit" }, spec.unit)
    : undefined;
  const about = el("span", { class: "about" }, `${spec.description} Accepts ${accepted(spec)}.`);
  if (spec.kind !== "number") {
    const options = spec.kind === "choice" ? spec.options : ["true", "false"];
    const select = el(
      "select",
      { id: inputId, "data-param": key },
      ...options.map((o) => el("option", { value: o }, o)),
    );
    select.addEventListener("change", () => accept(select.value));
    return {
      element: el("div", { class: "param" }, label, select, about, problem),
      set: (value) => void (select.value = String(value)),
    };
  }
  const field = el("input", { id: inputId, type: "text", inputmode: "decimal", "data-param": key });
  const slider = bounded(spec)
    ? el("input", {
      type: "range",
      min: String(spec.min),
      max: String(spec.max),
      step: String(sliderStep(spec)),
      "aria-label": name,
      "data-slider": name,
    })
    : undefined;
  field.addEventListener("change", () => {
    if (accept(field.value) && slider) slider.value = field.value.trim();
  });
  slider?.addEventListener("input", () => {
    field.value = slider.value;
    accept(slider.value);
  });
  return {
    element: el(
      "div",
      { class: "param" },
      label,
      unit,
      el("div", { class: "inputs" }, slider, field),
      about,
      problem,
    ),
    set(value) {
      field.value = String(value);
      if (slider) slider.value = String(value);
      fill(problem);
    },
  };
}

/** Every parameter's control in groups (the first open), and the controls by name. */
export function paramControls(
  info: ModelInfo,
  id: string,
  onValue: (name: string, value: ParamValue) => void,
): { element: HTMLElement; controls: Map<string, Control> } {
  const controls = new Map<string, Control>();
  const groups = paramGroups(info.params).map(({ heading, names }, i) => {
    const members = names.map((name) => {
      const control = paramControl(info, name, id, (value) => onValue(name, value));
      controls.set(name, control);
      return control.element;
    });
    const details = el(
      "details",
      {},
      el("summary", {}, `${heading ?? "parameters"} (${names.length})`),
      ...members,
    );
    if (i === 0) details.open = true;
    return details;
  });
  return { element: el("div", { class: "params" }, ...groups), controls };
}
