// Sessions end after the idle timeout or the lifetime; revokeUserAccess ends sessions and API
// tokens for good; the profile lists the user's sessions and signs out everywhere else. Through
// the real routes with real Requests, on both engines.
import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, expect, it } from 'vitest'
import { apiTokens, auditLog, sessions, users } from '../../db/schema'
import { describeEachEngine } from '../support/database'
import { answerOf } from '../support/remix'
import type { SessionUser } from '~/domain/permissions'
import { LAST_SEEN_RESOLUTION_SECONDS, SESSION_IDLE_HOURS } from '~/domain/session'
import { authenticateApiToken, createApiToken } from '~/models/api-token.server'
import { createSession, getSessionUser, hashToken, listSessions, revokeUserAccess } from '~/models/session.server'
import { createUser } from '~/models/user.server'
import { loader as countiesLoader } from '~/routes/api.v1.counties'
import * as userRoute from '~/routes/admin.benutzer.$id'
import * as loginRoute from '~/routes/anmelden'
import * as profileRoute from '~/routes/profil'
import { getDb } from '~/utils/db.server'

const ORIGIN = 'http://localhost'
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'
const PASSWORD = 'ein-sicheres-passwort'
let adminToken = ''
let counter = 0

async function newUser(): Promise<SessionUser> {
  const email = `person-${++counter}@kreis.invalid`
  const created = await createUser({ email, name: `Person ${counter}`, role: 'viewer', password: PASSWORD }, null)
  if (!created.ok) throw new Error(created.message)
  return { id: created.id, email, name: `Person ${counter}`, role: 'viewer', countyId: null, countyAgs: null }
}

function get(path: string, token?: string) {
  return new Request(`${ORIGIN}${path}`, { headers: token ? { Cookie: `ozg_session=${token}` } : {} })
}

function post(path: string, token: string | null, form: Record<string, string>) {
  const headers: Record<string, string> = { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }
  if (token) headers.Cookie = `ozg_session=${token}`
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: new URLSearchParams(form) })
}

async function setLastSeen(token: string, ago: string) {
  const db = await getDb()
  await db.update(sessions).set({ lastSeenAt: sql`now() - ${ago}::interval` }).where(eq(sessions.id, hashToken(token)))
}

async function lastSeen(token: string): Promise<number> {
  const db = await getDb()
  const [row] = await db.select({ at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.id, hashToken(token)))
  return new Date(row.at).getTime()
}

async function apiStatus(token: string) {
  return (await answerOf(() => countiesLoader({ request: new Request(`${ORIGIN}/api/v1/counties`, { headers: { Authorization: `Bearer ${token}` } }), params: {}, context: {} }))).status
}

describeEachEngine(
  'sessions and access',
  () => {
    beforeAll(async () => {
      const created = await createUser({ email: 'admin@kreis.invalid', name: 'Admin', role: 'admin', password: PASSWORD }, null)
      if (!created.ok) throw new Error(created.message)
      adminToken = (await createSession(created.id)).token
    })

    it(`ends a session after ${SESSION_IDLE_HOURS} hours without a request`, async () => {
      const user = await newUser()
      const { token } = await createSession(user.id)
      await setLastSeen(token, `${SESSION_IDLE_HOURS} hours 1 minute`)
      expect(await getSessionUser(token)).toBeNull()
      const page = await answerOf(() => profileRoute.loader({ request: get('/profil', token), params: {}, context: {} }))
      expect(page.status).toBe(302)
      expect(page.headers.get('Location')).toBe('/anmelden?weiter=%2Fprofil')
    })

    it('keeps an active session and slides its last activity forward, at most once a minute', async () => {
      const user = await newUser()
      const { token } = await createSession(user.id)
      await setLastSeen(token, `${SESSION_IDLE_HOURS - 1} hours 59 minutes`)
      const before = await lastSeen(token)
      expect((await getSessionUser(token))?.email).toBe(user.email)
      const slid = await lastSeen(token)
      expect(slid - before).toBeGreaterThan((SESSION_IDLE_HOURS - 1) * 3_600_000)
      // Within the resolution a request only reads.
      await setLastSeen(token, `${LAST_SEEN_RESOLUTION_SECONDS / 2} seconds`)
      const recent = await lastSeen(token)
      expect((await getSessionUser(token))?.email).toBe(user.email)
      expect(await lastSeen(token)).toBe(recent)
    })

    it('ends a session after its lifetime even when it was active', async () => {
      const user = await newUser()
      const { token } = await createSession(user.id)
      const db = await getDb()
      await db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(sessions.id, hashToken(token)))
      expect(await getSessionUser(token)).toBeNull()
    })

    it('revokeUserAccess ends all sessions and revokes all tokens with one audit record', async () => {
      const user = await newUser()
      const other = await newUser()
      const a = await createSession(user.id)
      const b = await createSession(user.id)
      const otherSession = await createSession(other.id)
      const t1 = await createApiToken(user, 'Power BI')
      const t2 = await createApiToken(user, 'Skript')
      const otherToken = await createApiToken(other, 'Fremd')
      expect(await apiStatus(t1.token)).toBe(200)

      expect(await revokeUserAccess(user.id)).toEqual({ sessions: 2, tokens: 2 })
      expect(await getSessionUser(a.token)).toBeNull()
      expect(await getSessionUser(b.token)).toBeNull()
      expect(await authenticateApiToken(t1.token)).toBeNull()
      expect(await apiStatus(t2.token)).toBe(401)
      // Nobody else is touched.
      expect((await getSessionUser(otherSession.token))?.email).toBe(other.email)
      expect(await apiStatus(otherToken.token)).toBe(200)
      const db = await getDb()
      const audit = await db
        .select({ details: auditLog.details })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'revoke_access'), eq(auditLog.entityId, String(user.id))))
      expect(audit).toEqual([{ details: { reason: null, sessions: 2, tokens: 2 } }])
    })

    it("revokeUserAccess inside the caller's transaction is undone with it", async () => {
      const user = await newUser()
      const { token } = await createSession(user.id)
      const db = await getDb()
      await expect(
        db.transaction(async (tx) => {
          await revokeUserAccess(user.id, { tx, reason: 'password_reset' })
          throw new Error('the password could not be saved')
        }),
      ).rejects.toThrow('the password could not be saved')
      expect((await getSessionUser(token))?.email).toBe(user.email)
    })

    it("an admin's password reset ends the user's sessions and revokes their tokens", async () => {
      const user = await newUser()
      const { token } = await createSession(user.id)
      const api = await createApiToken(user, 'Power BI')
      const reset = await answerOf(() =>
        userRoute.action({ request: post(`/admin/benutzer/${user.id}`, adminToken, { intent: 'passwort', password: 'ganz-neues-passwort' }), params: { id: String(user.id) }, context: {} }),
      )
      expect(reset.status).toBe(302)
      expect(await getSessionUser(token)).toBeNull()
      expect(await apiStatus(api.token)).toBe(401)
      const login = await answerOf(() =>
        loginRoute.action({ request: post('/anmelden', null, { email: user.email, password: 'ganz-neues-passwort' }), params: {}, context: { clientAddress: '192.0.2.1' } }),
      )
      expect(login.status).toBe(302)
    })

    it('deactivation revokes tokens, and reactivation does not bring them back', async () => {
      const user = await newUser()
      const { token } = await createSession(user.id)
      const api = await createApiToken(user, 'Power BI')
      const change = (aktiv: boolean) =>
        answerOf(() =>
          userRoute.action({
            request: post(`/admin/benutzer/${user.id}`, adminToken, { intent: 'konto', name: user.name, role: 'viewer', kreis: '', ...(aktiv ? { aktiv: 'ja' } : {}) }),
            params: { id: String(user.id) },
            context: {},
          }),
        )
      expect((await change(false)).status).toBe(302)
      expect(await getSessionUser(token)).toBeNull()
      expect(await apiStatus(api.token)).toBe(401)
      expect((await change(true)).status).toBe(302)
      const db = await getDb()
      const [active] = await db.select({ isActive: users.isActive }).from(users).where(eq(users.id, user.id))
      expect(active.isActive).toBe(true)
      expect(await apiStatus(api.token)).toBe(401)
      const [stored] = await db.select({ revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.id, api.id))
      expect(stored.revokedAt).not.toBeNull()
      // A new token works again.
      expect(await apiStatus((await createApiToken(user, 'Neu')).token)).toBe(200)
    })

    it('lists the own sessions on the profile, marks this one and signs out everywhere else', async () => {
      const user = await newUser()
      const stranger = await newUser()
      const here = await createSession(user.id, FIREFOX)
      const phone = await createSession(user.id, SAFARI)
      const old = await createSession(user.id, null)
      const strangers = await createSession(stranger.id, FIREFOX)
      const api = await createApiToken(user, 'Power BI')

      const page = await answerOf(() => profileRoute.loader({ request: get('/profil', here.token), params: {}, context: {} }))
      const listed = (page.body as { sessions: { browser: string; current: boolean }[] }).sessions
      expect(listed.map((s) => [s.browser, s.current]).sort()).toEqual([
        ['Firefox 133 unter Windows', true],
        ['Safari 18 unter iOS', false],
        ['Unbekannter Browser', false],
      ])

      const ended = await answerOf(() => profileRoute.action({ request: post('/profil', here.token, { intent: 'ueberall-abmelden' }), params: {}, context: {} }))
      expect(ended.status).toBe(200)
      expect((ended.body as { endedSessions: number }).endedSessions).toBe(2)
      expect((await getSessionUser(here.token))?.email).toBe(user.email)
      expect(await getSessionUser(phone.token)).toBeNull()
      expect(await getSessionUser(old.token)).toBeNull()
      expect((await getSessionUser(strangers.token))?.email).toBe(stranger.email)
      // Signing out elsewhere is about sessions; the user's API tokens keep working.
      expect(await apiStatus(api.token)).toBe(200)
      expect(await listSessions(user.id, here.token)).toHaveLength(1)
    })

    it('records the browser of a session started by signing in', async () => {
      const user = await newUser()
      const request = post('/anmelden', null, { email: user.email, password: PASSWORD })
      request.headers.set('User-Agent', SAFARI)
      const login = await answerOf(() => loginRoute.action({ request, params: {}, context: { clientAddress: '192.0.2.2' } }))
      expect(login.status).toBe(302)
      const token = decodeURIComponent(/ozg_session=([^;]+)/.exec(login.headers.get('Set-Cookie')!)![1])
      const [session] = await listSessions(user.id, token)
      expect(session).toMatchObject({ userAgent: SAFARI, current: true })
    })
  },
)
