// One log line per request (method, route pattern, status, duration, user id) and one per slow
// database statement, through log.server.ts. The facts of a request that only the app learns —
// who signed in — travel in an AsyncLocalStorage that server.mjs opens around the request, so
// no guard or model needs a parameter for them. Nothing else about the user is logged: no
// e-mail, no address, no query string (search terms and tokens may stand in it).
import { AsyncLocalStorage } from 'node:async_hooks'
import { matchRoutes, type AgnosticRouteObject } from '@remix-run/router'
import { log } from './log.server'

export type RequestFacts = { userId: number | null }

const facts = new AsyncLocalStorage<RequestFacts>()

/** Runs `handle` with `record` as the request's facts, which the app fills in meanwhile. */
export function withRequestFacts<T>(record: RequestFacts, handle: () => T): T {
  return facts.run(record, handle)
}

/** Notes the signed-in user (session or API token) of the current request, if one is being logged. */
export function noteRequestUser(userId: number) {
  const record = facts.getStore()
  if (record) record.userId = userId
}

export type RequestLine = { method: string; route: string; status: number; durationMs: number; userId: number | null }

/** The request's line: info, warn for a server error (5xx), debug for a static file. */
export function logRequest(line: RequestLine) {
  const level = line.status >= 500 ? 'warn' : line.route === 'static' ? 'debug' : 'info'
  log(level, 'request', `${line.method} ${line.route} ${line.status}`, {
    method: line.method,
    route: line.route,
    status: line.status,
    durationMs: Math.round(line.durationMs * 10) / 10,
    userId: line.userId,
  })
}

type BuildRoute = { id: string; parentId?: string; path?: string; index?: boolean }

/**
 * The route pattern a path matches, such as `/kreise/:ags/leistungen/:ozgId`, from the build's
 * route table — the same matching Remix does. The log names the pattern, never the concrete
 * path, so identifiers in URLs (invitation and reset tokens) stay out of it.
 */
export function createRoutePattern(routes: Record<string, BuildRoute | undefined>): (pathname: string) => string {
  const children = new Map<string | undefined, BuildRoute[]>()
  for (const route of Object.values(routes)) {
    if (!route) continue
    const list = children.get(route.parentId) ?? []
    list.push(route)
    children.set(route.parentId, list)
  }
  const tree = (parentId: string | undefined): AgnosticRouteObject[] =>
    (children.get(parentId) ?? []).map((r) =>
      r.index ? { id: r.id, path: r.path, index: true } : { id: r.id, path: r.path, children: tree(r.id) },
    )
  const routeTree = tree(undefined)
  return (pathname) => {
    // Single fetch asks for a page's data at <path>.data (the root's at /_root.data).
    if (pathname === '/_root.data') return pathname
    const data = pathname.endsWith('.data')
    const path = data ? pathname.slice(0, -'.data'.length) : pathname
    const matches = matchRoutes(routeTree, path)
    if (!matches) return 'unmatched'
    const pattern = matches
      .map((m) => m.route.path ?? '')
      .filter(Boolean)
      .join('/')
    return `/${pattern}${data ? '.data' : ''}`.replace(/\/+/g, '/')
  }
}

/**
 * A statement that took longer than SLOW_QUERY_MS: its text (parameters are not logged; they
 * carry user input), its duration, and the route and user of the request it served.
 */
export function logSlowQuery(text: string, durationMs: number) {
  const record = facts.getStore()
  log('warn', 'slow-query', `Datenbankabfrage dauerte ${Math.round(durationMs)} ms`, {
    durationMs: Math.round(durationMs * 10) / 10,
    statement: text.replace(/\s+/g, ' ').trim().slice(0, 500),
    userId: record?.userId ?? null,
  })
}
