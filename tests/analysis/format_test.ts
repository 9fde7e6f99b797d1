/** Numbers as readers see them: separators, significant digits, powers of ten at the extremes, dashes. */
import { assertEquals } from "@std/assert";
import { formatInteger, formatNumber, formatPercent, formatText, scientific } from "@lib/analysis/format.ts";

Deno.test("numbers: separators, significant digits, noise as 0, exponents only at the extremes", () => {
  assertEquals(formatNumber(1234567.891), "1,234,568");
  assertEquals(formatNumber(1.23456), "1.23");
  assertEquals(formatNumber(0.00123456), "0.00123");
  assertEquals(formatNumber(1.5), "1.5");
  assertEquals(formatNumber(-1e-12, { scale: 1 }), "0");
  assertEquals(formatNumber(1.74e-17, { scale: 0.5 }), "0");
  assertEquals(formatNumber(1.74e-17), "1.74 × 10⁻¹⁷");
  assertEquals(formatNumber(1.2e18, { digits: 2 }), "1.2 × 10¹⁸");
  assertEquals(scientific(1.2e9, 2), "1.2 × 10⁹");
  assertEquals(formatNumber(12345678901234567890n), "12,345,678,901,234,567,890");
  assertEquals(formatInteger(-1234567), "-1,234,567");
  assertEquals(formatPercent(0.1234), "12.3%");
  assertEquals(formatNumber(NaN), "—");
  assertEquals(formatNumber(-Infinity), "-∞");
});

Deno.test("a column shares one notation, set by its scale", () => {
  const scale = 2.34e-4;
  assertEquals(formatNumber(2.6e-5, { scale }), "0.000026");
  assertEquals(formatNumber(2.34e-4, { scale }), "0.000234");
  assertEquals(formatNumber(3e-6, { scale: 5e-6 }), "3 × 10⁻⁶");
  assertEquals(formatNumber(2e15, { scale: 5e15 }), "2 × 10¹⁵");
});

Deno.test("values that are not numbers: dates in ISO 8601, objects as JSON with BigInts as digits", () => {
  assertEquals(formatText(new Date(Date.UTC(2024, 0, 31))), "2024-01-31");
  assertEquals(formatText(new Date(Date.UTC(2024, 0, 31, 12, 30))), "2024-01-31T12:30:00Z");
  assertEquals(formatText({ a: 1n, b: [1, "x"] }), '{"a":"1","b":[1,"x"]}');
  assertEquals(formatText("plain"), "plain");
});
