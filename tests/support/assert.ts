/**
 * The subset of `@std/assert` this project's tests use, built on `node:assert/strict`.
 *
 * `@std/assert` is published only on JSR, which these machines cannot reach; the import map resolves
 * "@std/assert" here, so tests keep the standard API and can switch back by changing one line.
 */
import nodeAssert from "node:assert/strict";

export class AssertionError extends Error {
  override name = "AssertionError";
}

export function assert(condition: unknown, msg = "expected a truthy value"): asserts condition {
  if (!condition) throw new AssertionError(msg);
}

export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  try {
    nodeAssert.deepStrictEqual(actual, expected);
  } catch (e) {
    throw new AssertionError(msg ? `${msg}\n${(e as Error).message}` : (e as Error).message);
  }
}

export function assertNotEquals<T>(actual: T, expected: T, msg?: string): void {
  try {
    nodeAssert.notDeepStrictEqual(actual, expected);
  } catch {
    throw new AssertionError(msg ?? `expected values to differ: ${String(actual)}`);
  }
}

/** |actual − expected| ≤ tolerance (default: 1e-7 relative to expected, as @std/assert). */
export function assertAlmostEquals(actual: number, expected: number, tolerance?: number, msg?: string): void {
  const tol = tolerance ?? Math.abs(expected) * 1e-7;
  if (Object.is(actual, expected)) return;
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new AssertionError(
      msg ?? `expected ${actual} to be close to ${expected} (tolerance ${tol}, off by ${actual - expected})`,
    );
  }
}

export function assertMatch(actual: string, expected: RegExp, msg?: string): void {
  if (!expected.test(actual)) throw new AssertionError(msg ?? `expected "${actual}" to match ${expected}`);
}

export function assertStringIncludes(actual: string, expected: string, msg?: string): void {
  if (!actual.includes(expected)) {
    throw new AssertionError(msg ?? `expected "${actual}" to include "${expected}"`);
  }
}

type ErrorClass = new (...args: never[]) => Error;

function isInstance(e: Error, ErrorClass: ErrorClass): boolean {
  return e instanceof ErrorClass;
}

function checkError(e: unknown, ErrorClass?: ErrorClass, includes?: string): Error {
  if (!(e instanceof Error)) throw new AssertionError(`expected an Error to be thrown, got ${String(e)}`);
  const error: Error = e;
  if (ErrorClass && !isInstance(error, ErrorClass)) {
    throw new AssertionError(`expected ${ErrorClass.name} to be thrown, got ${error.name}: ${error.message}`);
  }
  if (includes !== undefined && !e.message.includes(includes)) {
    throw new AssertionError(`expected the error message to include "${includes}", got "${e.message}"`);
  }
  return e;
}

export function assertThrows(fn: () => unknown, ErrorClass?: ErrorClass, msgIncludes?: string): Error {
  try {
    fn();
  } catch (e) {
    return checkError(e, ErrorClass, msgIncludes);
  }
  throw new AssertionError("expected the function to throw");
}

export async function assertRejects(
  fn: () => Promise<unknown>,
  ErrorClass?: ErrorClass,
  msgIncludes?: string,
): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    return checkError(e, ErrorClass, msgIncludes);
  }
  throw new AssertionError("expected the promise to reject");
}
