/**
 * The published files replayed through the model (lib/models/honey/replay.ts): every column but the
 * random price comes back to rounding, month by month, in both files — the test behind the docs' sentence
 * that the published results come from the equations implemented here. A changed value is caught.
 */
import { assert, assertEquals } from "@std/assert";
import { readPublished } from "@lib/models/honey/published.ts";
import { REPLAYED, replayPublished } from "@lib/models/honey/replay.ts";

for (const name of ["productivity", "final"] as const) {
  Deno.test(`the published ${name} file replays to rounding on every column but the price`, () => {
    const rows = readPublished(name);
    const replay = replayPublished(rows);
    // Every run's 120 month-to-month steps.
    assertEquals(replay.steps, (rows.length / 121) * 120);
    for (const column of REPLAYED) assert(replay.worst[column] < 1e-12, `${column}: ${replay.worst[column]}`);
    // The price walk's own statistics, for the docs: near the pull 0.75 and 0.25·√(2/π) ≈ 0.1995.
    assert(Math.abs(replay.towards - 0.75) < 0.02 && Math.abs(replay.meanMove - 0.1995) < 0.005);
  });
}

Deno.test("a replay catches a published value the model would not give", () => {
  const rows = readPublished("productivity").slice(0, 121).map((r) => ({ ...r }));
  rows[60] = { ...rows[60], reserve: rows[60].reserve * 1.001 };
  const replay = replayPublished(rows);
  assert(replay.worst.reserve > 5e-4, `${replay.worst.reserve}`);
});
