/** Small file-system questions asked in several places. */

/** Whether `path` is an existing regular file (false when it does not exist; other errors propagate). */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
