// Where a request's time goes beyond its SQL (issue 15 item 3): starts the production server
// with `node --cpu-prof` on a benchmark database, loads one page with autocannon, stops the
// server (SIGTERM writes the profile) and sums the profile's samples by package and by function.
//
//   npm run bench:profile -- [--database ozg_bench_400] [--path /] [--duration 10] [--connections 10]
//
// Needs the production build and bench/data/<database>.json (npm run bench:data). The profile
// stays in bench/results/profile-<time>.cpuprofile (open it in Chrome's DevTools).
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import autocannon, { type Result } from 'autocannon'
import type { BenchCredentials } from './generate'
import { QUIET_UNLIMITED, startServer, stopServer } from './lib/server'

const ROOT = resolve(import.meta.dirname, '..')

function option(argv: string[], name: string, fallback: string) {
  const i = argv.indexOf(name)
  return i === -1 ? fallback : argv[i + 1]
}

type CallFrame = { functionName: string; url: string; lineNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] }
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** The package (or `app`, `node:…`, `(garbage collector)`) a profile node's code belongs to. */
function ownerOf(url: string, fn: string) {
  if (url.includes('node_modules/')) {
    const parts = url.split('node_modules/').pop()!.split('/')
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
  }
  if (url.includes('build/server')) return 'app (build/server)'
  if (url.startsWith('node:')) return 'node (internal)'
  return url || fn
}

export function summarise(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const byOwner = new Map<string, number>()
  const byFunction = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    total += dt
    const owner = ownerOf(url, functionName)
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + dt)
    const fn = `${functionName || '(anonym)'} ${owner}:${lineNumber}`
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt)
  })
  const busy = total - (byOwner.get('(idle)') ?? 0)
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .filter(([name]) => !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => `| ${name} | ${Math.round(us / 1000).toLocaleString('de-DE')} ms | ${((100 * us) / busy).toFixed(1)} % |`)
  return { totalMs: total / 1000, busyMs: busy / 1000, owners: top(byOwner, 15), functions: top(byFunction, 20) }
}

// Stages of a request, tested in this order against a sample's whole stack (leaf first), so
// that e.g. a Buffer copy inside React counts as React. Used for the split in bench/README.md.
const STAGES: [name: string, test: (stack: CallFrame[]) => boolean][] = [
  ['GC', (s) => s[0].functionName === '(garbage collector)'],
  ['module loading (server start)', (s) => s.some((f) => /compileSourceTextModule|wrapSafe|Module\._load|parseSource/.test(f.functionName))],
  ['turbo-stream (loader data)', (s) => s.some((f) => f.url.includes('turbo-stream') || f.functionName === 'encodeViaTurboStream')],
  ['matrix rows (renderMatrixRows)', (s) => s.some((f) => f.functionName === 'renderMatrixRows')],
  ['React render', (s) => s.some((f) => f.url.includes('react-dom'))],
  ['database (postgres.js, drizzle)', (s) => s.some((f) => f.url.includes('/postgres/') || f.url.includes('drizzle-orm'))],
  ['Remix request handling', (s) => s.some((f) => f.url.includes('@remix-run'))],
  ['Express, static files, helmet, compression', (s) => s.some((f) => /express|serve-static|\/send\/|helmet|compression|finalhandler/.test(f.url))],
  ['HTTP and sockets (Node)', (s) => s.some((f) => /node:_http|node:net|stream_base/.test(f.url))],
  ['app code outside the above', (s) => s.some((f) => f.url.includes('build/server'))],
]

/** Busy time by stage of the request (first matching stage of each sample's stack). */
export function split(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const byStage = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((id, i) => {
    const stack: CallFrame[] = []
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!.callFrame)
    if (stack[0].functionName === '(idle)') return
    const dt = profile.timeDeltas[i] ?? 0
    busy += dt
    const stage = STAGES.find(([, test]) => test(stack))?.[0] ?? 'other'
    byStage.set(stage, (byStage.get(stage) ?? 0) + dt)
  })
  return [...byStage].sort((a, b) => b[1] - a[1]).map(([stage, us]) => ({ stage, share: us / busy, us }))
}

async function main() {
  const argv = process.argv.slice(2)
  const database = option(argv, '--database', 'ozg_bench_400')
  const path = option(argv, '--path', '/')
  const duration = Number(option(argv, '--duration', '10'))
  const connections = Number(option(argv, '--connections', '10'))
  const credentials = JSON.parse(readFileSync(resolve(ROOT, `bench/data/${database}.json`), 'utf8')) as BenchCredentials
  const dir = resolve(ROOT, 'bench/results')
  const scratch = join(dir, `profile-${randomBytes(4).toString('hex')}`)
  mkdirSync(scratch, { recursive: true })
  const server = await startServer(credentials.databaseUrl, { env: QUIET_UNLIMITED, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${scratch}`] })
  const base = server.base
  const headers: Record<string, string> = path.startsWith('/api/') ? { Authorization: `Bearer ${credentials.apiToken}` } : { Cookie: credentials.coordinatorCookie }
  const result = await new Promise<Result>((done, fail) => {
    autocannon({ url: base + path, connections, duration, headers, timeout: 30 }, (error, r) => (error ? fail(error) : done(r)))
  })
  await stopServer(server)
  const file = readdirSync(scratch).find((f) => f.endsWith('.cpuprofile'))!
  const kept = join(dir, `profile-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`)
  renameSync(join(scratch, file), kept)
  rmSync(scratch, { recursive: true, force: true })
  const profile = JSON.parse(readFileSync(kept, 'utf8')) as Profile
  const summary = summarise(profile)
  const requests = result.requests.total
  console.log(`${path} auf ${database}: ${requests} Anfragen in ${duration} s (${result.non2xx} nicht 2xx), p50 ${result.latency.p50} ms`)
  console.log(`Profil: ${Math.round(summary.busyMs).toLocaleString('de-DE')} ms beschäftigt von ${Math.round(summary.totalMs).toLocaleString('de-DE')} ms (Start des Servers eingeschlossen), ≈ ${(summary.busyMs / Math.max(1, requests)).toFixed(1)} ms je Anfrage`)
  console.log('\n| Abschnitt | Anteil (beschäftigt) | je Anfrage |\n|---|---|---|')
  for (const row of split(profile)) console.log(`| ${row.stage} | ${(100 * row.share).toFixed(1)} % | ${(row.us / 1000 / Math.max(1, requests)).toFixed(1)} ms |`)
  console.log('\n| Paket | Zeit | Anteil (beschäftigt) |\n|---|---|---|')
  for (const row of summary.owners) console.log(row)
  console.log('\n| Funktion | Zeit | Anteil |\n|---|---|---|')
  for (const row of summary.functions) console.log(row)
  console.log(`\nProfil: ${kept}`)
}

await main()
