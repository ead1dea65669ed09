// Gzipped JavaScript per page, from the Remix client manifest of the build.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { round } from './stats'

const ROOT = process.cwd()

export type JsSize = { route: string; page: string; status: 'ok' | 'fehlt'; files?: number; gzipKb?: number; rawKb?: number }

const PAGES: [page: string, routeId: string][] = [
  ['/', 'routes/_index'],
  ['/matrix', 'routes/matrix'],
  ['/kreise/:ags', 'routes/kreise.$ags._index'],
  ['/kreise/:ags/leistungen/:ozgId', 'routes/kreise.$ags.leistungen.$ozgId'],
  ['/leistungen/:ozgId', 'routes/leistungen.$ozgId'],
  ['/import', 'routes/import'],
]

type ManifestEntry = { module: string; imports?: string[]; css?: string[]; parentId?: string }

export function javascriptPerPage(): JsSize[] | { error: string } {
  const assets = resolve(ROOT, 'build/client/assets')
  const file = existsSync(assets) ? readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f)) : undefined
  if (!file) return { error: 'build/client/assets/manifest-*.js fehlt' }
  const text = readFileSync(join(assets, file), 'utf8')
  const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)
  const manifest = JSON.parse(json) as { entry: { module: string; imports: string[] }; routes: Record<string, ManifestEntry> }
  const sizes = new Map<string, { raw: number; gzip: number }>()
  const sizeOf = (url: string) => {
    if (!sizes.has(url)) {
      const path = resolve(ROOT, 'build/client', url.replace(/^\//, ''))
      const bytes = existsSync(path) ? readFileSync(path) : Buffer.alloc(0)
      sizes.set(url, { raw: bytes.byteLength, gzip: bytes.byteLength ? gzipSync(bytes, { level: 9 }).byteLength : 0 })
    }
    return sizes.get(url)!
  }
  return PAGES.map(([page, routeId]) => {
    if (!manifest.routes[routeId]) return { route: routeId, page, status: 'fehlt' as const }
    // What the browser loads for a document request: the entry, and every route of the match
    // (root … leaf) with its imports.
    const chain: ManifestEntry[] = []
    for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) chain.push(manifest.routes[id])
    const urls = new Set<string>([manifest.entry.module, ...manifest.entry.imports])
    for (const r of chain) {
      urls.add(r.module)
      for (const i of r.imports ?? []) urls.add(i)
    }
    let raw = 0
    let gzip = 0
    for (const url of urls) {
      const s = sizeOf(url)
      raw += s.raw
      gzip += s.gzip
    }
    return { route: routeId, page, status: 'ok' as const, files: urls.size, gzipKb: round(gzip / 1024), rawKb: round(raw / 1024) }
  })
}
