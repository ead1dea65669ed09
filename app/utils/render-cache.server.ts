// Memoised HTML of rendered pages. A page's HTML is a pure function of its URL, status and the
// data its loaders and action returned (the build does not change while the process runs), so the
// key is a hash of exactly those: a changed figure, another user or another filter is another key,
// and nothing needs invalidating. What it saves is React's render of large tables and charts when
// many people look at the same page; the loaders (and with them authorisation) run on every request.
import { createHash } from 'node:crypto'

const MAX_TOTAL_BYTES = 48 * 1024 * 1024
const MAX_ENTRY_BYTES = 4 * 1024 * 1024

const entries = new Map<string, Uint8Array<ArrayBuffer>>()
let totalBytes = 0

export function renderKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url')
}

export function getRendered(key: string): Uint8Array<ArrayBuffer> | undefined {
  const html = entries.get(key)
  if (html !== undefined) {
    // Most recently used goes last: eviction takes from the front.
    entries.delete(key)
    entries.set(key, html)
  }
  return html
}

export function keepRendered(key: string, html: Uint8Array<ArrayBuffer>) {
  if (html.byteLength > MAX_ENTRY_BYTES || entries.has(key)) return
  entries.set(key, html)
  totalBytes += html.byteLength
  for (const [oldest, value] of entries) {
    if (totalBytes <= MAX_TOTAL_BYTES) break
    entries.delete(oldest)
    totalBytes -= value.byteLength
  }
}
