/** The registry edit of `deno task new` (lib/scaffold/registry.ts) on small registries written by hand. */
import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import { register, RegistryError, registryLines } from "@lib/scaffold/registry.ts";

const REGISTRY = `/** Every model. */
import { alpha } from "./alpha/model.ts";
import { zeta } from "./zeta/model.ts";
import { type Simulator, stateUpdateSimulator } from "./simulator.ts";

export const simulators: Readonly<Record<string, Simulator>> = {
  alpha: stateUpdateSimulator(alpha),
  zeta: stateUpdateSimulator(zeta),
};
`;

Deno.test("a state-update model: its import before the first that sorts after it, its entry last", () => {
  assertEquals(
    register(REGISTRY, "demo", "state"),
    `/** Every model. */
import { alpha } from "./alpha/model.ts";
import { demo } from "./demo/model.ts";
import { zeta } from "./zeta/model.ts";
import { type Simulator, stateUpdateSimulator } from "./simulator.ts";

export const simulators: Readonly<Record<string, Simulator>> = {
  alpha: stateUpdateSimulator(alpha),
  zeta: stateUpdateSimulator(zeta),
  demo: stateUpdateSimulator(demo),
};
`,
  );
});

Deno.test("an agent-based model registers the simulator of its folder; a last name goes after every import", () => {
  const registered = register(REGISTRY, "zz", "agents");
  assertStringIncludes(
    registered,
    `import { type Simulator, stateUpdateSimulator } from "./simulator.ts";\n` +
      `import { zzSimulator } from "./zz/simulator.ts";\n\n`,
  );
  assertStringIncludes(registered, `  zeta: stateUpdateSimulator(zeta),\n  zz: zzSimulator,\n};\n`);
  assertEquals(registryLines("zz", "agents").entry, "  zz: zzSimulator,");
});

Deno.test("a registered name is refused, so that registering twice adds nothing", () => {
  assertThrows(() => register(REGISTRY, "zeta", "agents"), RegistryError, "'zeta' is registered already");
  const once = register(REGISTRY, "demo", "state");
  assertThrows(() => register(once, "demo", "agents"), RegistryError, "'demo' is registered already");
});

Deno.test("a registry of another shape is refused, naming what is missing", () => {
  assertThrows(
    () => register(REGISTRY.replace("export const simulators", "export const models"), "demo", "state"),
    RegistryError,
    "has no 'export const simulators … = {' … '};'",
  );
  assertThrows(
    () => register(REGISTRY.replace(", stateUpdateSimulator }", " }"), "demo", "state"),
    RegistryError,
    "does not import stateUpdateSimulator",
  );
});

Deno.test("the project's registry takes a new model of each kind", async () => {
  const source = await Deno.readTextFile(new URL("../../lib/models/index.ts", import.meta.url));
  const both = register(register(source, "demo", "state"), "demo2", "agents");
  assertStringIncludes(both, `import { demo } from "./demo/model.ts";\n`);
  assertStringIncludes(both, `import { demo2Simulator } from "./demo2/simulator.ts";\n`);
  assertStringIncludes(both, "  demo: stateUpdateSimulator(demo),\n  demo2: demo2Simulator,\n};\n");
});
