/**
 * Reward distribution along the contribution DAG (design document section 4.2, `distribute_reward`; see docs/models/bitrewards.md).
 *
 * An ancestor's share is R × the product of the splits along the shortest path from the terminal
 * contribution to it; the terminal keeps R − Σ ancestor shares. All shares come from ONE breadth-first
 * walk up the reversed edges, so an event costs time in proportion to the ancestors it reaches, not to
 * the size of the graph (the design's sketch ran one shortest-path search per ancestor).
 *
 * Decisions the design leaves open, made here:
 * - Ties among equal-length paths: the walk fixes each ancestor's path the first time it reaches it,
 *   visiting a contribution's parents in the order their edges were recorded (the parents the creator
 *   cited, in citation order, then fundings, oldest first). Of two shortest paths, the one through the
 *   earlier-recorded edge at the first fork counts. (networkx's bidirectional search may choose
 *   differently; the design calls the rule a "simple tree assumption".)
 * - Shares above R: with many ancestors and high splits Σ shares can exceed R. Then every ancestor share
 *   is scaled by R / Σ and the terminal keeps 0: exactly R is paid out, value is never created.
 * - max_graph_depth: ancestors further than this many edges are not paid. max_ancestors_per_event: only the
 *   nearest that many ancestors (in walk order) are paid.
 *
 * The walk reads parents through `Lineage`, which the model's ledgers answer from plain arrays (iterating
 * graphology's in-edge objects was measured at over half of a whole run; graph.ts builds a graphology graph
 * from a ledger where one is wanted).
 */

/** A contribution's recorded parents and the splits of their edges, in the order the edges were recorded. */
export interface Lineage {
  parentsOf(id: number): readonly number[];
  splitsOf(id: number): readonly number[];
}

export interface RewardLimits {
  /** Most edges between the terminal and a paid ancestor. */
  readonly maxDepth: number;
  /** Most ancestors paid for one event. */
  readonly maxAncestors: number;
}

/** Where one event's reward went. */
export interface RewardFlow {
  /** Contributions paid, the terminal first, then ancestors in walk order. */
  readonly ids: number[];
  /** Amount paid to each, same order; sums to the pool. */
  readonly amounts: number[];
  /** Path length of each (0 for the terminal). */
  readonly depths: number[];
}

/**
 * Distributes `pool` from `terminal` up the DAG (see the module comment for the rules), into new arrays.
 * The model distributes its events through one RewardWalk instead, which allocates nothing per event.
 */
export function distributeReward(
  lineage: Lineage,
  terminal: number,
  pool: number,
  limits: RewardLimits,
): RewardFlow {
  const walk = new RewardWalk().run(lineage, terminal, pool, limits);
  const n = walk.length;
  return {
    ids: Array.from(walk.ids.subarray(0, n)),
    amounts: Array.from(walk.amounts.subarray(0, n)),
    depths: Array.from(walk.depths.subarray(0, n)),
  };
}

/**
 * The walk of one event at a time over buffers kept from event to event: the flow of the last `run` is
 * entries [0, length) of `ids`, `amounts` and `depths` (a RewardFlow's arrays), and a contribution counts
 * as reached when its stamp is the current event's. A fresh Set and three arrays per event were a fifth of
 * a BITrewards run's time and most of its garbage; the arithmetic is the same, in the same order.
 */
export class RewardWalk {
  ids = new Int32Array(64);
  amounts = new Float64Array(64);
  depths = new Int32Array(64);
  length = 0;
  /** Per contribution id, the number of the last event that reached it. */
  #reached = new Int32Array(1024);
  #event = 0;

  run(lineage: Lineage, terminal: number, pool: number, limits: RewardLimits): this {
    if (this.#event === 0x7fffffff) {
      this.#reached.fill(0);
      this.#event = 0;
    }
    const event = ++this.#event;
    this.#push(terminal, pool, 0);
    this.#mark(terminal, event);
    const budget = Math.max(0, limits.maxAncestors);
    // ids doubles as the walk's queue: ancestors are appended as they are reached; amounts[i] holds what
    // reaches ids[i] along its path until the terminal's share is settled below.
    for (let head = 0; head < this.length && this.length - 1 < budget; head++) {
      if (this.depths[head] >= limits.maxDepth) continue;
      const parents = lineage.parentsOf(this.ids[head]);
      const splits = lineage.splitsOf(this.ids[head]);
      for (let k = 0; k < parents.length && this.length - 1 < budget; k++) {
        const parent = parents[k];
        if (parent < this.#reached.length && this.#reached[parent] === event) continue;
        this.#mark(parent, event);
        this.#push(parent, this.amounts[head] * splits[k], this.depths[head] + 1);
      }
    }
    const { amounts, length } = this;
    let ancestorTotal = 0;
    for (let i = 1; i < length; i++) ancestorTotal += amounts[i];
    if (ancestorTotal > pool) {
      const scale = pool / ancestorTotal;
      for (let i = 1; i < length; i++) amounts[i] *= scale;
      amounts[0] = 0;
    } else {
      amounts[0] = pool - ancestorTotal;
    }
    return this;
  }

  /** Starts a new flow when `depth` is 0 (the terminal), else appends to it. */
  #push(id: number, amount: number, depth: number): void {
    if (depth === 0) this.length = 0;
    if (this.length === this.ids.length) {
      const grown = (a: Int32Array) => {
        const b = new Int32Array(2 * a.length);
        b.set(a);
        return b;
      };
      this.ids = grown(this.ids);
      this.depths = grown(this.depths);
      const amounts = new Float64Array(2 * this.amounts.length);
      amounts.set(this.amounts);
      this.amounts = amounts;
    }
    this.ids[this.length] = id;
    this.amounts[this.length] = amount;
    this.depths[this.length] = depth;
    this.length++;
  }

  #mark(id: number, event: number): void {
    if (id >= this.#reached.length) {
      const grown = new Int32Array(Math.max(2 * this.#reached.length, id + 1));
      grown.set(this.#reached);
      this.#reached = grown;
    }
    this.#reached[id] = event;
  }
}
