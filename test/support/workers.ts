// How many test files run at once, and which of the shared servers a file uses.
//
// Most of the suite waits on other processes (PostgreSQL, Chromium, the built server), so on two
// cores three files at a time keep both busy. The browser and security tests share servers; each
// worker slot gets servers of its own, so two files running at once never see each other's data
// (a file in slot 2 meets only what earlier files of slot 2 left, as in a sequential run).

/** Files at once (vitest's maxWorkers); TEST_WORKERS overrides, e.g. 1 to debug one by one. */
export const TEST_WORKERS = Math.max(1, Number(process.env.TEST_WORKERS) || 3)

/** This file's share of `perSlot` (one entry per worker slot), by vitest's VITEST_POOL_ID (1…maxWorkers). */
export function forThisWorker<T>(perSlot: readonly T[]): T {
  const slot = Number(process.env.VITEST_POOL_ID ?? '1') - 1
  return perSlot[slot % perSlot.length]
}
