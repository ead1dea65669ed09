// Two app processes on one PostgreSQL database (issue 15): what `WEB_CONCURRENCY=2` runs, as two
// real servers (server.mjs from the production build) started at the same moment on a fresh
// database, so they also migrate and seed side by side. Whatever one process learns, the other
// must know: the login throttle counts the attempts made at both, an import previewed at one is
// confirmed at the other, and a save at one makes the same stale save at the other a conflict.
// PostgreSQL only: PGlite allows one process per data directory (decision record 015).
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildOnce, createServerDatabase, startServer, type RunningServer } from '../support/server'
import { LOGIN_LIMITS } from '~/domain/rate-limit'
import { toFormValues, type StatusRowLike } from '~/domain/status'
import { formatStatusCsv, StatusFilter, toCsvRecord } from '~/domain/status-csv'
import { listStatusRows } from '~/models/export.server'
import { getStatus } from '~/models/status.server'
import { openDatabase, useDatabase, type DatabaseHandle } from '~/utils/db.server'

const SESSION_SECRET = randomBytes(24).toString('hex')
const CELLE = '03351'

async function signIn(server: RunningServer, email = 'celle@demo.invalid', password = 'ozg-radar-demo') {
  return fetch(`${server.baseURL}/anmelden`, {
    method: 'POST',
    headers: { Origin: server.baseURL, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, weiter: '/' }),
    redirect: 'manual',
  })
}

function post(server: RunningServer, path: string, cookie: string, body: URLSearchParams | FormData) {
  return fetch(`${server.baseURL}${path}`, { method: 'POST', headers: { Cookie: cookie, Origin: server.baseURL }, body, redirect: 'manual' })
}

async function celleRow(ozgId: string) {
  const row = await getStatus(CELLE, ozgId)
  if (!row) throw new Error(`Celle hat keine Zeile für ${ozgId}`)
  return row
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('two server processes on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createServerDatabase>>
  let handle: DatabaseHandle
  const servers: RunningServer[] = []
  let one: RunningServer
  let other: RunningServer
  let cookie: string

  beforeAll(async () => {
    await buildOnce()
    database = await createServerDatabase()
    const options = { engine: 'postgres' as const, databaseUrl: database.url, env: { SESSION_SECRET } }
    const started = await Promise.allSettled([startServer(options), startServer(options)])
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value)
    for (const s of started) if (s.status === 'rejected') throw s.reason
    ;[one, other] = servers
    handle = await openDatabase({ engine: 'postgres', url: database.url, max: 2 })
    useDatabase(handle)
    const response = await signIn(one)
    cookie = response.headers.getSetCookie().find((c) => c.startsWith('ozg_session='))!.split(';')[0]
  }, 300_000)

  afterAll(async () => {
    for (const server of servers) await server.stop({ signal: 'SIGKILL' })
    await handle?.close()
    await database?.drop()
  })

  it('signs in at one process and is signed in at the other', async () => {
    const page = await fetch(`${other.baseURL}/kreise/${CELLE}`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Celle')
  })

  it('counts failed sign-ins made at both processes against one limit', async () => {
    const email = `unbekannt-${randomBytes(4).toString('hex')}@kreis.invalid`
    const limit = LOGIN_LIMITS.pair.limit
    // Alternating: each process sees only half of the attempts itself.
    for (let i = 0; i < limit; i++) {
      const response = await signIn(i % 2 === 0 ? one : other, email, 'falsches-passwort')
      expect(response.status).toBe(401)
    }
    for (const server of [one, other]) {
      const refused = await signIn(server, email, 'falsches-passwort')
      expect(refused.status).toBe(429)
      expect(await refused.text()).toContain('Zu viele fehlgeschlagene Anmeldeversuche')
    }
  })

  it('confirms at one process the import previewed at the other', async () => {
    const rows = await listStatusRows(StatusFilter.parse({ kreis: CELLE }))
    const records = rows.map(toCsvRecord)
    const changed = rows.findIndex((r) => r.approach !== 'not_applicable')
    const note = `Import über zwei Prozesse ${randomBytes(3).toString('hex')}`
    records[changed] = { ...records[changed], notiz: note }
    const form = new FormData()
    form.append('intent', 'preview')
    form.append('datei', new Blob([formatStatusCsv(records)], { type: 'text/csv' }), 'celle.csv')

    const preview = await post(one, '/import', cookie, form)
    const html = await preview.text()
    expect(preview.status).toBe(200)
    const token = /name="token" value="([^"]+)"/.exec(html)?.[1]
    expect(token).toBeTruthy()
    expect((await celleRow(records[changed].ozg_id)).note).not.toBe(note)

    const confirmed = await post(other, '/import', cookie, new URLSearchParams({ intent: 'confirm', token: token! }))
    expect(confirmed.status).toBe(200)
    expect((await celleRow(records[changed].ozg_id)).note).toBe(note)
  })

  it('refuses at one process a save of a version the other has just saved over', async () => {
    const ozgId = '10519'
    const before = await celleRow(ozgId)
    const form = (note: string) => new URLSearchParams({ ...toFormValues(before as unknown as StatusRowLike), notiz: note, version: String(before.version), kommentar: '' })
    const path = `/kreise/${CELLE}/leistungen/${ozgId}`

    const first = await post(one, path, cookie, form('Zuerst gespeichert'))
    expect(first.status).toBe(302)
    const stale = await post(other, path, cookie, form('Auf altem Stand gespeichert'))
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('Zuerst gespeichert')

    const after = await celleRow(ozgId)
    expect(after.version).toBe(before.version + 1)
    expect(after.note).toBe('Zuerst gespeichert')
  })
})
