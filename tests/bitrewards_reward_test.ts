/**
 * distribute_reward: worked examples by hand and properties over random DAGs (conservation, acyclicity,
 * depth and ancestor caps, no value created).
 */
import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { DirectedGraph } from "graphology";
import { distributeReward, type EdgeAttributes } from "@lib/models/bitrewards/reward.ts";
import { streamFor } from "@lib/engine/random.ts";

type G = DirectedGraph<Record<string, unknown>, EdgeAttributes>;
const NO_LIMIT = { maxDepth: Infinity, maxAncestors: Infinity };

function graph(edges: [string, string, number][]): G {
  const g: G = new DirectedGraph();
  for (const [parent, child, split] of edges) {
    g.mergeNode(parent);
    g.mergeNode(child);
    g.addEdge(parent, child, { split });
  }
  return g;
}

const paid = (flow: ReturnType<typeof distributeReward>) =>
  Object.fromEntries(flow.keys.map((k, i) => [k, flow.amounts[i]]));

Deno.test("a chain: each ancestor gets R × the product of splits on its path; the terminal keeps the rest", () => {
  // a → b → c (c is used): b gets R·0.5, a gets R·0.5·0.1
  const flow = distributeReward(graph([["a", "b", 0.1], ["b", "c", 0.5]]), "c", 100, NO_LIMIT);
  assertEquals(flow.keys, ["c", "b", "a"]);
  assertEquals(flow.depths, [0, 1, 2]);
  const p = paid(flow);
  assertAlmostEquals(p.b, 50);
  assertAlmostEquals(p.a, 5);
  assertAlmostEquals(p.c, 45);
});

Deno.test("a diamond: the shortest path counts, ties go to the earlier-added edge", () => {
  // root → x → t and root → y → t, plus root → t directly: the direct edge is shortest.
  const direct = distributeReward(
    graph([["root", "x", 0.5], ["x", "t", 0.5], ["root", "t", 0.02]]),
    "t",
    1,
    NO_LIMIT,
  );
  assertAlmostEquals(paid(direct).root, 0.02);
  // Two paths of length 2: root is reached through x (its edge to t was added first).
  const tie = distributeReward(
    graph([["x", "t", 0.5], ["y", "t", 0.1], ["root", "x", 0.2], ["root", "y", 0.9]]),
    "t",
    1,
    NO_LIMIT,
  );
  assertAlmostEquals(paid(tie).root, 0.5 * 0.2);
  assertAlmostEquals(paid(tie).t, 1 - 0.5 - 0.1 - 0.1);
});

Deno.test("shares above R are scaled to R and the terminal keeps nothing", () => {
  const g = graph([["a", "t", 0.5], ["b", "t", 0.5], ["c", "t", 0.5]]);
  const p = paid(distributeReward(g, "t", 3, NO_LIMIT));
  assertEquals(p.t, 0);
  for (const k of ["a", "b", "c"]) assertAlmostEquals(p[k], 1);
});

Deno.test("depth and ancestor caps: only the nearest are paid", () => {
  const g = graph([["a", "b", 0.5], ["b", "c", 0.5], ["c", "d", 0.5]]);
  assertEquals(distributeReward(g, "d", 8, { maxDepth: 1, maxAncestors: Infinity }).keys, ["d", "c"]);
  assertEquals(distributeReward(g, "d", 8, { maxDepth: Infinity, maxAncestors: 2 }).keys, ["d", "c", "b"]);
  assertEquals(distributeReward(g, "d", 8, { maxDepth: 0, maxAncestors: Infinity }).amounts, [8]);
  const isolated = graph([]);
  isolated.addNode("solo");
  assertEquals(distributeReward(isolated, "solo", 2, NO_LIMIT).amounts, [2]);
});

Deno.test("property: random DAGs conserve the pool, pay nothing negative, respect the caps", () => {
  const rng = streamFor("dag-properties");
  for (let trial = 0; trial < 200; trial++) {
    const g: G = new DirectedGraph();
    const n = 2 + rng.int(60);
    for (let i = 0; i < n; i++) {
      g.addNode(String(i));
      // Edges only from earlier nodes: acyclic by construction, as contributions only cite earlier ones.
      for (let k = 0; k < rng.int(4) && i > 0; k++) {
        const parent = String(rng.int(i));
        if (!g.hasEdge(parent, String(i))) g.addEdge(parent, String(i), { split: rng.random() });
      }
    }
    const limits = { maxDepth: 1 + rng.int(8), maxAncestors: 1 + rng.int(30) };
    const terminal = String(rng.int(n));
    const flow = distributeReward(g, terminal, 10, limits);
    const total = flow.amounts.reduce((s, a) => s + a, 0);
    assertAlmostEquals(total, 10, 1e-9);
    assert(flow.amounts.every((a) => a >= 0));
    assert(flow.keys.length - 1 <= limits.maxAncestors);
    assert(flow.depths.every((d) => d <= limits.maxDepth));
    assertEquals(new Set(flow.keys).size, flow.keys.length, "each contribution paid once");
    // Every paid ancestor is a real ancestor: a path exists back to the terminal.
    for (const key of flow.keys.slice(1)) assert(Number(key) < Number(terminal), "ancestors are earlier");
  }
});
