// Server rendering. Pages are rendered whole before they are sent (no route defers data; single
// fetch streams only the loader data, which is ready when the loaders are), so identical renders
// can be served from the render cache (app/utils/render-cache.server.ts).
import { Writable } from 'node:stream'
import type { EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { getRendered, keepRendered, renderKey } from '~/utils/render-cache.server'

const ABORT_DELAY = 5_000

export default async function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  const { loaderData, actionData, errors } = remixContext.staticHandlerContext
  // Error pages are rare and may carry details of the moment: always rendered afresh.
  const key = errors ? null : renderKey([request.url, responseStatusCode, loaderData, actionData])
  let html = key ? getRendered(key) : undefined
  if (html === undefined) {
    html = await render(remixContext, request.url)
    if (key) keepRendered(key, html)
  }
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  // A stream hands the cached bytes over as they are; new Response(bytes) would copy the whole
  // page on every request (megabytes for a large matrix).
  const page = html
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(page)
      controller.close()
    },
  })
  return new Response(body, { status: responseStatusCode, headers: responseHeaders })
}

function render(remixContext: EntryContext, url: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [Buffer.from('<!DOCTYPE html>')]
    const sink = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
        done()
      },
      final(done) {
        // Buffer.concat allocates a fresh ArrayBuffer (never a SharedArrayBuffer).
        resolve(Buffer.concat(chunks) as Uint8Array<ArrayBuffer>)
        done()
      },
    })
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={url} abortDelay={ABORT_DELAY} />, {
      onAllReady: () => pipe(sink),
      onShellError: reject,
      onError: (error) => console.error(error),
    })
    setTimeout(abort, ABORT_DELAY + 1_000).unref()
  })
}
