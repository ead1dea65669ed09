import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { isSameOrigin } from '~/utils/auth.server'
import { parseEnv, workerCount } from '~/utils/env.server'
import { guardBody, problemResponse, publicOrigin, routePath } from '~/utils/front-door.server'
import { echo, MAX_ECHO_CHARS } from '~/utils/http.server'
import { excerpt } from '~/domain/excerpt'

describe('publicOrigin', () => {
  const base = { trustProxy: 0, encrypted: false }
  it('takes PUBLIC_URL over every header', () => {
    expect(publicOrigin({ ...base, publicUrl: 'https://radar.example/pfad', headers: { host: 'intern:3000', 'x-forwarded-host': 'x' } })).toBe('https://radar.example')
  })
  it('uses the Host header and the connection’s scheme, ignoring X-Forwarded-* without TRUST_PROXY', () => {
    const headers = { host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }
    expect(publicOrigin({ ...base, headers })).toBe('http://127.0.0.1:3000')
    expect(publicOrigin({ ...base, encrypted: true, headers })).toBe('https://127.0.0.1:3000')
  })
  it('takes the value the outermost trusted proxy wrote', () => {
    const headers = { host: 'intern:3000', 'x-forwarded-host': 'gefaelscht.example, radar.example', 'x-forwarded-proto': 'http, https' }
    expect(publicOrigin({ ...base, trustProxy: 1, headers })).toBe('https://radar.example')
    expect(publicOrigin({ ...base, trustProxy: 2, headers })).toBe('http://gefaelscht.example')
  })
  it('accepts a default port written out, and IPv6 addresses', () => {
    expect(publicOrigin({ ...base, headers: { host: 'Radar.Example:80' } })).toBe('http://radar.example')
    expect(publicOrigin({ ...base, headers: { host: '[::1]:3000' } })).toBe('http://[::1]:3000')
  })
  it.each(['evil.example/pfad', 'a@b', 'zwei worte', '', 'radar.example:99999'])('refuses the host %j', (host) => {
    expect(publicOrigin({ ...base, headers: { host } })).toBeNull()
  })
})

describe('isSameOrigin', () => {
  const post = (headers: Record<string, string>) => new Request('https://radar.example/kreise', { method: 'POST', headers })
  it.each([
    [{ Origin: 'https://radar.example' }, true],
    [{ Referer: 'https://radar.example/kreise?x=1' }, true],
    [{ Origin: 'http://radar.example' }, false],
    [{ Origin: 'https://radar.example:8443' }, false],
    [{ Origin: 'https://evil.example', Referer: 'https://radar.example/' }, false],
    [{ Origin: 'null' }, false],
    [{ Origin: '::kaputt::' }, false],
    [{}, false],
  ])('%o → %s', (headers, expected) => {
    expect(isSameOrigin(post(headers))).toBe(expected)
  })
})

describe('guardBody', () => {
  const read = async (body: Readable) => {
    let n = 0
    for await (const chunk of body) n += chunk.length
    return n
  }
  it('passes a body within the limit through', async () => {
    const guard = guardBody(Readable.from([Buffer.alloc(600), Buffer.alloc(400)]), { bytes: 1000, seconds: 5 })
    await expect(read(guard.body)).resolves.toBe(1000)
    expect(guard.problem()).toBeNull()
  })
  it('cuts a body over the limit and says so', async () => {
    let cut = ''
    const guard = guardBody(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { bytes: 1000, seconds: 5 }, (why) => (cut = why))
    await expect(read(guard.body)).rejects.toThrow()
    expect(guard.problem()).toBe('too-large')
    expect(cut).toBe('too-large')
  })
  it('cuts a body that has not arrived by the deadline', async () => {
    const trickle = new Readable({ read() {} })
    trickle.push(Buffer.alloc(10))
    const guard = guardBody(trickle, { bytes: 1000, seconds: 0.05 })
    await expect(read(guard.body)).rejects.toThrow()
    expect(guard.problem()).toBe('too-slow')
  })
})

describe('problemResponse and routePath', () => {
  it('answers the API in its JSON envelope and everything else with an escaped German page', () => {
    expect(JSON.parse(problemResponse('/api/v1/statuses', 413, 'Zu groß', []).body)).toEqual({ error: { status: 413, message: 'Zu groß' } })
    const page = problemResponse('/kreise', 403, 'Nicht <b>erlaubt</b>', ['/assets/app.css'])
    expect(page.contentType).toMatch(/^text\/html/)
    expect(page.body).toContain('<html lang="de">')
    expect(page.body).toContain('Keine Berechtigung')
    expect(page.body).toContain('Nicht &lt;b&gt;erlaubt&lt;/b&gt;')
    expect(page.body).toContain('href="/assets/app.css"')
    expect(page.body).not.toContain('<script')
  })
  it.each([
    ['/import', '/import'],
    ['/Import/', '/import'],
    ['/import.data', '/import'],
    ['/import/katalog.data', '/import/katalog'],
    ['/_root.data', '/'],
  ])('%s matches like %s', (path, expected) => {
    expect(routePath(path)).toBe(expected)
  })
})

describe('worker processes', () => {
  it('default to one per core in production on PostgreSQL, else one', () => {
    const pg = parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@h/db', SESSION_SECRET: 'x'.repeat(16) })
    expect(workerCount(pg, 8)).toBe(8)
    expect(workerCount(parseEnv({ NODE_ENV: 'production' }), 8)).toBe(1)
    expect(workerCount(parseEnv({ DATABASE_URL: 'postgres://x@h/db' }), 8)).toBe(1)
    expect(workerCount(parseEnv({ WEB_CONCURRENCY: '3', DATABASE_URL: 'postgres://x@h/db' }), 8)).toBe(3)
  })
  it('refuse more than one on PGlite with a German message', () => {
    expect(() => parseEnv({ WEB_CONCURRENCY: '2' })).toThrow('PGlite erlaubt nur einen Prozess')
    expect(parseEnv({ WEB_CONCURRENCY: '1' }).WEB_CONCURRENCY).toBe(1)
  })
})

describe('echoing input', () => {
  it('keeps typed values but cuts a huge one', () => {
    const values = echo({ name: 'Celle', notiz: 'ü'.repeat(MAX_ECHO_CHARS + 5) })
    expect(values.name).toBe('Celle')
    expect(values.notiz).toHaveLength(MAX_ECHO_CHARS)
  })
  it('quotes only a short excerpt in messages', () => {
    expect(excerpt('03351')).toBe('03351')
    expect(excerpt('x'.repeat(5000))).toHaveLength(41)
  })
})
