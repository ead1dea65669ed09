// What a benchmark scenario is: a measurement that runs at each scale after the built-in page,
// save and import runs (bench/run.ts), reports lines for the table and targets with met/missed.
// Register one in bench/scenarios.ts.
import type { DatabaseHandle } from '../../app/utils/db.server'
import type { GenerateResult } from '../generate'
import type { RawResult } from './baselines'
import type { ImportResult } from './import'
import type { LoadResult } from './load'
import type { SaveResult } from './saves'
import type { Server, ServerOptions } from './server'

export type BenchArgs = {
  scales: number[]
  duration: number
  connections: number
  editors: number
  keep: boolean
  build: boolean
  adminUrl: string
  rawRuns: number
  /** How often the mixed workload repeats its configurations (alternating, to even out noise). */
  mixedRounds: number
  /** Seconds of each mixed-workload run: with 20 connections a request may take seconds. */
  mixedDuration: number
  /** Measure the embedded default (PGlite) too. */
  pglite: boolean
  /** Run only these scenarios (by key); all when not given. */
  only?: string[]
}

export type ScaleContext = {
  counties: number
  databaseUrl: string
  /** The runner's own connection to the scale's database (a pool of 10). */
  handle: DatabaseHandle
  gen: GenerateResult
  args: BenchArgs
  /** Starts another app server on the scale's database; the runner stops it at the end. */
  startServer: (options?: ServerOptions) => Promise<Server>
  stopServer: (server: Server) => Promise<void>
}

export type Target = {
  target: string
  scale: number | null
  value: string
  ok: boolean | null
  /** Printed beside the value, not judged (e.g. the page one request at a time). */
  info?: string
}

export type Scenario<R = unknown> = {
  key: string
  title: string
  /** The scales it runs at (default: all). */
  runsAt?: (counties: number) => boolean
  run: (ctx: ScaleContext) => Promise<R>
  /** Lines for the table of a scale. */
  print: (result: R) => string[]
  /** Targets judged from the results of every scale it ran at. */
  targets?: (results: { counties: number; result: R }[]) => Target[]
}

/** Keeps a scenario's result type checked where it is defined, and erases it for the registry. */
export function scenario<R>(definition: Scenario<R>): Scenario {
  return definition as unknown as Scenario
}

/** Everything measured at one scale. */
export type ScaleResult = {
  counties: number
  database: string
  generation: GenerateResult['seconds'] & { rows: GenerateResult['rows'] }
  trivial: LoadResult
  pages: Record<string, LoadResult & { path: string }>
  /** The dashboard and the API summary requested one at a time (1 connection), with server CPU per request. */
  oneAtATime: Record<string, LoadResult & { path: string }>
  rawSql: { dashboard: RawResult; matrixTheme: RawResult; apiSummary: RawResult }
  saves: SaveResult
  import?: ImportResult
  /** The registered scenarios' results, by key. */
  scenarios: Record<string, unknown>
  serverPeakRssMb: number | null
  serverLogTail?: string
}
