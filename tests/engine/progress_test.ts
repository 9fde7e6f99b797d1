/** A long run's progress line in Jupyter (lib/engine/progress.ts), with a clock and a display of our own. */
import { assertEquals } from "@std/assert";
import { jupyterProgress, PROGRESS_AFTER_MS } from "@lib/engine/progress.ts";

Deno.test("progress shows after 2 s, updates in place at most every 250 ms, and is emptied at the end", async () => {
  let clock = 0;
  const calls: { text: string; update: boolean; id: string }[] = [];
  const progress = jupyterProgress("honey", {
    now: () => clock,
    display: (bundle, options) => {
      calls.push({ text: bundle["text/plain"], update: options.update === true, id: options.display_id });
      return Promise.resolve();
    },
  })!;
  progress.update(1, 10);
  clock = PROGRESS_AFTER_MS - 1;
  progress.update(2, 10);
  assertEquals(calls, [], "nothing before 2 s");
  clock = PROGRESS_AFTER_MS;
  progress.update(4, 10);
  clock += 100;
  progress.update(5, 10); // too soon after the last
  clock += 250;
  progress.update(6, 10);
  clock += 10;
  progress.update(10, 10); // the last unit is always shown
  progress.finish();
  await Promise.resolve();
  assertEquals(calls.map(({ text, update }) => ({ text, update })), [
    { text: "honey: 4 of 10 runs (40 %), 2 s, about 3 s left", update: false },
    { text: "honey: 6 of 10 runs (60 %), 2 s, about 2 s left", update: true },
    { text: "honey: 10 of 10 runs (100 %), 2 s", update: true },
    { text: "", update: true },
  ]);
  assertEquals(new Set(calls.map((c) => c.id)).size, 1, "one display, updated");
});

Deno.test("a run shorter than 2 s leaves nothing; outside a Jupyter kernel there is no progress", () => {
  let shown = 0;
  const progress = jupyterProgress("quick", {
    now: () => 0,
    display: () => {
      shown++;
      return Promise.resolve();
    },
  })!;
  progress.update(10, 10);
  progress.finish();
  assertEquals(shown, 0);
  assertEquals(jupyterProgress("outside"), undefined);
});
