// Item 13 of issue 10 and the server's life: a bad configuration stops it before it listens;
// behind a proxy with an https PUBLIC_URL posts from that address pass while cookie and HSTS say
// https; SIGTERM stops it cleanly (database closed, PGlite's lock released); on PostgreSQL
// several worker processes share the port.
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runServerUntilExit, startServer, type RunningServer } from '../support/server'
import { expectRefused } from './support'

describe('a bad configuration stops the server before it listens', () => {
  it.each([
    [{ PUBLIC_URL: 'radar.example' }, 'PUBLIC_URL muss eine Adresse wie https://ozg-radar.example.de sein'],
    [{ PORT: 'achtzig' }, 'PORT'],
    [{ TRUST_PROXY: 'alle' }, 'TRUST_PROXY'],
    [{ WEB_CONCURRENCY: '2', DATABASE_URL: '' }, 'PGlite erlaubt nur einen Prozess'],
  ])('%o', async (extra, message) => {
    const { code, output } = await runServerUntilExit({ PORT: '1', ...extra })
    expect(code).not.toBe(0)
    expect(output).toContain('Ungültige Konfiguration')
    expect(output).toContain(message)
    expect(output).not.toContain('läuft auf')
  })
})

describe('behind a proxy, with PUBLIC_URL https://radar.example', () => {
  // One extra server (no demo data: signing out needs no account) serves both tests: a fresh
  // PGlite start is the slow part.
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer('pglite', { PUBLIC_URL: 'https://radar.example', DEMO_DATA: 'false' })
  })
  afterAll(async () => {
    await server?.stop()
  })
  const signOut = (origin: string) => fetch(`${server.baseURL}/abmelden`, { method: 'POST', redirect: 'manual', headers: { Origin: origin } })

  it('accepts posts from the public address although the proxy sends another Host, and marks cookie and transport secure', async () => {
    const ok = await signOut('https://radar.example')
    expect(ok.status).toBe(302)
    expect(ok.headers.getSetCookie().find((c) => c.startsWith('ozg_session='))).toMatch(/; Secure/)
    expect(ok.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/)
    expect(ok.headers.get('Content-Security-Policy')).toContain('upgrade-insecure-requests')
    // The address the server itself listens on is not the public one.
    await expectRefused(await signOut(server.baseURL))
  })

  it('logs one JSON line per request with the route pattern, never the concrete path', async () => {
    const response = await fetch(`${server.baseURL}/einladung/geheimes-token-123?weiter=x`, { redirect: 'manual' })
    await response.arrayBuffer()
    const requestLines = () =>
      server
        .log()
        .split('\n')
        .filter((line) => line.includes('"scope":"request"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    for (let i = 0; i < 40 && !requestLines().some((l) => l.route === '/einladung/:token'); i++) await new Promise((r) => setTimeout(r, 50))
    const line = requestLines().find((l) => l.route === '/einladung/:token')
    expect(line).toMatchObject({ level: 'info', method: 'GET', status: response.status, userId: null })
    expect(typeof line?.durationMs).toBe('number')
    expect(server.log()).not.toContain('geheimes-token-123')
  })

  it('closes PGlite on SIGTERM: exit code 0 and the directory lock released', async () => {
    const lock = join(server.dataDir, 'pglite.lock')
    expect(existsSync(lock)).toBe(true)
    const code = await server.stop({ keepData: true })
    const lockAfterExit = existsSync(lock)
    rmSync(server.dataDir, { recursive: true, force: true })
    expect(code).toBe(0)
    expect(lockAfterExit).toBe(false)
  })
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('worker processes [postgres]', () => {
  it('serves from two processes on one port and stops them all on SIGTERM', async () => {
    const server = await startServer('postgres', { DEMO_DATA: 'false', WEB_CONCURRENCY: '2' })
    try {
      const started = () => (server.log().match(/läuft auf/g) ?? []).length
      for (let i = 0; i < 300 && started() < 2; i++) await new Promise((r) => setTimeout(r, 100))
      expect(started(), server.log()).toBe(2)
      const statuses = await Promise.all(Array.from({ length: 6 }, () => fetch(`${server.baseURL}/anmelden`).then((r) => r.status)))
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200])
    } finally {
      expect(await server.stop()).toBe(0)
    }
  })
})
