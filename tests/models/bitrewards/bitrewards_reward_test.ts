/**
 * distribute_reward: worked examples by hand and properties over random DAGs (conservation, acyclicity,
 * depth and ancestor caps, no value created).
 */
import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { DirectedGraph } from "graphology";
import type { EdgeAttributes } from "@lib/models/bitrewards/graph.ts";
import { distributeReward, type Lineage, RewardWalk } from "@lib/models/bitrewards/reward.ts";
import { streamFor } from "@lib/engine/random.ts";

type G = DirectedGraph<Record<string, unknown>, EdgeAttributes>;
const NO_LIMIT = { maxDepth: Infinity, maxAncestors: Infinity };

function graph(edges: [number, number, number][]): G {
  const g: G = new DirectedGraph();
  for (const [parent, child, split] of edges) {
    g.mergeNode(String(parent));
    g.mergeNode(String(child));
    g.addEdge(String(parent), String(child), { split });
  }
  return g;
}

/** A Lineage read straight from a graphology graph whose node keys are integers. */
function graphLineage(graph: G): Lineage {
  const parents = (id: number) => graph.inNeighbors(String(id)).map(Number);
  return {
    parentsOf: parents,
    splitsOf: (id) => parents(id).map((p) => graph.getEdgeAttribute(String(p), String(id), "split")),
  };
}

const flowOf = (edges: [number, number, number][], terminal: number, pool: number, limits = NO_LIMIT) =>
  distributeReward(graphLineage(graph(edges)), terminal, pool, limits);
const paid = (flow: ReturnType<typeof distributeReward>) =>
  Object.fromEntries(flow.ids.map((k, i) => [k, flow.amounts[i]]));

Deno.test("a chain: each ancestor gets R × the product of splits on its path; the terminal keeps the rest", () => {
  // 1 → 2 → 3 (3 is used): 2 gets R·0.5, 1 gets R·0.5·0.1
  const flow = flowOf([[1, 2, 0.1], [2, 3, 0.5]], 3, 100);
  assertEquals(flow.ids, [3, 2, 1]);
  assertEquals(flow.depths, [0, 1, 2]);
  const p = paid(flow);
  assertAlmostEquals(p[2], 50);
  assertAlmostEquals(p[1], 5);
  assertAlmostEquals(p[3], 45);
});

Deno.test("a diamond: the shortest path counts, ties go to the earlier-recorded edge", () => {
  // root 0 → 1 → 9 and 0 → 9 directly: the direct edge is shortest.
  assertAlmostEquals(paid(flowOf([[0, 1, 0.5], [1, 9, 0.5], [0, 9, 0.02]], 9, 1))[0], 0.02);
  // Two paths of length 2 from 9 to 0: through 1 (its edge into 9 was recorded first) and through 2.
  const tie = paid(flowOf([[1, 9, 0.5], [2, 9, 0.1], [0, 1, 0.2], [0, 2, 0.9]], 9, 1));
  assertAlmostEquals(tie[0], 0.5 * 0.2);
  assertAlmostEquals(tie[9], 1 - 0.5 - 0.1 - 0.1);
  // The walk follows the recorded order, not the ids: recorded the other way round, the path through 2 counts.
  const recorded: Record<number, [number, number][]> = {
    9: [[2, 0.1], [1, 0.5]],
    1: [[0, 0.2]],
    2: [[0, 0.9]],
    0: [],
  };
  const lineage = {
    parentsOf: (id: number) => recorded[id].map(([p]) => p),
    splitsOf: (id: number) => recorded[id].map(([, s]) => s),
  };
  assertAlmostEquals(paid(distributeReward(lineage, 9, 1, NO_LIMIT))[0], 0.1 * 0.9);
});

Deno.test("shares above R are scaled to R and the terminal keeps nothing", () => {
  const p = paid(flowOf([[1, 4, 0.5], [2, 4, 0.5], [3, 4, 0.5]], 4, 3));
  assertEquals(p[4], 0);
  for (const k of [1, 2, 3]) assertAlmostEquals(p[k], 1);
});

Deno.test("depth and ancestor caps: only the nearest are paid", () => {
  const edges: [number, number, number][] = [[1, 2, 0.5], [2, 3, 0.5], [3, 4, 0.5]];
  assertEquals(flowOf(edges, 4, 8, { maxDepth: 1, maxAncestors: Infinity }).ids, [4, 3]);
  assertEquals(flowOf(edges, 4, 8, { maxDepth: Infinity, maxAncestors: 2 }).ids, [4, 3, 2]);
  assertEquals(flowOf(edges, 4, 8, { maxDepth: 0, maxAncestors: Infinity }).amounts, [8]);
  const isolated: G = new DirectedGraph();
  isolated.addNode("7");
  assertEquals(distributeReward(graphLineage(isolated), 7, 2, NO_LIMIT).amounts, [2]);
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
    const terminal = rng.int(n);
    const flow = distributeReward(graphLineage(g), terminal, 10, limits);
    const total = flow.amounts.reduce((s, a) => s + a, 0);
    assertAlmostEquals(total, 10, 1e-9);
    assert(flow.amounts.every((a) => a >= 0));
    assert(flow.ids.length - 1 <= limits.maxAncestors);
    assert(flow.depths.every((d) => d <= limits.maxDepth));
    assertEquals(new Set(flow.ids).size, flow.ids.length, "each contribution paid once");
    for (const id of flow.ids.slice(1)) assert(id < terminal, "ancestors are earlier");
  }
});

Deno.test("one RewardWalk over many events gives each event's flow as a fresh walk does", () => {
  const rng = streamFor("reuse");
  const g: G = new DirectedGraph();
  const n = 3000; // past the walk's first buffers, so that they grow between events
  for (let i = 0; i < n; i++) {
    g.addNode(String(i));
    for (let k = 0; k < 3 && i > 0; k++) {
      const parent = String(Math.max(0, i - 1 - rng.int(40)));
      if (!g.hasEdge(parent, String(i))) g.addEdge(parent, String(i), { split: rng.random() });
    }
  }
  const lineage = graphLineage(g);
  const walk = new RewardWalk();
  for (let event = 0; event < 300; event++) {
    const limits = { maxDepth: 1 + rng.int(12), maxAncestors: 1 + rng.int(120) };
    const terminal = rng.int(n);
    const expected = distributeReward(lineage, terminal, 10, limits);
    walk.run(lineage, terminal, 10, limits);
    const flow = (a: Int32Array | Float64Array) => Array.from(a.subarray(0, walk.length));
    assertEquals(
      { ids: flow(walk.ids), amounts: flow(walk.amounts), depths: flow(walk.depths) },
      expected,
      `event ${event}`,
    );
  }
});
