// The slow-query log: each database client's statement entry points are wrapped so that a
// statement taking longer than SLOW_QUERY_MS (from being awaited to its answer, so a wait for a
// free connection or for PGlite's one-at-a-time queue counts too — that is what the request
// felt) leaves one warn line. With SLOW_QUERY_MS=0 nothing is wrapped.
import type { PGlite, Transaction } from '@electric-sql/pglite'
import type { Sql } from 'postgres'
import { logSlowQuery } from './request-log.server'

function report(text: string, startedAt: number, thresholdMs: number) {
  const ms = performance.now() - startedAt
  if (ms > thresholdMs) logSlowQuery(text, ms)
}

type Thenable = { then: (onFulfilled?: (value: unknown) => unknown, onRejected?: (error: unknown) => unknown) => unknown }

// postgres.js runs a query when it is first awaited (its then()), and drizzle may call .values()
// on it before: the query object is returned as it is, with a timed then(). A query may be
// awaited more than once (its result is shared); it is timed from the first then() and
// reported once.
function timedQuery<Q extends Thenable>(query: Q, text: string, thresholdMs: number): Q {
  const then = query.then
  let startedAt: number | null = null
  const done = () => {
    if (startedAt === null) return
    report(text, startedAt, thresholdMs)
    startedAt = null
  }
  query.then = function (this: Q, onFulfilled, onRejected) {
    startedAt ??= performance.now()
    return then.call(
      this,
      (value) => {
        done()
        return onFulfilled ? onFulfilled(value) : value
      },
      (error) => {
        done()
        if (onRejected) return onRejected(error)
        throw error
      },
    )
  }
  return query
}

function wrapUnsafe(client: Sql, thresholdMs: number) {
  const unsafe = client.unsafe
  client.unsafe = ((text: string, ...rest: unknown[]) => timedQuery((unsafe as (...a: unknown[]) => Thenable)(text, ...rest), text, thresholdMs)) as Sql['unsafe']
}

/** Logs the postgres.js client's slow statements, in and outside transactions. */
export function logSlowPostgres(client: Sql, thresholdMs: number) {
  if (thresholdMs <= 0) return
  wrapUnsafe(client, thresholdMs)
  const begin = client.begin.bind(client) as (...args: unknown[]) => Promise<unknown>
  client.begin = ((...args: unknown[]) => {
    const work = args.pop() as (tx: Sql) => unknown
    return begin(...args, (tx: Sql) => {
      wrapUnsafe(tx, thresholdMs)
      return work(tx)
    })
  }) as Sql['begin']
}

/** Logs the PGlite client's slow statements, in and outside transactions. */
export function logSlowPglite(client: PGlite, thresholdMs: number) {
  if (thresholdMs <= 0) return
  const timed = <C extends PGlite | Transaction>(target: C) => {
    const query = target.query.bind(target) as C['query']
    target.query = (async (text: string, ...rest: unknown[]) => {
      const startedAt = performance.now()
      try {
        return await (query as (...a: unknown[]) => Promise<unknown>)(text, ...rest)
      } finally {
        report(text, startedAt, thresholdMs)
      }
    }) as C['query']
  }
  timed(client)
  const transaction = client.transaction.bind(client)
  client.transaction = ((work: (tx: Transaction) => Promise<unknown>) =>
    transaction((tx) => {
      timed(tx)
      return work(tx)
    })) as PGlite['transaction']
}
