/** The shared checks of a notebook's settings: what each accepts, and the one message style of a refusal. */
import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  nonEmptySetting,
  settingError,
  settingIncludes,
  settingValuesWithin,
  showSetting,
  wholeSetting,
} from "@lib/notebook/settings.ts";

/** The message of the RangeError a check throws. */
const refusal = (check: () => void) => assertThrows(check, RangeError).message;

Deno.test("showSetting writes numbers as they are and lists, nested too, in brackets", () => {
  assertEquals(showSetting(2.5), "2.5");
  assertEquals(showSetting([]), "[]");
  assertEquals(showSetting([0.1, 0.3]), "[0.1, 0.3]");
  assertEquals(showSetting([[0.9, 0.8], [1]]), "[[0.9, 0.8], [1]]");
});

Deno.test("settingError: settings.<name> is <value>: <what is accepted>, on one line", () => {
  const e = settingError("caps", [0.1], "each > 0");
  assert(e instanceof RangeError);
  assertEquals(e.message, "settings.caps is [0.1]: each > 0");
});

Deno.test("wholeSetting: whole numbers at or above the minimum; any whole number without one", () => {
  wholeSetting({ runs: 1 }, "runs", 1);
  assertEquals(refusal(() => wholeSetting({ runs: 0 }, "runs", 1)), "settings.runs is 0: a whole number ≥ 1");
  assertEquals(
    refusal(() => wholeSetting({ runs: 2.5 }, "runs", 1)),
    "settings.runs is 2.5: a whole number ≥ 1",
  );
  assertEquals(
    refusal(() => wholeSetting({ runs: NaN }, "runs", 1)),
    "settings.runs is NaN: a whole number ≥ 1",
  );
  wholeSetting({ seed: -7 }, "seed");
  assertEquals(refusal(() => wholeSetting({ seed: 1.5 }, "seed")), "settings.seed is 1.5: a whole number");
  // Beyond 2^53 neighbouring whole numbers are one double: two seeds would silently run alike.
  assertEquals(
    refusal(() => wholeSetting({ seed: 2 ** 60 }, "seed")),
    `settings.seed is ${2 ** 60}: a whole number`,
  );
});

Deno.test("nonEmptySetting refuses only an empty list", () => {
  nonEmptySetting({ caps: [0] }, "caps");
  assertEquals(
    refusal(() => nonEmptySetting({ caps: [] }, "caps")),
    "settings.caps is []: a list of at least one value",
  );
});

Deno.test("settingIncludes refuses a list without the value, saying why it is needed", () => {
  const why = "the run the fee chart compares with";
  settingIncludes({ feeRates: [0.003, 0] }, "feeRates", 0, why);
  assertEquals(
    refusal(() => settingIncludes({ feeRates: [0.001, 0.003] }, "feeRates", 0, why)),
    "settings.feeRates is [0.001, 0.003]: a list that includes 0, the run the fee chart compares with",
  );
});

Deno.test("settingValuesWithin names the list and its first value outside the accepted ones", () => {
  const share = (x: number) => x > 0 && x <= 1;
  settingValuesWithin({ shares: [0.5, 1] }, "shares", share, "each in (0, 1]");
  settingValuesWithin({ shares: [] }, "shares", share, "each in (0, 1]");
  assertEquals(
    refusal(() => settingValuesWithin({ shares: [0.5, 1.5, 0] }, "shares", share, "each in (0, 1]")),
    "settings.shares is [0.5, 1.5, 0]: each in (0, 1], not 1.5",
  );
  const segments = { segments: [[0.1, 0.2], [0.9, 0.8]] };
  assertEquals(
    refusal(() =>
      settingValuesWithin(segments, "segments", ([from, to]) => from <= to, "each [from, to], from ≤ to")
    ),
    "settings.segments is [[0.1, 0.2], [0.9, 0.8]]: each [from, to], from ≤ to, not [0.9, 0.8]",
  );
});
