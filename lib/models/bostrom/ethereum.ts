/**
 * The original's published Ethereum data (data/published/bostrom/eth_active_agents.csv, see its
 * PROVENANCE.md): active addresses (balance above 0.01 ETH) by day since Ethereum's launch, beside the
 * README's fit 2·days² + 100·days + 8700 that its neuron growth is built on.
 */
import { ethereumAddresses } from "./findings.ts";

/** Ethereum's launch day: day 0 of the README's fit. */
export const ETHEREUM_LAUNCH = "2015-07-30";

const MS_PER_DAY = 86_400_000;

/** One day of the published file: days since launch, active addresses, and the README's fit that day. */
export interface EthereumDay {
  readonly day: number;
  readonly date: string;
  readonly addresses: number;
  readonly fit: number;
}

/**
 * Parses the published CSV (`block_date,total_eth_balance,number_of_addresses`). Rows dated before the
 * launch (the genesis allocations, dated 1970-01-01) are dropped; a malformed row throws naming its line.
 */
export function parseEthereumAddresses(text: string): EthereumDay[] {
  const lines = text.trim().split(/\r?\n/);
  if (lines[0] !== "block_date,total_eth_balance,number_of_addresses") {
    throw new Error(`eth_active_agents.csv: unexpected header '${lines[0]}'`);
  }
  const launch = Date.parse(`${ETHEREUM_LAUNCH}T00:00:00Z`);
  return lines.slice(1).flatMap((line, i) => {
    const [date, , count] = line.split(",");
    const time = Date.parse(`${date}T00:00:00Z`);
    const addresses = Number(count);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(time) || !Number.isInteger(addresses)) {
      throw new Error(`eth_active_agents.csv line ${i + 2}: '${line}' is not a date and a count`);
    }
    if (time < launch) return [];
    const day = Math.round((time - launch) / MS_PER_DAY);
    return [{ day, date, addresses, fit: ethereumAddresses(day) }];
  });
}

/** The published file, read from the project's data folder. */
export function readEthereumAddresses(): EthereumDay[] {
  const url = new URL("../../../data/published/bostrom/eth_active_agents.csv", import.meta.url);
  return parseEthereumAddresses(Deno.readTextFileSync(url));
}

/** The fit over the data: its value over the data's on given days (nearest published day at or after). */
export function fitOverData(days: readonly EthereumDay[], day: number): number {
  const row = days.find((d) => d.day >= day);
  if (row === undefined) throw new Error(`fitOverData: no published day at or after ${day}`);
  return row.fit / row.addresses;
}
