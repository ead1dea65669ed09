import { describe, expect, it } from 'vitest'
import { getRendered, keepRendered, renderKey } from '~/utils/render-cache.server'

const page = (mb: number, fill: number) => new Uint8Array(mb * 1024 * 1024).fill(fill) as Uint8Array<ArrayBuffer>

describe('render cache', () => {
  it('keys on every input: another URL or other data is another page', () => {
    const data = { root: { user: { id: 1 } }, 'routes/_index': { online: 12 } }
    expect(renderKey(['/', 200, data, undefined])).toBe(renderKey(['/', 200, structuredClone(data), undefined]))
    expect(renderKey(['/', 200, data, undefined])).not.toBe(renderKey(['/?themenfeld=2', 200, data, undefined]))
    expect(renderKey(['/', 200, data, undefined])).not.toBe(renderKey(['/', 200, { ...data, 'routes/_index': { online: 13 } }, undefined]))
    expect(renderKey(['/', 200, data, undefined])).not.toBe(renderKey(['/', 200, { ...data, root: { user: { id: 2 } } }, undefined]))
  })

  it('keeps at most 48 MB, dropping the least recently used page, and never a page over 4 MB', () => {
    keepRendered('huge', page(5, 9))
    expect(getRendered('huge')).toBeUndefined()
    for (let i = 0; i < 12; i++) keepRendered(`p${i}`, page(4, i))
    // 12 × 4 MB = 48 MB fit; reading p0 makes it the most recent, so p1 goes first.
    expect(getRendered('p0')?.[0]).toBe(0)
    keepRendered('p12', page(4, 12))
    expect(getRendered('p1')).toBeUndefined()
    expect(getRendered('p0')?.[0]).toBe(0)
    expect(getRendered('p12')?.[0]).toBe(12)
  })
})
