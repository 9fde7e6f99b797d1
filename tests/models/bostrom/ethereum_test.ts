/**
 * The original's published Ethereum addresses (lib/models/bostrom/ethereum.ts): parsing by hand-made text,
 * then the file in data/published/bostrom/ itself, pinned by a few of its rows and its sha256.
 */
import { assertEquals, assertThrows } from "@std/assert";
import { fitOverData, parseEthereumAddresses, readEthereumAddresses } from "@lib/models/bostrom/ethereum.ts";

Deno.test("parseEthereumAddresses: genesis row dropped, days from 2015-07-30, the README's fit beside", () => {
  const text = "block_date,total_eth_balance,number_of_addresses\n1970-01-01,1.5,8891\n" +
    "2015-07-30,2,9203\n2015-08-09,3,10000\n";
  const days = parseEthereumAddresses(text);
  // Day 10: 2·100 + 100·10 + 8700 = 9900.
  assertEquals(days, [
    { day: 0, date: "2015-07-30", addresses: 9203, fit: 8700 },
    { day: 10, date: "2015-08-09", addresses: 10000, fit: 9900 },
  ]);
  assertEquals(fitOverData(days, 5), 0.99);
  assertThrows(() => fitOverData(days, 11), Error, "no published day at or after 11");
  assertThrows(() => parseEthereumAddresses("a,b\n"), Error, "unexpected header");
  assertThrows(
    () => parseEthereumAddresses("block_date,total_eth_balance,number_of_addresses\n2015-07-30,1,x\n"),
    Error,
    "line 2",
  );
});

Deno.test("readEthereumAddresses: the published file, unchanged", async () => {
  const url = new URL("../../../data/published/bostrom/eth_active_agents.csv", import.meta.url);
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(url));
  assertEquals(
    Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join(""),
    "46263cc1b977c7869d5ad668883d85b9177a379bfa46729a3a9aa352b6a2e0f3",
  );
  const days = readEthereumAddresses();
  assertEquals(days.length, 2225);
  assertEquals(days[0], { day: 0, date: "2015-07-30", addresses: 9203, fit: 8700 });
  assertEquals(days.at(-1)!.date, "2021-08-31");
  assertEquals(days.at(-1)!.addresses, 16_759_833);
});
