// Load on one URL with autocannon (127.0.0.1 only): requests/s with status 2xx and the latency
// percentiles of every response; a page too slow for the window is timed sequentially instead.
import autocannon from 'autocannon'
import { cpuSeconds } from './server'
import { percentile, round } from './stats'

export type LoadArgs = {
  connections: number
  duration: number
  /** The server's worker processes: when given, their CPU time over the window is reported per request. */
  serverPids?: number[]
}

export type LoadResult = {
  status: 'ok' | 'fehlt' | 'fehler'
  note?: string
  rps?: number
  p50?: number
  p95?: number
  p99?: number
  requests?: number
  non2xx?: number
  errors?: number
  /** Server CPU milliseconds (utime + stime of `serverPids`) per response in the window. */
  serverCpuMsPerRequest?: number
}

async function probe(url: string, headers: Record<string, string>): Promise<{ status: number; location: string | null }> {
  const res = await fetch(url, { headers, redirect: 'manual' })
  await res.arrayBuffer()
  return { status: res.status, location: res.headers.get('location') }
}

export async function load(url: string, headers: Record<string, string>, args: LoadArgs): Promise<LoadResult> {
  let first
  try {
    first = await probe(url, headers)
  } catch (error) {
    return { status: 'fehler', note: String(error) }
  }
  if (first.status === 404) return { status: 'fehlt', note: '404' }
  if (first.status !== 200) return { status: 'fehler', note: `HTTP ${first.status}${first.location ? ` → ${first.location}` : ''}` }
  // Warm-up: connection pool, JIT, the database's caches.
  for (let i = 0; i < 5; i++) await probe(url, headers)

  const latencies: number[] = []
  let ok = 0
  let non2xx = 0
  const cpuBefore = args.serverPids?.map(cpuSeconds)
  const started = performance.now()
  const result = await new Promise<{ errors: number; timeouts: number }>((done, fail) => {
    const instance = autocannon({ url, connections: args.connections, duration: args.duration, headers, timeout: 30 }, (error, r) =>
      error ? fail(error) : done(r),
    )
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime)
      if (statusCode >= 200 && statusCode < 300) ok++
      else non2xx++
    })
  })
  const seconds = (performance.now() - started) / 1000
  const serverCpu = cpuBefore && args.serverPids!.map(cpuSeconds).reduce((sum, after, i) => sum + after - cpuBefore[i], 0)
  if (latencies.length < 5) return sequentialFallback(url, headers, result.errors + result.timeouts)
  return {
    status: 'ok',
    rps: round(ok / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    requests: latencies.length,
    non2xx,
    errors: result.errors + result.timeouts,
    ...(serverCpu !== undefined && Number.isFinite(serverCpu) ? { serverCpuMsPerRequest: round((serverCpu * 1000) / latencies.length, 2) } : {}),
  }
}

/** Seconds of the one-at-a-time window (or --duration, if shorter). */
export const ONE_AT_A_TIME_SECONDS = 5

/**
 * The page requested one at a time (1 connection, each request after the last answered; same
 * warm-up as `load`), with the server's CPU per request. Beside a target measured at 10
 * connections, where one worker queues the requests, this is the page's own latency.
 */
export function oneAtATime(url: string, headers: Record<string, string>, serverPids: number[], duration: number): Promise<LoadResult> {
  return load(url, headers, { connections: 1, duration: Math.min(duration, ONE_AT_A_TIME_SECONDS), serverPids })
}

/**
 * A page slower than the load window answers (almost) nothing under autocannon: time up to three
 * requests one after another instead (at most ~30 s), so the table still shows its latency.
 */
async function sequentialFallback(url: string, headers: Record<string, string>, errors: number): Promise<LoadResult> {
  // Let the requests autocannon left running on the server finish first.
  await new Promise((r) => setTimeout(r, 2000))
  const times: number[] = []
  const started = performance.now()
  while (times.length < 3 && performance.now() - started < 30_000) {
    const t0 = performance.now()
    const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(120_000) })
    await res.arrayBuffer()
    times.push(performance.now() - t0)
  }
  return {
    status: 'ok',
    note: `zu langsam für die Lastmessung: ${times.length} Anfrage(n) nacheinander`,
    rps: round(1000 / percentile(times, 50), 2),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    requests: times.length,
    errors,
  }
}

export function describe(r: LoadResult) {
  return r.status === 'ok'
    ? `${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms${r.non2xx ? `, ${r.non2xx} nicht-2xx` : ''}${r.note ? ` (${r.note})` : ''}`
    : `${r.status} (${r.note})`
}
