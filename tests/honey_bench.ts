/**
 * `deno task bench`: the honey analysis-2 sweep through the engine into a Polars frame, beside a
 * hand-written loop of the same arithmetic as the yardstick (the target: within 3× of it).
 */
import pl from "nodejs-polars";
import seedrandom from "seedrandom";
import { toFrame } from "@lib/engine/frame.ts";
import { simulate } from "@lib/engine/simulate.ts";
import { rangeInclusive } from "@lib/engine/sweep.ts";
import { honey } from "@lib/models/honey.ts";

const reserveTargets = rangeInclusive(0.1, 0.3, 0.025);
const throttles = rangeInclusive(0.002, 0.034, 0.004);
const sweep = { target_reserve_ratio: reserveTargets, throttle: throttles };

Deno.bench("honey analysis-2 sweep", { group: "honey", baseline: false }, () => {
  const result = simulate(honey, { sweep, product: true, runs: 10, steps: 120 });
  const frame = toFrame(result);
  if (frame.height !== 81 * 10 * 121) throw new Error(`unexpected ${frame.height} rows`);
});

/** The same model written as one flat loop with local variables: the floor an engine can approach. */
Deno.bench("honey hand-written loop (yardstick)", { group: "honey", baseline: true }, () => {
  const rows = 81 * 10 * 121;
  const names = ["reserve", "circulation", "size", "saturation", "production", "utility", "price"];
  const more = ["target_price", "netflow", "adjustment", "total_supply", "market_cap", "ratio"];
  const cols = [...names, ...more].map(() => new Float64Array(rows));
  let row = 0;
  for (const trr of reserveTargets) {
    for (const throttle of throttles) {
      for (let run = 1; run <= 10; run++) {
        const uniform = seedrandom.alea(`42/${row}/${run}`);
        let [reserve, circ, size, sat, prod, util, price, tp, nf, adj] = [
          7473,
          18765,
          1e5,
          0,
          0,
          0,
          10,
          10,
          0,
          0,
        ];
        for (let t = 0; t <= 120; t++) {
          if (t > 0) {
            const outflow = reserve * 0.05;
            const netflow = size * sat / tp - outflow;
            const supply = reserve + circ;
            const e = (1 - (reserve + netflow) / supply / trr) / 12;
            const a = Math.max(-throttle, Math.min(throttle, e)) * supply;
            const production = 0.88 ** 2 * prod + 1.88 * outflow * price;
            const u = 10 * production / (production + size);
            const target = size / supply * (2 / Math.max(0.5, sat)) / (circ / supply) ** 2;
            const towards = uniform() < 0.75;
            const z = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
            price *= 1 + (towards === (price < target) ? 1 : -1) * Math.abs(0.25 * z);
            [tp, nf, adj, prod, util, sat] = [target, netflow, a, production, u, 1 / (1 + Math.exp(6 - u))];
            reserve += netflow + a;
            circ -= netflow;
          }
          const total = reserve + circ;
          const values = [reserve, circ, size, sat, prod, util, price, tp, nf, adj, total, total * price];
          for (let c = 0; c < values.length; c++) cols[c][row] = values[c];
          cols[12][row] = reserve / total;
          row++;
        }
      }
    }
  }
  pl.DataFrame(Object.fromEntries(cols.map((c, i) => [[...names, ...more][i], c])));
});
