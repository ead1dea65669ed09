// The API's per-token rate limit, counted in the database shared by every app process.
import { eq } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { rateLimits } from '../../db/schema'
import { describeEachEngine } from '../support/database'
import { answerOf } from '../support/remix'
import type { SessionUser } from '~/domain/permissions'
import { API_WINDOW_SECONDS, apiBucket } from '~/domain/rate-limit'
import { createApiToken } from '~/models/api-token.server'
import { createUser } from '~/models/user.server'
import { loader as countiesLoader } from '~/routes/api.v1.counties'
import { loader as servicesLoader } from '~/routes/api.v1.services'
import { getDb } from '~/utils/db.server'
import { env } from '~/utils/env.server'

const LIMIT = env().API_RATE_LIMIT

function call(loader: typeof countiesLoader, path: string, token: string) {
  return answerOf(() => loader({ request: new Request(`http://localhost${path}`, { headers: { Authorization: `Bearer ${token}` } }), params: {}, context: {} }))
}

describeEachEngine('API rate limit per token', () => {
  it(`answers 429 in the JSON envelope with Retry-After after ${LIMIT} requests a minute`, async () => {
    const created = await createUser({ email: 'skript@kreis.invalid', name: '', role: 'viewer', password: 'ein-sicheres-passwort' }, null)
    if (!created.ok) throw new Error(created.message)
    const user: SessionUser = { id: created.id, email: 'skript@kreis.invalid', name: '', role: 'viewer', countyId: null, countyAgs: null }
    const busy = await createApiToken(user, 'Dauerschleife')
    const calm = await createApiToken(user, 'Power BI')

    // Most of the window's allowance counted directly, the last requests through the routes.
    const db = await getDb()
    await db.insert(rateLimits).values({ key: apiBucket(busy.id, LIMIT).key, windowSeconds: API_WINDOW_SECONDS, hits: LIMIT - 2 })
    expect((await call(countiesLoader, '/api/v1/counties', busy.token)).status).toBe(200)
    expect((await call(servicesLoader, '/api/v1/services', busy.token)).status).toBe(200)

    const limited = await call(countiesLoader, '/api/v1/counties', busy.token)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('Content-Type')).toMatch(/^application\/json/)
    const retryAfter = Number(limited.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(API_WINDOW_SECONDS)
    expect(limited.body).toEqual({ error: { status: 429, message: expect.stringMatching(/^Zu viele Anfragen mit diesem Token: Erlaubt sind \d+ Anfragen/) } })
    expect((await call(servicesLoader, '/api/v1/services', busy.token)).status).toBe(429)

    // Another token of the same person has its own allowance.
    expect((await call(countiesLoader, '/api/v1/counties', calm.token)).status).toBe(200)

    // When the window has run out the token works again.
    await db.update(rateLimits).set({ windowStartedAt: new Date(Date.now() - API_WINDOW_SECONDS * 1000 - 1000) }).where(eq(rateLimits.key, apiBucket(busy.id, LIMIT).key))
    expect((await call(countiesLoader, '/api/v1/counties', busy.token)).status).toBe(200)
  })
})
