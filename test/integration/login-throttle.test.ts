// The login throttle (decision record 012) through the real /anmelden action with real Requests,
// on both engines: counters per (account, address), per address and per account in PostgreSQL.
import { eq, sql } from 'drizzle-orm'
import { beforeEach, expect, it } from 'vitest'
import { rateLimits } from '../../db/schema'
import { describeEachEngine } from '../support/database'
import { answerOf } from '../support/remix'
import { LOGIN_LIMITS, loginPairKey } from '~/domain/rate-limit'
import { createUser } from '~/models/user.server'
import { action, loader } from '~/routes/anmelden'
import { getDb } from '~/utils/db.server'
import { DUMMY_PASSWORD_HASH, hashPassword } from '~/utils/password.server'

const ORIGIN = 'http://localhost'
const OWNER = 'inhaberin@kreis.invalid'
const PASSWORD = 'richtiges-passwort-123'
const PAIR = LOGIN_LIMITS.pair.limit
const PER_ADDRESS = LOGIN_LIMITS.address.limit
const ACCOUNT = LOGIN_LIMITS.account[0].limit

function login(email: string, password: string, clientAddress: string | null, headers: Record<string, string> = {}, weiter = '/kreise') {
  const request = new Request(`${ORIGIN}/anmelden`, {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ email, password, weiter }),
  })
  return answerOf(() => action({ request, params: {}, context: clientAddress === null ? {} : { clientAddress } }))
}

function messageOf(body: unknown): string {
  return (body as { errors: { password: string } }).errors.password
}

describeEachEngine(
  'sign-in: throttle and redirect',
  () => {
    beforeEach(async () => {
      const db = await getDb()
      await db.execute(sql`delete from rate_limits`)
      await db.execute(sql`delete from login_known_addresses`)
    })

    it('ignores X-Forwarded-For: a new value per attempt does not open a new bucket', async () => {
      const statuses: number[] = []
      for (let i = 0; i < PAIR + 3; i++) {
        const forged = `198.51.100.${i + 1}`
        const answer = await login(OWNER, `falsch-${i}`, '203.0.113.10', { 'X-Forwarded-For': forged, 'X-Real-IP': forged })
        statuses.push(answer.status)
      }
      expect(statuses).toEqual([...Array(PAIR).fill(401), 429, 429, 429])
      const throttled = await login(OWNER, 'falsch', '203.0.113.10', { 'X-Forwarded-For': '192.0.2.99' })
      expect(throttled.status).toBe(429)
      expect(messageOf(throttled.body)).toMatch(/^Zu viele fehlgeschlagene Anmeldeversuche\. Warten Sie \d+ Minuten? und versuchen Sie es dann erneut\.$/)
      const retryAfter = Number(throttled.headers.get('Retry-After'))
      expect(retryAfter).toBeGreaterThan(0)
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.pair.windowSeconds)
      // The typed e-mail stays in the form.
      expect((throttled.body as { values: { email: string } }).values.email).toBe(OWNER)
    })

    it('counts a whole IPv6 /64 as one address: a fresh address per attempt does not help', async () => {
      const statuses: number[] = []
      for (let i = 0; i < PAIR + 2; i++) statuses.push((await login(OWNER, `v6-${i}`, `2001:db8:1:2::${(i + 1).toString(16)}`)).status)
      expect(statuses).toEqual([...Array(PAIR).fill(401), 429, 429])
      expect((await login(OWNER, PASSWORD, '2001:db8:1:3::1')).status).toBe(302)
    })

    it('lets no more than the limit of 30 parallel attempts be checked', async () => {
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login(OWNER, `parallel-${i}`, '203.0.113.20')))
      const statuses = answers.map((a) => a.status)
      expect(statuses.filter((s) => s === 401)).toHaveLength(PAIR)
      expect(statuses.filter((s) => s === 429)).toHaveLength(30 - PAIR)
      const db = await getDb()
      const [pair] = await db.select({ hits: rateLimits.hits }).from(rateLimits).where(eq(rateLimits.key, loginPairKey(OWNER, '203.0.113.20')))
      expect(pair.hits).toBe(PAIR)
    })

    it('answers an overlong e-mail or password with 400 and counts nothing', async () => {
      const long = await login(`${'a'.repeat(3000)}@kreis.invalid`, 'falsch', '203.0.113.15')
      expect(long.status).toBe(400)
      expect((long.body as { errors: { email: string } }).errors.email).toBe('Eine E-Mail-Adresse hat höchstens 254 Zeichen.')
      expect((await login(OWNER, 'x'.repeat(1001), '203.0.113.15')).status).toBe(400)
      const db = await getDb()
      expect(await db.select().from(rateLimits)).toEqual([])
    })

    it('counts the e-mail case-insensitively', async () => {
      for (let i = 0; i < PAIR; i++) expect((await login(i % 2 ? OWNER.toUpperCase() : ` ${OWNER} `, 'falsch', '203.0.113.25')).status).toBe(401)
      expect((await login('InhaberIn@Kreis.invalid', PASSWORD, '203.0.113.25')).status).toBe(429)
    })

    it('lets the owner sign in from their address while the attacker is throttled', async () => {
      for (let i = 0; i < PAIR; i++) await login(OWNER, `rate-${i}`, '203.0.113.30')
      expect((await login(OWNER, 'noch-einer', '203.0.113.30')).status).toBe(429)
      const owner = await login(OWNER, PASSWORD, '192.0.2.40')
      expect(owner.status).toBe(302)
      expect(owner.headers.get('Location')).toBe('/kreise')
      expect(owner.headers.get('Set-Cookie')).toMatch(/^ozg_session=/)
      // The attacker stays throttled, even with the right password.
      expect((await login(OWNER, PASSWORD, '203.0.113.30')).status).toBe(429)
    })

    it('forgives the owner their own typos once they get in', async () => {
      for (let i = 0; i < PAIR - 1; i++) expect((await login(OWNER, 'vertippt', '192.0.2.41')).status).toBe(401)
      expect((await login(OWNER, PASSWORD, '192.0.2.41')).status).toBe(302)
      for (let i = 0; i < PAIR; i++) expect((await login(OWNER, 'wieder vertippt', '192.0.2.41')).status).toBe(401)
      expect((await login(OWNER, PASSWORD, '192.0.2.41')).status).toBe(429)
    })

    it('delays a distributed attack on the account for new addresses, not for the owner at a known one', async () => {
      expect((await login(OWNER, PASSWORD, '192.0.2.50')).status).toBe(302)
      // Enough addresses, each below its own limits, to fill the account's first tier.
      const addresses = Array.from({ length: Math.ceil(ACCOUNT / PAIR) }, (_, i) => `198.51.100.${100 + i}`)
      for (const address of addresses) for (let i = 0; i < PAIR; i++) expect((await login(OWNER, `verteilt-${i}`, address)).status).toBe(401)
      const stranger = await login(OWNER, 'neue-adresse', '198.51.100.200')
      expect(stranger.status).toBe(429)
      expect(Number(stranger.headers.get('Retry-After'))).toBeGreaterThan(0)
      // The owner at the address they signed in from before is not held up.
      expect((await login(OWNER, PASSWORD, '192.0.2.50')).status).toBe(302)
    })

    it('throttles one address trying 40 accounts, and only that address', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 40; i++) statuses.push((await login(`person-${i}@kreis.invalid`, 'sommer2026', '203.0.113.60')).status)
      expect(statuses).toEqual([...Array(PER_ADDRESS).fill(401), ...Array(40 - PER_ADDRESS).fill(429)])
      // Not even a right password gets through from there now; from elsewhere the owner signs in.
      expect((await login(OWNER, PASSWORD, '203.0.113.60')).status).toBe(429)
      expect((await login(OWNER, PASSWORD, '192.0.2.61')).status).toBe(302)
    })

    it('answers an unknown e-mail exactly like a wrong password, and counts it the same', async () => {
      const known = await login(OWNER, 'falsch', '203.0.113.70')
      const unknown = await login('niemand@kreis.invalid', 'falsch', '203.0.113.71')
      expect(unknown.status).toBe(known.status)
      expect(messageOf(unknown.body)).toBe(messageOf(known.body))
      for (let i = 1; i < PAIR; i++) expect((await login('niemand@kreis.invalid', 'falsch', '203.0.113.71')).status).toBe(401)
      expect((await login('niemand@kreis.invalid', 'falsch', '203.0.113.71')).status).toBe(429)
    })

    it('verifies unknown e-mails against a hash made with the current argon2 settings', async () => {
      const parameters = (hash: string) => hash.split('$').slice(1, 4).join('$')
      expect(parameters(DUMMY_PASSWORD_HASH)).toBe(parameters(await hashPassword('beliebig')))
      expect(parameters(DUMMY_PASSWORD_HASH)).toMatch(/^argon2id\$v=19\$m=\d+,t=\d+,p=\d+$/)
    })

    it.each([
      ['/%09/evil.example', '/'],
      [decodeURIComponent('/%09/evil.example'), '/'],
      ['//evil.example', '/'],
      ['/\\evil.example', '/'],
      ['https://evil.example/anmelden', '/'],
      ['/kreise\r\nSet-Cookie: ozg_session=gestohlen', '/'],
      ['/kreise/03351?fortschritt=online', '/kreise/03351?fortschritt=online'],
    ])('sends the user after sign-in with weiter=%j to %s on our own origin', async (weiter, expected) => {
      const answer = await login(OWNER, PASSWORD, '192.0.2.90', {}, weiter)
      expect(answer.status).toBe(302)
      expect(answer.headers.get('Location')).toBe(expected)
      expect(answer.headers.get('Set-Cookie')).toMatch(/^ozg_session=[^;\r\n]+;/)
    })

    it('redirects a signed-in visitor of /anmelden only within our origin', async () => {
      const signedIn = await login(OWNER, PASSWORD, '192.0.2.91')
      const cookie = signedIn.headers.get('Set-Cookie')!.split(';')[0]
      for (const [weiter, expected] of [['%2F%0D%0A%2Fevil.example', '/'], ['%2F%09%2Fevil.example', '/'], ['%2Fmatrix', '/matrix']]) {
        const request = new Request(`${ORIGIN}/anmelden?weiter=${weiter}`, { headers: { Cookie: cookie } })
        const answer = await answerOf(() => loader({ request, params: {}, context: {} }))
        expect(answer.status).toBe(302)
        expect(answer.headers.get('Location')).toBe(expected)
      }
    })

    it('without a known client address, applies only the account limits', async () => {
      // Everyone would share the address "unknown": a per-address limit there would lock out all.
      for (let i = 0; i < PER_ADDRESS + 1; i++) expect((await login(`jemand-${i}@kreis.invalid`, 'falsch', null)).status).toBe(401)
      expect((await login(OWNER, PASSWORD, null)).status).toBe(302)
    })
  },
  async () => {
    const created = await createUser({ email: OWNER, name: 'Inhaberin', role: 'viewer', password: PASSWORD }, null)
    if (!created.ok) throw new Error(created.message)
  },
)
