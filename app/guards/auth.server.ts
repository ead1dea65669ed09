import { redirect } from '@remix-run/node'
import { canEditCatalogue, canManageUsers, type SessionUser } from '~/domain/permissions'
import { SESSION_DAYS } from '~/domain/session'
import { createSession, deleteSession, getSessionUser } from '~/models/session.server'
import { env } from '~/utils/env.server'
import { forbidden } from '~/utils/http.server'
import { noteRequestUser } from '~/utils/request-log.server'

const COOKIE = 'ozg_session'

/** The session token the request's cookie carries, if any. */
export function readToken(request: Request): string | null {
  const header = request.headers.get('Cookie') ?? ''
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === COOKIE) return decodeURIComponent(rest.join('='))
  }
  return null
}

function cookie(value: string, maxAge: number) {
  // Over https the cookie never travels in clear text, demo or not; a public http:// address (a
  // local start) gets none, since the browser would not send a Secure cookie back there.
  const { PUBLIC_URL, NODE_ENV, demoData } = env()
  const isSecure = PUBLIC_URL ? PUBLIC_URL.startsWith('https:') : NODE_ENV === 'production' && !demoData
  const secure = isSecure ? '; Secure' : ''
  return `${COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`
}

// The root loader and the page's loader run for the same request (Remix hands both the same
// Request): one session lookup serves both.
const usersOfRequest = new WeakMap<Request, Promise<SessionUser | null>>()

export function getUser(request: Request): Promise<SessionUser | null> {
  let user = usersOfRequest.get(request)
  if (!user) {
    const token = readToken(request)
    user = token ? getSessionUser(token) : Promise.resolve(null)
    usersOfRequest.set(request, user)
    // The request log names the user by id (app/utils/request-log.server.ts).
    user.then((u) => u && noteRequestUser(u.id), () => {})
  }
  return user
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Every loader and action starts here. Anonymous visitors go to /anmelden and come back after
 * login; a mutating request from a foreign origin is refused (CSRF), since the session cookie
 * would otherwise be sent along.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request)
  const user = await getUser(request)
  if (!user) {
    const url = new URL(request.url)
    const back = url.pathname + url.search
    throw redirect(`/anmelden?weiter=${encodeURIComponent(back)}`)
  }
  return user
}

export const FOREIGN_ORIGIN_MESSAGE =
  'Diese Anfrage kam nicht von OZG-Radar selbst und wurde deshalb abgelehnt. Laden Sie die Seite neu und versuchen Sie es noch einmal.'

/**
 * Whether a state-changing request comes from a page of ours: its Origin (or, without one, its
 * Referer) has the scheme, host and port of the request's URL. The HTTP server (server.mjs)
 * builds that URL from PUBLIC_URL, else from the Host header (X-Forwarded-Host/-Proto only
 * behind TRUST_PROXY hops), and applies this same rule before Remix sees the request.
 * `Origin: null`, an Origin that is no URL, or neither header: not ours.
 */
export function isSameOrigin(request: Request): boolean {
  const claimed = request.headers.get('Origin') ?? request.headers.get('Referer')
  if (!claimed || claimed === 'null') return false
  try {
    return new URL(claimed).origin === new URL(request.url).origin
  } catch {
    return false
  }
}

export function assertSameOrigin(request: Request) {
  if (!isSameOrigin(request)) throw forbidden(FOREIGN_ORIGIN_MESSAGE)
}

export async function requireCoordinator(request: Request): Promise<SessionUser> {
  const user = await requireUser(request)
  if (!canEditCatalogue(user)) throw forbidden('Nur die Koordination darf den Katalog, Online-Dienste, Hersteller und Sitzungen ändern.')
  return user
}

export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request)
  if (!canManageUsers(user)) throw forbidden('Nur die Administration darf Benutzer verwalten.')
  return user
}

/** A new session; the request's User-Agent lets the owner recognise it on the profile page. */
export async function startSession(userId: number, request?: Request): Promise<string> {
  const { token } = await createSession(userId, request?.headers.get('User-Agent'))
  return cookie(token, SESSION_DAYS * 86_400)
}

export async function endSession(request: Request): Promise<string> {
  const token = readToken(request)
  if (token) await deleteSession(token)
  return cookie('', 0)
}

// The rule lives in the domain (pure, unit-tested); re-exported for the routes that import it here.
export { safeRedirect } from '~/domain/redirect'
