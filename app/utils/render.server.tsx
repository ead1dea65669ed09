// A page rendered whole into bytes (decision 027: no route defers data, so the page is sent
// once everything is ready), with React 18's NUL padding removed.
import { Writable } from 'node:stream'
import type { ReactElement } from 'react'
import { renderToPipeableStream } from 'react-dom/server'
import { dropReactNulPadding } from '~/utils/react-nul.server'

/**
 * Renders `element` to one buffer; aborts the render after `abortAfterMs`. The abort timer is
 * cleared as soon as the page is written: pending, it would hold React's request — the page's
 * chunks and its loader data — for the whole delay after every request (up to 1.4 GB at 400
 * counties under load, bench/README.md).
 */
export function renderToBytes(element: ReactElement, options: { nonce?: string; abortAfterMs: number }): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const timer = setTimeout(() => abort(), options.abortAfterMs).unref()
    const sink = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
        done()
      },
      final(done) {
        clearTimeout(timer)
        // Buffer.concat allocates a fresh ArrayBuffer (never a SharedArrayBuffer).
        resolve(Buffer.concat(chunks) as Uint8Array<ArrayBuffer>)
        chunks.length = 0
        done()
      },
    })
    const withoutNul = dropReactNulPadding()
    withoutNul.pipe(sink)
    const { pipe, abort } = renderToPipeableStream(element, {
      nonce: options.nonce,
      onAllReady: () => pipe(withoutNul),
      onShellError: (error) => {
        clearTimeout(timer)
        reject(error)
      },
      onError: (error) => console.error(error),
    })
  })
}
