// Item 13 of issue 10 and the server's life: a bad configuration stops it before it listens,
// SIGTERM stops it cleanly (database closed, PGlite's lock released), and on PostgreSQL several
// worker processes share the port.
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runServerUntilExit, startServer } from '../support/server'

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

describe('stopping', () => {
  it('closes PGlite on SIGTERM: exit code 0 and the directory lock released', async () => {
    const server = await startServer('pglite', { DEMO_DATA: 'false' })
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
      for (let i = 0; i < 50 && started() < 2; i++) await new Promise((r) => setTimeout(r, 100))
      expect(started()).toBe(2)
      const statuses = await Promise.all(Array.from({ length: 6 }, () => fetch(`${server.baseURL}/anmelden`).then((r) => r.status)))
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200])
    } finally {
      expect(await server.stop()).toBe(0)
    }
  })
})
