// The harness of the security tests: the real built server on each engine (see
// ./global-setup.ts), reached over plain fetch. Typical use:
//
//   describeEachServer('login', (server) => {
//     it('…', async () => {
//       const cookie = await server.signIn('celle@demo.invalid')
//       const response = await server.post('/kreise/03351', { intent: 'x' }, { cookie })
//     })
//   })
import { describe, expect, inject } from 'vitest'
import type { ServerEngine } from '../support/server'
import { forThisWorker } from '../support/workers'

export const DEMO_PASSWORD = 'ozg-radar-demo'

export type TestServer = {
  engine: ServerEngine
  baseURL: string
  /** A session cookie (`ozg_session=…`) of a demo account, signed in once per file and engine. */
  signIn: (email: string) => Promise<string>
  /** fetch against this server; redirects are not followed, so a test sees them. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>
  /** A form post as a browser on our own page sends it (Origin set), unless `origin` says otherwise. */
  post: (path: string, form: Record<string, string> | URLSearchParams | string, options?: { cookie?: string; origin?: string | null; headers?: HeadersInit }) => Promise<Response>
}

/** This file's worker slot's servers, one per engine (./global-setup.ts). */
export function servers(): TestServer[] {
  return forThisWorker(inject('securityServers')).map(({ engine, baseURL }) => makeServer(engine, baseURL))
}

/** Runs `body` once per engine; the engine is in every title (`[pglite]`, `[postgres]`). */
export function describeEachServer(title: string, body: (server: TestServer) => void) {
  for (const server of servers()) describe(`${title} [${server.engine}]`, () => body(server))
}

function makeServer(engine: ServerEngine, baseURL: string): TestServer {
  const cookies = new Map<string, Promise<string>>()
  const fetchHere = (path: string, init: RequestInit = {}) => fetch(new URL(path, baseURL), { redirect: 'manual', ...init })
  const post: TestServer['post'] = (path, form, options = {}) => {
    const headers = new Headers(options.headers)
    if (!headers.has('Content-Type') && typeof form !== 'string') headers.set('Content-Type', 'application/x-www-form-urlencoded')
    const origin = options.origin === undefined ? baseURL : options.origin
    if (origin !== null) headers.set('Origin', origin)
    if (options.cookie) headers.set('Cookie', options.cookie)
    const body = typeof form === 'string' ? form : new URLSearchParams(form).toString()
    return fetchHere(path, { method: 'POST', headers, body })
  }
  const signIn = (email: string) => {
    let cookie = cookies.get(email)
    if (!cookie) {
      cookie = post('/anmelden', { email, password: DEMO_PASSWORD, weiter: '/' }).then((response) => {
        const session = response.headers.getSetCookie().find((c) => c.startsWith('ozg_session='))
        if (response.status !== 302 || !session) throw new Error(`Anmeldung als ${email} fehlgeschlagen: ${response.status}`)
        return session.split(';')[0]
      })
      cookies.set(email, cookie)
    }
    return cookie
  }
  return { engine, baseURL, signIn, fetch: fetchHere, post }
}

export const FOREIGN_ORIGIN_REFUSAL = 'Diese Anfrage kam nicht von OZG-Radar selbst'

/** 403 with the German page that says the request did not come from OZG-Radar. */
export async function expectRefused(response: Response) {
  const body = await response.text()
  expect(response.status, body.slice(0, 300)).toBe(403)
  expect(response.headers.get('Content-Type')).toMatch(/^text\/html/)
  expect(body).toContain('Keine Berechtigung')
  expect(body).toContain(FOREIGN_ORIGIN_REFUSAL)
}
