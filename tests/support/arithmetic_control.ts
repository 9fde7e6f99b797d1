/**
 * The control group of the worker benches: plain arithmetic on 1 and 2 bare workers, registered in the
 * bench group "control". Its ratio is what this machine allows at that moment (no second core free gives
 * 1×), so a model's ratio is read against it in the same bench run.
 */

/** A bare worker that sums square roots: no model, no tables, nothing but arithmetic. */
const ARITHMETIC = URL.createObjectURL(
  new Blob(
    [
      "self.onmessage = (e) => { let x = 0; for (let i = 0; i < e.data; i++) x += Math.sqrt(i); " +
      "self.postMessage(x); };",
    ],
    { type: "application/javascript" },
  ),
);
const ARITHMETIC_STEPS = 300_000_000;

/** Registers the control's two benches (1 worker, the baseline, and 2 workers). */
export function benchArithmeticControl(): void {
  for (const workers of [1, 2]) {
    Deno.bench(`control: arithmetic, ${workers} bare worker${workers > 1 ? "s" : ""}`, {
      group: "control",
      baseline: workers === 1,
      n: 5,
      warmup: 1,
    }, async () => {
      const pool = Array.from({ length: workers }, () => new Worker(ARITHMETIC, { type: "module" }));
      try {
        await Promise.all(pool.map((worker) =>
          new Promise((resolve, reject) => {
            worker.onmessage = resolve;
            worker.onerror = reject;
            worker.postMessage(ARITHMETIC_STEPS / workers);
          })
        ));
      } finally {
        for (const worker of pool) worker.terminate();
      }
    });
  }
}
