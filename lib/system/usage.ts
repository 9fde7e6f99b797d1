/**
 * Bad input on a command line — an unknown flag or model, a malformed or out-of-range value. Every
 * command (`task sim`, `slurm`, `k8s`, `report`) prints its one-line message and exits with status 2,
 * having written nothing; other failures exit 1. It lives below the commands and lib/scale, which
 * check their job options with it.
 */
export class UsageError extends Error {
  override name = "UsageError";
}
