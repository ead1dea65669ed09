import { redirect } from '@remix-run/node'
import { canEditCatalogue, canManageUsers, type SessionUser } from '~/domain/permissions'
import { SESSION_DAYS } from '~/domain/session'
import { createSession, deleteSession, getSessionUser } from '~/models/session.server'
import { env } from './env.server'
import { forbidden } from './http.server'

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
  const secure = env().NODE_ENV === 'production' && !env().demoData ? '; Secure' : ''
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

export function assertSameOrigin(request: Request) {
  const origin = request.headers.get('Origin') ?? request.headers.get('Referer')
  const host = request.headers.get('X-Forwarded-Host') ?? request.headers.get('Host') ?? new URL(request.url).host
  let sameOrigin = false
  try {
    sameOrigin = !!origin && new URL(origin).host === host
  } catch {
    sameOrigin = false
  }
  if (!sameOrigin) {
    throw forbidden('Diese Anfrage kam nicht von OZG-Radar selbst und wurde deshalb abgelehnt. Laden Sie die Seite neu und versuchen Sie es noch einmal.')
  }
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
