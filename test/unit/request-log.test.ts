// The request log names the route pattern, never the concrete path (tokens and identifiers in
// URLs stay out of the log), and carries exactly method, route, status, duration and user id.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createRoutePattern, logRequest, noteRequestUser, withRequestFacts, type RequestFacts } from '~/utils/request-log.server'

// The shape of the build's route table (build.routes), for a few of the app's routes.
const routes = {
  root: { id: 'root', path: '' },
  'routes/_index': { id: 'routes/_index', parentId: 'root', index: true },
  'routes/kreise.$ags._index': { id: 'routes/kreise.$ags._index', parentId: 'root', path: 'kreise/:ags', index: true },
  'routes/kreise.$ags.leistungen.$ozgId': { id: 'routes/kreise.$ags.leistungen.$ozgId', parentId: 'root', path: 'kreise/:ags/leistungen/:ozgId' },
  'routes/einladung.$token': { id: 'routes/einladung.$token', parentId: 'root', path: 'einladung/:token' },
  'routes/api.v1.summary': { id: 'routes/api.v1.summary', parentId: 'root', path: 'api/v1/summary' },
  'routes/$': { id: 'routes/$', parentId: 'root', path: '*' },
}

describe('createRoutePattern', () => {
  const pattern = createRoutePattern(routes)
  it.each([
    ['/', '/'],
    ['/kreise/03351', '/kreise/:ags'],
    ['/kreise/03351/leistungen/10519', '/kreise/:ags/leistungen/:ozgId'],
    ['/einladung/3f9a-geheimes-token', '/einladung/:token'],
    ['/api/v1/summary', '/api/v1/summary'],
    ['/gibt/es/nicht', '/*'],
    // single fetch: a page's data, and the root's
    ['/kreise/03351.data', '/kreise/:ags.data'],
    ['/_root.data', '/_root.data'],
  ])('%s → %s', (path, expected) => {
    expect(pattern(path)).toBe(expected)
  })
})

describe('logRequest', () => {
  afterEach(() => vi.restoreAllMocks())

  it('writes one JSON line with method, route, status, duration and the user noted during the request', async () => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {})
    const facts: RequestFacts = { userId: null }
    await withRequestFacts(facts, async () => {
      await Promise.resolve()
      noteRequestUser(7)
    })
    logRequest({ method: 'GET', route: '/kreise/:ags', status: 200, durationMs: 12.345, userId: facts.userId })
    expect(spy).toHaveBeenCalledTimes(1)
    const line = JSON.parse(String(spy.mock.calls[0][0]))
    expect(Object.keys(line).sort()).toEqual(['at', 'durationMs', 'level', 'message', 'method', 'route', 'scope', 'status', 'userId'])
    expect(line).toMatchObject({ level: 'info', scope: 'request', method: 'GET', route: '/kreise/:ags', status: 200, durationMs: 12.3, userId: 7 })
  })

  it('outside a request, noting a user changes nothing; a server error is a warning', () => {
    noteRequestUser(9)
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {})
    logRequest({ method: 'POST', route: '/import', status: 500, durationMs: 3, userId: null })
    expect(JSON.parse(String(spy.mock.calls[0][0]))).toMatchObject({ level: 'warn', status: 500, userId: null })
  })
})
