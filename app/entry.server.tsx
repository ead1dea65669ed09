// Server rendering. Pages are rendered whole before they are sent (no route defers data; single
// fetch streams only the loader data, which is ready when the loaders are).
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { NonceProvider } from '~/components/nonce'
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_MB } from '~/domain/negotiation'
import { MAX_IMPORT_BYTES, MAX_IMPORT_LABEL, MAX_STATUS_IMPORT_BYTES, MAX_STATUS_IMPORT_LABEL, STATUS_IMPORT_TOO_LARGE } from '~/models/import.server'
import type { BodyLimit } from '~/utils/front-door.server'
import { routePath } from '~/utils/front-door.server'
import { renderToBytes } from '~/utils/render.server'
import { log } from '~/utils/log.server'
import { seedOnOpen } from '~/utils/db.server'
import { seedDatabase } from '../seeds/seed.server'
import { links } from './root'

// Seeding is a step of the app's start, wired here where the server build begins: the first
// open of the database (server.mjs before it listens, the dev server at its first request)
// fills an empty one.
seedOnOpen(seedDatabase)

// What server.mjs takes from the build: the app's own rules, compiled once with it.
export { FOREIGN_ORIGIN_MESSAGE, isSameOrigin } from '~/guards/auth.server'
export { closeDatabase, openAppDatabase } from '~/utils/db.server'
export { startJobs, stopJobs } from '~/jobs/index.server'
export { parseEnv, workerCount } from '~/utils/env.server'
export { createRoutePattern, logRequest, withRequestFacts } from '~/utils/request-log.server'
export { ALLOWED_METHODS, BAD_HOST_MESSAGE, guardBody, METHOD_NOT_ALLOWED_MESSAGE, problemResponse, publicOrigin, SLOW_BODY_MESSAGE, UNEXPECTED_MESSAGE } from '~/utils/front-door.server'

export type ServerLoadContext = { clientAddress?: string; cspNonce?: string }
declare module '@remix-run/node' {
  interface AppLoadContext extends ServerLoadContext {}
}

/**
 * Unexpected errors of loaders, actions and rendering, with their stack, as one log line (the
 * user sees only the German error page). A request the client gave up is not an error.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  const url = new URL(request.url)
  log('error', 'request', error instanceof Error ? error.message : String(error), {
    method: request.method,
    path: url.pathname,
    stack: error instanceof Error ? error.stack : undefined,
  })
}

/**
 * How long Remix waits for deferred loader data before it rejects the promises still pending
 * (single fetch reads this export; the old `abortDelay` prop of <RemixServer> is ignored). The
 * render itself is aborted a second later.
 */
export const streamTimeout = 5_000

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce
  const html = await renderToBytes(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
    { nonce, abortAfterMs: streamTimeout + 1_000 },
  )
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  return new Response(html, { status: responseStatusCode, headers: responseHeaders })
}

// An ordinary form is a few kilobytes; only the imports take files, each up to its own limit
// (their routes check it as well and say it next to the file field).
const FORM_BODY_LIMIT: BodyLimit = {
  bytes: 1024 * 1024,
  label: '1 MB',
  seconds: 30,
  tooLarge: 'Die Anfrage ist zu groß: Ein Formular darf höchstens 1 MB enthalten. Kürzen Sie Ihre Eingaben und senden Sie das Formular erneut.',
}
const UPLOAD_SECONDS = 300
const UPLOAD_LIMITS: Record<string, BodyLimit> = {
  '/import': { bytes: MAX_STATUS_IMPORT_BYTES + 65_536, label: MAX_STATUS_IMPORT_LABEL, seconds: UPLOAD_SECONDS, tooLarge: STATUS_IMPORT_TOO_LARGE },
  // The confirmation carries the file again, base64-encoded.
  '/import/katalog': {
    bytes: Math.ceil(MAX_IMPORT_BYTES * 1.4) + 65_536,
    label: MAX_IMPORT_LABEL,
    seconds: UPLOAD_SECONDS,
    tooLarge: `Die Datei ist zu groß: höchstens ${MAX_IMPORT_LABEL} sind erlaubt.`,
  },
}

// A negotiation's page takes its documents (the route checks the size again at the field).
const NEGOTIATION_PAGE = /^\/verhandlungen\/\d+$/
const DOCUMENT_LIMIT: BodyLimit = {
  bytes: MAX_DOCUMENT_BYTES + 64 * 1024,
  label: `${MAX_DOCUMENT_MB} MB`,
  seconds: UPLOAD_SECONDS,
  tooLarge: `Die Datei ist zu groß. Erlaubt sind höchstens ${MAX_DOCUMENT_MB} MB.`,
}

/** How large a request body to `pathname` may be, and how long it may take to arrive. */
export function bodyLimitFor(pathname: string): BodyLimit {
  const path = routePath(pathname)
  return UPLOAD_LIMITS[path] ?? (NEGOTIATION_PAGE.test(path) ? DOCUMENT_LIMIT : FORM_BODY_LIMIT)
}

/** The stylesheets of the app's pages, for the pages server.mjs answers itself. */
export function stylesheets(): string[] {
  return links().flatMap((link) => ('rel' in link && link.rel === 'stylesheet' && typeof link.href === 'string' ? [link.href] : []))
}
