/**
 * Writing generated tables: CSV or Parquet, each beside a manifest, always atomically (temporary file in
 * the same directory, then rename) so that an interrupted run never leaves a half-written table that
 * looks complete.
 */
import pl from "nodejs-polars";
import { dirname, join } from "node:path";

export type TableFormat = "csv" | "parquet";

/** Writes `bytes` to `path` through a temporary file in the same directory and a rename. */
export async function writeAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = join(dirname(path), `.${crypto.randomUUID()}.tmp`);
  try {
    if (typeof bytes === "string") await Deno.writeTextFile(tmp, bytes);
    else await Deno.writeFile(tmp, bytes);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

/** The bytes of a frame in the given format. */
export function encodeTable(frame: pl.DataFrame, format: TableFormat): Uint8Array {
  const buffer = format === "csv" ? frame.writeCSV() : frame.writeParquet();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Writes every table as `<name>.<format>` and then `manifest.json` into `dir` (created if missing).
 * Every table is encoded before anything is written, so an encoding failure writes nothing.
 */
export async function writeTables(
  dir: string,
  tables: Readonly<Record<string, pl.DataFrame>>,
  format: TableFormat,
  manifest: Record<string, unknown>,
): Promise<string[]> {
  const encoded = Object.entries(tables).map(([name, frame]) => ({
    file: `${name}.${format}`,
    bytes: encodeTable(frame, format),
    rows: frame.height,
    columns: frame.columns,
  }));
  await Deno.mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const { file, bytes } of encoded) {
    await writeAtomic(join(dir, file), bytes);
    files.push(join(dir, file));
  }
  const tablesMeta = Object.fromEntries(
    encoded.map(({ file, rows, columns }) => [file, { rows, columns }]),
  );
  const manifestPath = join(dir, "manifest.json");
  await writeAtomic(manifestPath, JSON.stringify({ ...manifest, tables: tablesMeta }, null, 2) + "\n");
  files.push(manifestPath);
  return files;
}
