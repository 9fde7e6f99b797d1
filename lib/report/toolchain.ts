/**
 * `deno run -A lib/report/toolchain.ts jupyter notebook chromium slurm`: makes sure the named tools are present,
 * installing them from Debian packages when running as root (lib/system/packages.ts), before the tests
 * that need them run (`deno task test`).
 */
import { ensureTool, PackageError, type ToolName, TOOLS } from "../system/packages.ts";

if (import.meta.main) {
  const names = Deno.args;
  const unknown = names.filter((name) => !(name in TOOLS));
  if (names.length === 0 || unknown.length > 0) {
    const what = unknown.length > 0 ? `unknown tool ${unknown.join(", ")}` : "no tool named";
    console.error(`toolchain: ${what}; usage: toolchain.ts ${Object.keys(TOOLS).join("|")}...`);
    Deno.exit(2);
  }
  try {
    for (const name of names) await ensureTool(TOOLS[name as ToolName]);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    console.error(`toolchain: ${error.message}`);
    Deno.exit(1);
  }
}
