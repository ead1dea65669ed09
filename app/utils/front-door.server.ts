// What the HTTP server (server.mjs) does before a request reaches Remix: find the public origin,
// bound the request body, and answer refused requests with a German page of its own. It lives in
// the app (typed, tested, compiled into the build) and server.mjs reads it from the build through
// app/entry.server.tsx, so each rule has one definition.
import type { IncomingHttpHeaders } from 'node:http'
import { Transform, type Readable } from 'node:stream'
import { escapeHtml } from './mail.server'

/**
 * The origin users type: PUBLIC_URL, else the Host header with the connection's scheme.
 * X-Forwarded-Host/-Proto count only behind TRUST_PROXY trusted proxies, and then the value the
 * outermost trusted proxy wrote (proxies append to the right). Null when the host is no host.
 */
export function publicOrigin(options: { publicUrl?: string; trustProxy: number; headers: IncomingHttpHeaders; encrypted: boolean }): string | null {
  if (options.publicUrl) return new URL(options.publicUrl).origin
  const { headers, trustProxy } = options
  const host = (trustProxy > 0 && forwarded(headers['x-forwarded-host'], trustProxy)) || headers.host
  const forwardedProto = trustProxy > 0 ? forwarded(headers['x-forwarded-proto'], trustProxy)?.toLowerCase() : undefined
  const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : options.encrypted ? 'https' : 'http'
  if (!host) return null
  try {
    const url = new URL(`${scheme}://${host}`)
    // "evil.example/x", "a@b" or a host with spaces would parse into something else: refuse.
    // (The URL drops a default port, which a client may still have written.)
    const written = host.toLowerCase().replace(scheme === 'https' ? /:443$/ : /:80$/, '')
    return url.host === written ? url.origin : null
  } catch {
    return null
  }
}

function forwarded(header: string | string[] | undefined, trustedHops: number): string | undefined {
  if (header === undefined) return undefined
  const values = (Array.isArray(header) ? header.join(',') : header).split(',').map((v) => v.trim())
  return values[Math.max(0, values.length - trustedHops)] || undefined
}

export type BodyLimit = { bytes: number; label: string; seconds: number; tooLarge: string }
export type BodyProblem = 'too-large' | 'too-slow'

/**
 * Passes a request body through while it stays within the limit and arrives within the
 * deadline; otherwise cuts it (whoever reads it gets an error) and remembers why, so that the
 * server answers 413 or 408 instead of whatever the route made of the broken body.
 */
export function guardBody(source: Readable, limit: Pick<BodyLimit, 'bytes' | 'seconds'>, onCut: (why: BodyProblem) => void = () => {}) {
  let problem: BodyProblem | null = null
  let received = 0
  const cut = (why: BodyProblem) => {
    problem = why
    clearTimeout(timer)
    onCut(why)
    source.unpipe(body)
    body.destroy(new Error(why === 'too-large' ? 'Request body too large' : 'Request body too slow'))
  }
  const body = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.byteLength
      if (received > limit.bytes) return cut('too-large')
      done(null, chunk)
    },
    flush(done) {
      clearTimeout(timer)
      done()
    },
  })
  const timer = setTimeout(() => cut('too-slow'), limit.seconds * 1000)
  timer.unref()
  source.on('error', (error) => body.destroy(error))
  source.pipe(body)
  // After the answer, a body nobody read (a redirect to the login page) is drained like Node
  // drains an unread body, and no deadline fires any more.
  const release = () => {
    clearTimeout(timer)
    source.unpipe(body)
    source.resume()
  }
  return { body: body as Readable, problem: (): BodyProblem | null => problem, release }
}

const TITLES: Record<number, string> = {
  400: 'Anfrage nicht möglich',
  403: 'Keine Berechtigung',
  404: 'Seite nicht gefunden',
  408: 'Zeitüberschreitung',
  413: 'Anfrage zu groß',
}

export const SLOW_BODY_MESSAGE = 'Die Anfrage kam zu langsam an und wurde abgebrochen. Prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal.'
export const BAD_HOST_MESSAGE = 'Die Anfrage nennt keinen gültigen Servernamen (Host) und wurde deshalb abgelehnt.'
export const UNEXPECTED_MESSAGE = 'Ein unerwarteter Fehler ist aufgetreten. Versuchen Sie es später noch einmal; der Fehler wurde protokolliert.'

/**
 * The answer to a request refused before Remix: for the JSON API its error envelope, otherwise a
 * German page in the app's look (no scripts, so it needs no hydration), the same shape as the
 * root ErrorBoundary.
 */
export function problemResponse(pathname: string, status: number, message: string, stylesheets: string[]) {
  if (/^\/api(\/|$)/i.test(pathname)) {
    return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error: { status, message } }) }
  }
  const title = TITLES[status] ?? 'Da ist etwas schiefgegangen'
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('')
  const body =
    '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)} – OZG-Radar</title><link rel="icon" href="data:,">${links}</head><body>` +
    '<header class="site-header"><div class="kern-container site-header__bar"><a href="/" class="site-title">OZG-Radar</a></div></header>' +
    `<main id="inhalt" class="kern-container site-main"><div class="kern-stack"><h1 class="kern-heading-large">${escapeHtml(title)}</h1>` +
    `<div class="kern-alert kern-alert--danger" role="alert"><div class="kern-alert__body"><p class="kern-body">${escapeHtml(message)}</p></div></div>` +
    '<p class="kern-body"><a class="kern-link" href="/">Zur Übersicht</a></p></div></main></body></html>'
  return { contentType: 'text/html; charset=utf-8', body }
}

/** Path as Remix matches it: case-insensitive, without a trailing slash or single fetch's `.data`. */
export function routePath(pathname: string): string {
  const path = pathname.toLowerCase().replace(/\.data$/, '').replace(/\/+$/, '')
  return path === '/_root' ? '/' : path || '/'
}
