/**
 * Growable typed columns for the agent-based runner's tables, whose row counts are not known in advance
 * (agents enter, events happen), turned into Polars frames without row objects. Strings are stored as
 * dictionary codes and decoded by one join per column, which costs a fraction of building a Polars
 * column from millions of JavaScript strings.
 */
import pl from "nodejs-polars";

/** The type of a recorded column. */
export type ColumnKind = "float" | "int" | "bool" | "string";

/** A value a reporter or an event may record. */
export type CellValue = number | boolean | string;

type Storage = Float64Array | Int32Array | Uint32Array | Uint8Array;

const STORAGE: Record<ColumnKind, new (n: number) => Storage> = {
  float: Float64Array,
  int: Int32Array,
  bool: Uint8Array,
  string: Uint32Array,
};

/** One column being filled row by row, in a typed array that doubles when full. */
export class Column {
  #values: Storage;
  #length = 0;
  readonly #codes = new Map<string, number>();
  readonly #labels: string[] = [];

  constructor(readonly name: string, readonly kind: ColumnKind, readonly table: string) {
    this.#values = new STORAGE[kind](1024);
  }

  get length(): number {
    return this.#length;
  }

  /** Appends a value, checked against the column's kind (the message names the table and column). */
  push(value: CellValue): void {
    let stored: number;
    switch (this.kind) {
      case "float":
        if (typeof value !== "number") throw this.#bad(value, "a number");
        stored = value;
        break;
      case "int":
        if (typeof value !== "number" || (value | 0) !== value) throw this.#bad(value, "a 32-bit integer");
        stored = value;
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
      const grown = new STORAGE[this.kind](2 * this.#values.length);
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
    return new TypeError(
      `column '${this.name}' of table '${this.table}': ${JSON.stringify(value)} is not ${expected}`,
    );
  }

  /** The column's data for a frame: a typed array, or dictionary codes plus labels for strings. */
  data(): { values: Storage | boolean[]; labels?: readonly string[] } {
    // A view, not a copy: Polars copies the data into its own buffers.
    const values = this.#values.subarray(0, this.#length);
    if (this.kind === "bool") return { values: Array.from(values, (v) => v === 1) };
    return this.kind === "string" ? { values, labels: [...this.#labels] } : { values };
  }
}

/** A table of columns filled together, one row at a time. */
export class Table {
  readonly columns: Column[];
  /** The columns after the first `keys`, which the runner fills itself (subset, run, timestep, ...). */
  readonly values: Column[];

  constructor(readonly name: string, kinds: Readonly<Record<string, ColumnKind>>, keys = 0) {
    this.columns = Object.entries(kinds).map(([column, kind]) => new Column(column, kind, name));
    this.values = this.columns.slice(keys);
  }

  get rows(): number {
    return this.columns[0]?.length ?? 0;
  }

  /** Drops the rows from `rows` on, in every column. */
  truncate(rows: number): void {
    for (const c of this.columns) c.truncate(rows);
  }

  /** The table as a frame, columns in declaration order. */
  toFrame(): pl.DataFrame {
    const data: Record<string, unknown> = {};
    for (const column of this.columns) {
      const { values, labels } = column.data();
      data[column.name] = labels === undefined ? values : decode(column.name, values as Uint32Array, labels);
    }
    return pl.DataFrame(data);
  }
}

/**
 * A string column from dictionary codes: a left join of the codes with the labels, which keeps the
 * codes' row order and is far faster than building the column from one JavaScript string per row.
 */
function decode(name: string, codes: Uint32Array, labels: readonly string[]): pl.Series {
  const key = `__code_${name}`;
  const dictionary = pl.DataFrame({
    [key]: Uint32Array.from(labels, (_, i) => i),
    [name]: pl.Series(name, [...labels], pl.Utf8),
  });
  return pl.DataFrame({ [key]: codes }).join(dictionary, { on: key, how: "left" }).getColumn(name);
}
