// Durability (issue 10): the real built server, a stream of saves from an editor, the server
// killed with SIGKILL in the middle of it, restarted on the same data — and every save the
// server acknowledged (303/302 to the row page) is there. On PGlite (a data directory) and on
// PostgreSQL. On PGlite also: a second server on the same directory never reports healthy.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, asc, eq, inArray } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { counties, services, statusChanges, statuses } from '../../db/schema'
import { seedDatabase } from '../../seeds/seed.server'
import { engines } from '../support/database'
import { buildOnce, launchServer, startServer, type RunningServer, type ServerOptions } from '../support/server'
import { toFormValues, type StatusRowLike } from '~/domain/status'
import { valueColumns } from '~/models/status.server'
import { openDatabase, type DatabaseHandle } from '~/utils/db.server'

const STREAMS = 6
const KILL_AFTER_ACKS = 40
const SESSION_SECRET = randomBytes(24).toString('hex')

type Target = { ozgId: string; version: number; form: Record<string, string> }
type Ack = { ozgId: string; note: string; version: number }

/** Where a test's data lives, and how to open it in this process while no server runs. */
type Store = { options: ServerOptions; open: () => Promise<DatabaseHandle>; remove: () => Promise<void> }

async function createStore(engine: 'pglite' | 'postgres'): Promise<Store> {
  const secret = { SESSION_SECRET }
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'ozg-durability-'))
    return {
      options: { engine, dataDir, env: secret },
      // The directory the server uses (PGLITE_DIR/pglite): only ever opened while it is stopped.
      open: () => openDatabase({ engine: 'pglite', dir: join(dataDir, 'pglite') }),
      remove: async () => rmSync(dataDir, { recursive: true, force: true }),
    }
  }
  const adminUrl = process.env.TEST_DATABASE_URL!
  const name = `ozg_durability_${randomBytes(5).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    options: { engine, databaseUrl: url.toString(), env: secret },
    open: () => openDatabase({ engine: 'postgres', url: url.toString(), max: 2 }),
    remove: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}

/** Celle rows with the values the edit form would show for them. */
async function pickTargets(handle: DatabaseHandle): Promise<Target[]> {
  const rows = await handle.db
    .select({ ozgId: services.ozgId, version: statuses.version, ...valueColumns })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .innerJoin(services, eq(services.id, statuses.serviceId))
    .where(eq(counties.ags, '03351'))
    .orderBy(asc(services.ozgId))
    .limit(STREAMS)
  return rows.map((r) => ({ ozgId: r.ozgId, version: r.version, form: toFormValues(r as unknown as StatusRowLike) }))
}

async function signIn(server: RunningServer): Promise<string> {
  const response = await fetch(`${server.baseURL}/anmelden`, {
    method: 'POST',
    headers: { Origin: server.baseURL, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'celle@demo.invalid', password: 'ozg-radar-demo', weiter: '/' }),
    redirect: 'manual',
  })
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ozg_session='))
  if (!cookie) throw new Error(`Anmeldung fehlgeschlagen (${response.status}):\n${server.log()}`)
  return cookie.split(';')[0]
}

/** Saves a new note on one row again and again; records each save the server acknowledged. */
async function saveStream(server: RunningServer, cookie: string, target: Target, stream: number, acks: Ack[], stopped: () => boolean) {
  let version = target.version
  for (let n = 1; !stopped(); n++) {
    const note = `Dauertest ${stream}-${n}`
    let response: Response
    try {
      response = await fetch(`${server.baseURL}/kreise/03351/leistungen/${target.ozgId}`, {
        method: 'POST',
        headers: { Cookie: cookie, Origin: server.baseURL, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...target.form, notiz: note, version: String(version), kommentar: '' }),
        redirect: 'manual',
      })
    } catch {
      return // the server is gone: this save was never acknowledged
    }
    if (response.status !== 302 && response.status !== 303) {
      if (stopped()) return
      throw new Error(`Speichern ${note} antwortete ${response.status}:\n${(await response.text()).slice(0, 500)}`)
    }
    version++
    acks.push({ ozgId: target.ozgId, note, version })
  }
}

beforeAll(() => {
  return buildOnce()
}, 300_000)

for (const engine of engines) {
  describe(`durability of acknowledged saves [${engine}]`, () => {
    let store: Store
    const servers: RunningServer[] = []
    afterAll(async () => {
      for (const server of servers) await server.stop({ signal: 'SIGKILL' })
      await store?.remove()
    })

    it('keeps every acknowledged save after SIGKILL during a stream of saves and a restart on the same data', { timeout: 300_000 }, async () => {
      store = await createStore(engine)
      const setup = await store.open()
      await seedDatabase(setup.db, { demo: true })
      const targets = await pickTargets(setup)
      await setup.close()
      expect(targets).toHaveLength(STREAMS)

      const first = await startServer(store.options)
      servers.push(first)
      const cookie = await signIn(first)
      const acks: Ack[] = []
      let killed = false
      const streams = targets.map((t, i) => saveStream(first, cookie, t, i, acks, () => killed))
      // Kill while every stream has a save on the way.
      while (acks.length < KILL_AFTER_ACKS && first.child.exitCode === null) await new Promise((r) => setTimeout(r, 5))
      killed = true
      await first.stop({ signal: 'SIGKILL' })
      await Promise.all(streams)
      expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS)

      // The same data, a new server: it must come up (on PGlite taking over the dead server's lock).
      const second = await startServer(store.options)
      servers.push(second)
      expect((await fetch(`${second.baseURL}/healthz`)).status).toBe(200)

      if (engine === 'pglite') {
        // A second server on a directory in use never reports healthy: it either refuses to start
        // (German message, status ≠ 0) or answers /healthz with 503.
        const intruder = await launchServer(store.options)
        servers.push(intruder)
        let outcome: 'refused' | 'unhealthy' | null = null
        for (let i = 0; i < 120 && !outcome; i++) {
          if (intruder.child.exitCode !== null) {
            expect(intruder.child.exitCode).not.toBe(0)
            expect(intruder.log()).toMatch(/wird schon von einem anderen OZG-Radar-Server benutzt/)
            outcome = 'refused'
            break
          }
          const health = await fetch(`${intruder.baseURL}/healthz`).catch(() => null)
          expect(health?.status).not.toBe(200)
          if (health?.status === 503) outcome = 'unhealthy'
          else await new Promise((r) => setTimeout(r, 250))
        }
        expect(outcome).not.toBeNull()
        await intruder.stop({ signal: 'SIGKILL' })
        expect((await fetch(`${second.baseURL}/healthz`)).status).toBe(200)
      }
      // Read the data back in this process (PGlite: only once no server holds the directory).
      expect(await second.stop()).toBe(0)

      const check = await store.open()
      try {
        const rows = await check.db
          .select({ id: statuses.id, ozgId: services.ozgId, version: statuses.version, note: statuses.note })
          .from(statuses)
          .innerJoin(counties, eq(counties.id, statuses.countyId))
          .innerJoin(services, eq(services.id, statuses.serviceId))
          .where(and(eq(counties.ags, '03351'), inArray(services.ozgId, targets.map((t) => t.ozgId))))
        const history = await check.db
          .select({ statusId: statusChanges.statusId, changes: statusChanges.changes })
          .from(statusChanges)
          .where(inArray(statusChanges.statusId, rows.map((r) => r.id)))
        const notesOf = new Map(rows.map((r) => [r.ozgId, new Set(history.filter((h) => h.statusId === r.id).map((h) => (h.changes as { note?: { to: string } }).note?.to))]))
        const missing = acks.filter((a) => !notesOf.get(a.ozgId)?.has(a.note)).map((a) => a.note)
        expect(missing).toEqual([])
        for (const row of rows) {
          const last = acks.filter((a) => a.ozgId === row.ozgId).at(-1)
          if (!last) continue
          // A save that was on the way when the server died may have committed after its
          // acknowledgement could be sent: the row is at the last acknowledged save or later.
          expect(row.version).toBeGreaterThanOrEqual(last.version)
          if (row.version === last.version) expect(row.note).toBe(last.note)
        }
      } finally {
        await check.close()
      }
    })
  })
}
