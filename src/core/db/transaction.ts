import type { Executor, Tx } from './client';

/**
 * Runs `work` in a transaction; when `executor` already is one, a savepoint nests inside it,
 * so a use case can be called alone or as part of a larger one.
 */
export function transaction<T>(executor: Executor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return executor.transaction(work);
}
