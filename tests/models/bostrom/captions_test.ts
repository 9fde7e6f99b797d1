/**
 * The statements this revision corrected or added in the Bostrom report's captions, checked against the
 * model's data they describe: the minimum mint rates bind above the lowest rate the halvings reach, yet
 * leave the crossing day unchanged while below the rate on that day; the CPU/GPU time ratio; the day the
 * neurons pass the README's 100,000; and the side of the data the Ethereum fit lies on.
 */
import { assert, assertEquals } from "@std/assert";
import pl from "nodejs-polars";
import { runFrame } from "@lib/models/bostrom/experiments.ts";
import { demandOvertakes, medianCrossingDay } from "@lib/models/bostrom/crossings.ts";
import { firstDayAtLeast } from "@lib/models/bostrom/findings.ts";
import { CPU_SECONDS_PER_LINK, GPU_SECONDS_PER_LINK } from "@lib/models/bostrom/formulas.ts";
import { fitOverData, readEthereumAddresses } from "@lib/models/bostrom/ethereum.ts";

const floorRun = (floor: number) =>
  runFrame({ runs: 4, seed: 42, set: { ampere_mint_rate_min: floor, volt_mint_rate_min: floor } });

Deno.test("minimum mint rate: 0.05 binds (the halvings reach 1/64), yet the median crossing day is unchanged", () => {
  const [plain, floored] = [floorRun(0.01), floorRun(0.05)];
  const lowest = (f: pl.DataFrame) => f.getColumn("volt_mint_rate").min() as number;
  // Six halvings in ten years: 1/64 = 0.015625, above the proposed floor of 0.01, below 0.05.
  assertEquals(lowest(plain), 1 / 64);
  assertEquals(lowest(floored), 0.05);
  const day = medianCrossingDay(demandOvertakes(plain))!;
  assertEquals(medianCrossingDay(demandOvertakes(floored)), day);
  // On the crossing day the rate is still 0.5 (one halving), so a floor up to 0.5 binds only later.
  const rate = plain.filter(pl.col("timestep").eq(Math.floor(day)).and(pl.col("run").eq(1)))
    .getColumn("volt_mint_rate").get(0);
  assertEquals(rate, 0.5);
});

Deno.test("load and neurons captions: the CPU/GPU time ratio is the coefficients'; 100,000 neurons on day 101", () => {
  const frame = runFrame({});
  const last = frame.filter(pl.col("timestep").eq(3650)).toRecords()[0] as Record<string, number>;
  const ratio = last.cpu_time_usage / last.gpu_time_usage;
  assert(Math.abs(ratio - CPU_SECONDS_PER_LINK / GPU_SECONDS_PER_LINK) < 1e-9 * ratio);
  assertEquals(Math.round(ratio), 140);
  // 750 + 9t² + 91t first reaches 100,000 on day 101 (99,530 on day 100).
  assertEquals(firstDayAtLeast(frame, "agents_count", 100_000), 101);
});

Deno.test("Ethereum captions: the README's fit lies above the published data on day 200, below at the end", () => {
  const days = readEthereumAddresses();
  assert(fitOverData(days, 200) > 1);
  const end = days.at(-1)!;
  assert(fitOverData(days, end.day) < 1);
  assertEquals(end.date, "2021-08-31");
});
