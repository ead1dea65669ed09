import { PassThrough, Writable } from 'node:stream'
import { createElement } from 'react'
import { renderToPipeableStream, renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { dropReactNulPadding } from '~/utils/react-nul.server'

// Many short text nodes with umlauts: React 18.3.1 packs them into its 2,048-byte buffer, and
// with some prefix lengths an „ä“ (2 bytes) or „€“ (3 bytes) no longer fits at its end.
function page(prefix: number) {
  return createElement(
    'div',
    null,
    'x'.repeat(prefix),
    Array.from({ length: 1500 }, (_, i) => createElement('i', { key: i }, i % 2 ? 'ä' : '€')),
  )
}

function render(prefix: number, fixed: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(chunk)
        done()
      },
      final(done) {
        resolve(Buffer.concat(chunks))
        done()
      },
    })
    const through = fixed ? dropReactNulPadding() : new PassThrough()
    through.pipe(sink)
    const { pipe } = renderToPipeableStream(page(prefix), { onAllReady: () => pipe(through), onShellError: reject })
  })
}

describe('dropReactNulPadding', () => {
  it('removes the NUL bytes React 18 leaves before a multi-byte character at a buffer boundary, and nothing else', async () => {
    let broken = 0
    for (let prefix = 0; prefix < 8; prefix++) {
      const [raw, fixed] = await Promise.all([render(prefix, false), render(prefix, true)])
      if (raw.includes(0)) broken++
      expect(fixed.includes(0)).toBe(false)
      expect(fixed.toString('utf8')).toBe(renderToStaticMarkup(page(prefix)))
    }
    // The defect this guards against still shows without the transform (else the test proves nothing).
    expect(broken).toBeGreaterThan(0)
  })

  it('keeps zero bytes that are not React’s padding', async () => {
    const through = dropReactNulPadding()
    const out: Buffer[] = []
    through.on('data', (c: Buffer) => out.push(c))
    const full = Buffer.alloc(2048, 0x61)
    full[2047] = 0
    through.write(full) // followed by an ASCII byte: not padding
    through.write(Buffer.from('a'))
    through.end(Buffer.from([0x61, 0]))
    await new Promise((r) => through.on('end', r))
    expect(Buffer.concat(out).length).toBe(2048 + 1 + 2)
  })
})
