/**
 * Recorded tables as typed columns: the one form in which every runner records rows, every executor
 * moves them (between threads by transfer, no row objects) and every writer reads them.
 *
 * Strings are stored as dictionary codes plus their labels, which is compact to move and far cheaper to
 * turn into a Polars column than one JavaScript string per row.
 */

/** The type of a recorded column. `bigint` is an exact 64-bit integer (e.g. token base units). */
export type ColumnKind = "float" | "int" | "bigint" | "bool" | "string";

/** A value a reporter or an event may record. */
export type CellValue = number | bigint | boolean | string;

/** One column's rows. */
export type ColumnData =
  | { readonly kind: "float"; readonly values: Float64Array }
  | { readonly kind: "int"; readonly values: Int32Array }
  | { readonly kind: "bigint"; readonly values: BigInt64Array }
  | { readonly kind: "bool"; readonly values: Uint8Array }
  | { readonly kind: "string"; readonly values: Uint32Array; readonly labels: readonly string[] };

/** A recorded table: named columns of equal length, in order. */
export interface TableData {
  readonly rows: number;
  /**
   * How many leading columns identify a row (`subset, run, timestep`, …); swept parameters are shown
   * after them.
   */
  readonly keys: number;
  readonly columns: Readonly<Record<string, ColumnData>>;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Checks that `value` fits a 64-bit integer column: a BigInt64Array would otherwise wrap it silently.
 * Returns the value; the error names the column.
 */
export function fitInt64(value: bigint, column: string): bigint {
  if (value < INT64_MIN || value > INT64_MAX) {
    throw new RangeError(`column '${column}': ${value} does not fit a 64-bit integer`);
  }
  return value;
}

type Storage = Float64Array | Int32Array | BigInt64Array | Uint32Array | Uint8Array;

const STORAGE: Record<ColumnKind, new (n: number) => Storage> = {
  float: Float64Array,
  int: Int32Array,
  bigint: BigInt64Array,
  bool: Uint8Array,
  string: Uint32Array,
};

/** A new typed array of the storage type of `kind`. */
export function storageFor(kind: ColumnKind, rows: number): Storage {
  return new STORAGE[kind](rows);
}

/** One column being filled row by row, in a typed array that doubles when full. */
export class ColumnBuilder {
  #values: Storage;
  #length = 0;
  readonly #codes = new Map<string, number>();
  readonly #labels: string[] = [];

  constructor(readonly name: string, readonly kind: ColumnKind, readonly table: string) {
    this.#values = storageFor(kind, 1024);
  }

  get length(): number {
    return this.#length;
  }

  /** Appends a value, checked against the column's kind (the message names the table and column). */
  push(value: CellValue): void {
    let stored: number | bigint;
    switch (this.kind) {
      case "float":
        if (typeof value !== "number") throw this.#bad(value, "a number");
        stored = value;
        break;
      case "int":
        if (typeof value !== "number" || (value | 0) !== value) throw this.#bad(value, "a 32-bit integer");
        stored = value;
        break;
      case "bigint":
        if (typeof value !== "bigint") throw this.#bad(value, "a bigint");
        stored = fitInt64(value, `${this.table}.${this.name}`);
        break;
      case "bool":
        if (typeof value !== "boolean") throw this.#bad(value, "true or false");
        stored = value ? 1 : 0;
        break;
      case "string": {
        if (typeof value !== "string") throw this.#bad(value, "a string");
        let code = this.#codes.get(value);
        if (code === undefined) {
          code = this.#labels.length;
          this.#codes.set(value, code);
          this.#labels.push(value);
        }
        stored = code;
      }
    }
    if (this.#length === this.#values.length) {
      const grown = storageFor(this.kind, 2 * this.#values.length);
      grown.set(this.#values as never);
      this.#values = grown;
    }
    this.#values[this.#length++] = stored;
  }

  /** Drops the rows from `length` on (the rows of a failed run). */
  truncate(length: number): void {
    this.#length = Math.min(this.#length, length);
  }

  #bad(value: unknown, expected: string): TypeError {
    const shown = typeof value === "bigint" ? `${value}n` : JSON.stringify(value);
    return new TypeError(`column '${this.name}' of table '${this.table}': ${shown} is not ${expected}`);
  }

  /** The filled rows (a view of the builder's storage: build once, at the end). */
  data(): ColumnData {
    const values = this.#values.subarray(0, this.#length);
    return (this.kind === "string"
      ? { kind: "string", values, labels: [...this.#labels] }
      : { kind: this.kind, values }) as ColumnData;
  }
}

/** A table of columns filled together, one row at a time. */
export class TableBuilder {
  readonly columns: ColumnBuilder[];
  /** The columns after the first `keys`, which the runner fills itself (subset, run, timestep, ...). */
  readonly values: ColumnBuilder[];

  constructor(readonly name: string, kinds: Readonly<Record<string, ColumnKind>>, readonly keys: number) {
    this.columns = Object.entries(kinds).map(([column, kind]) => new ColumnBuilder(column, kind, name));
    this.values = this.columns.slice(keys);
  }

  get rows(): number {
    return this.columns[0]?.length ?? 0;
  }

  /** Drops the rows from `rows` on, in every column. */
  truncate(rows: number): void {
    for (const c of this.columns) c.truncate(rows);
  }

  data(): TableData {
    return {
      rows: this.rows,
      keys: this.keys,
      columns: Object.fromEntries(this.columns.map((c) => [c.name, c.data()])),
    };
  }
}

/**
 * Joins tables with the same columns, in the given order. String columns get one merged dictionary
 * (labels in order of first appearance across the parts), so the result does not depend on how rows
 * were split. Parts with no rows are skipped; the layout comes from the first part that has columns.
 */
export function concatTables(parts: readonly TableData[]): TableData {
  const first = parts.find((p) => Object.keys(p.columns).length > 0);
  if (!first) return { rows: 0, keys: parts[0]?.keys ?? 0, columns: {} };
  const filled = parts.filter((p) => p.rows > 0);
  if (filled.length === 1) return filled[0];
  const rows = filled.reduce((n, p) => n + p.rows, 0);
  const columns: Record<string, ColumnData> = {};
  for (const [name, head] of Object.entries(first.columns)) {
    const out = storageFor(head.kind, rows);
    const labels: string[] = [];
    const codes = new Map<string, number>();
    let at = 0;
    for (const part of filled) {
      const col = part.columns[name];
      if (!col || col.kind !== head.kind) {
        throw new Error(`cannot join tables: column '${name}' is missing or of another kind in a part`);
      }
      if (col.kind === "string") {
        const remap = col.labels.map((label) => {
          let code = codes.get(label);
          if (code === undefined) codes.set(label, code = labels.push(label) - 1);
          return code;
        });
        for (let i = 0; i < col.values.length; i++) out[at + i] = remap[col.values[i]];
      } else {
        out.set(col.values as never, at);
      }
      at += col.values.length;
    }
    columns[name] = (head.kind === "string"
      ? { kind: "string", values: out, labels }
      : { kind: head.kind, values: out }) as ColumnData;
  }
  return { rows, keys: first.keys, columns };
}

/** Rows [from, to) of a table, as views of its columns (no copy). */
export function sliceTable(table: TableData, from: number, to: number): TableData {
  const columns: Record<string, ColumnData> = {};
  for (const [name, c] of Object.entries(table.columns)) {
    columns[name] = { ...c, values: c.values.subarray(from, to) } as ColumnData;
  }
  return { rows: to - from, keys: table.keys, columns };
}

/** The typed arrays behind a table's columns, to transfer them to another thread instead of copying. */
export function transferables(table: TableData): ArrayBuffer[] {
  return Object.values(table.columns).map((c) => c.values.buffer as ArrayBuffer);
}
