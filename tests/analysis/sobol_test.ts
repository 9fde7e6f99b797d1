/**
 * Sobol' indices: the estimators' arithmetic worked by hand on a tiny design, exact zeros for a parameter
 * the output ignores, and against analytic indices: a linear additive model and the Ishigami function.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { saltelliDesign, sobol, sobolIndices } from "@lib/analysis/sobol.ts";

Deno.test("Saltelli's design: A, B, then A with each column taken from B; reproducible for the seed", () => {
  const d = saltelliDesign({ x: [0, 1], y: [10, 20] }, 4, 3);
  assertEquals(d.points.length, 4 * (2 + 2));
  const [a, b, abX, abY] = [0, 1, 2, 3].map((m) => d.points.slice(4 * m, 4 * m + 4));
  for (let j = 0; j < 4; j++) {
    assertEquals(abX[j], { x: b[j].x, y: a[j].y });
    assertEquals(abY[j], { x: a[j].x, y: b[j].y });
    assert(a[j].x >= 0 && a[j].x < 1 && a[j].y >= 10 && a[j].y < 20);
  }
  assertEquals(d.columns.x, d.points.map((p) => p.x));
  assertEquals(saltelliDesign({ x: [0, 1], y: [10, 20] }, 4, 3), d);
  assert(saltelliDesign({ x: [0, 1], y: [10, 20] }, 4, 4).points[0].x !== a[0].x);
  assertThrows(() => saltelliDesign({ x: [1, 1] }, 4, 1), Error, "lo < hi");
  assertThrows(() => saltelliDesign({ x: [0, 1] }, 1, 1), Error, "≥ 2");
  assertThrows(() => saltelliDesign({}, 4, 1), Error, "no parameter");
});

Deno.test("the estimators by hand on a design of two rows and one parameter", () => {
  const design = saltelliDesign({ x: [0, 1] }, 2, 1);
  // Outputs chosen by hand (no function gives them: here A_B is B), to pin the arithmetic.
  // f(A) = 1, 3; f(B) = 2, 4; f(A_B) = 2, 5. Pooled: 1, 3, 2, 4, mean f₀ = 2.5, variance 5/4.
  // S  = ((2 − 2.5)(2 − 1) + (4 − 2.5)(5 − 3)) / 2 / (5/4) = (−0.5 + 3) / 2 / 1.25 = 1.
  // ST = ((1 − 2)² + (3 − 5)²) / 4 / (5/4) = 1.25 / 1.25 = 1.
  const [s] = sobolIndices(design, [1, 3, 2, 4, 2, 5]);
  assertAlmostEquals(s.first, 1, 1e-15);
  assertAlmostEquals(s.total, 1, 1e-15);
  assertThrows(() => sobolIndices(design, [1, 2, 3]), Error, "3 outputs for a design of 6 points");
  assertThrows(() => sobolIndices(design, [1, 3, 2, NaN, 2, 5]), Error, "output 4 is NaN");
  assertThrows(() => sobolIndices(design, [1, 1, 1, 1, 2, 5]), Error, "does not vary");
});

Deno.test("a parameter the output ignores has indices of exactly 0", () => {
  const s = sobol((p) => p.a ** 2 + p.b, { a: [0, 1], b: [0, 1], unused: [0, 1] }, 256);
  assertEquals([s[2].first, s[2].total], [0, 0]);
});

// Analytic indices: for y = Σ c_i·x_i with independent x_i ~ U(lo_i, hi_i), V_i = c_i²(hi_i − lo_i)²/12
// and S_i = ST_i = V_i / Σ V. Here V = 4/12, 4/12 and 1/12: S = 4/9, 4/9, 1/9.
// The Ishigami function sin x₁ + a·sin²x₂ + b·x₃⁴·sin x₁ on [−π, π]³ (Ishigami & Homma 1990; the
// variances as in Sobol' & Levitan 1999): V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V₁ = (1 + bπ⁴/5)²/2,
// V₂ = a²/8, V₃ = 0, V₁₃ = b²π⁸(1/18 − 1/50); S = (V₁, V₂, 0)/V, ST = (V₁ + V₁₃, V₂, V₁₃)/V.
// The error shrinks as 1/√n: at n = 32,768, over 20 seeds, the largest errors were 0.012 (linear) and
// 0.016 (Ishigami) with standard deviation about 0.005, so 0.03 is about six standard errors.
const N = 32_768;
const TOLERANCE = 0.03;

Deno.test("a linear additive model: first = total = its share of the variance, within 0.03 at n = 32,768", () => {
  const s = sobol((p) => 2 * p.x1 + p.x2 - 0.5 * p.x3, { x1: [0, 1], x2: [0, 2], x3: [-1, 1] }, N, {
    seed: 5,
  });
  const exact = [4 / 9, 4 / 9, 1 / 9];
  s.forEach((x, i) => {
    assertAlmostEquals(x.first, exact[i], TOLERANCE, `S of ${x.parameter}`);
    assertAlmostEquals(x.total, exact[i], TOLERANCE, `ST of ${x.parameter}`);
  });
});

Deno.test("the Ishigami function (a = 7, b = 0.1): analytic indices within 0.03 at n = 32,768", () => {
  const [a, b, pi] = [7, 0.1, Math.PI];
  const v = a ** 2 / 8 + (b * pi ** 4) / 5 + (b ** 2 * pi ** 8) / 18 + 1 / 2;
  const v1 = (1 + (b * pi ** 4) / 5) ** 2 / 2;
  const v2 = a ** 2 / 8;
  const v13 = b ** 2 * pi ** 8 * (1 / 18 - 1 / 50);
  const first = [v1 / v, v2 / v, 0];
  const total = [(v1 + v13) / v, v2 / v, v13 / v];
  // The published values these give: S ≈ 0.3139, 0.4424, 0; ST ≈ 0.5576, 0.4424, 0.2437.
  assertAlmostEquals(first[0], 0.3139, 1e-4);
  assertAlmostEquals(total[2], 0.2437, 1e-4);
  const ishigami = (p: Readonly<Record<string, number>>) =>
    Math.sin(p.x1) + a * Math.sin(p.x2) ** 2 + b * p.x3 ** 4 * Math.sin(p.x1);
  const s = sobol(ishigami, { x1: [-pi, pi], x2: [-pi, pi], x3: [-pi, pi] }, N, { seed: 1, resamples: 100 });
  s.forEach((x, i) => {
    assertAlmostEquals(x.first, first[i], TOLERANCE, `S of ${x.parameter}`);
    assertAlmostEquals(x.total, total[i], TOLERANCE, `ST of ${x.parameter}`);
    const [lo, hi] = x.totalInterval!;
    assert(lo <= x.total && x.total <= hi && hi - lo < 0.05, `ST interval of ${x.parameter}: ${lo}–${hi}`);
  });
});
