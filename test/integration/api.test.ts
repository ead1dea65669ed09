import type { LoaderFunctionArgs } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { apiTokens, auditLog, counties, users } from '../../db/schema'
import { describeEachEngine } from '../support/database'
import type { SessionUser } from '~/domain/permissions'
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from '~/models/api-token.server'
import { getCountyKpis } from '~/models/summary.server'
import { loader as countiesLoader } from '~/routes/api.v1.counties'
import { loader as openApiLoader } from '~/routes/api.v1.openapi[.]json'
import { loader as servicesLoader } from '~/routes/api.v1.services'
import { loader as statusesLoader } from '~/routes/api.v1.statuses'
import { loader as summaryLoader } from '~/routes/api.v1.summary'
import { getDb } from '~/utils/db.server'

async function sessionUser(email: string): Promise<SessionUser> {
  const db = await getDb()
  const [u] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, countyId: users.countyId, countyAgs: counties.ags })
    .from(users)
    .leftJoin(counties, eq(counties.id, users.countyId))
    .where(eq(users.email, email))
  return { ...u, role: u.role as SessionUser['role'] }
}

type Loader = (args: LoaderFunctionArgs) => Promise<Response> | Response

/** Calls a resource route's loader as Remix would; a thrown Response is the answer too. */
async function call(loader: Loader, path: string, token?: string): Promise<Response> {
  const request = new Request(`http://localhost${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  try {
    return await loader({ request, params: {}, context: {} })
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}

let token = ''

describeEachEngine(
  'JSON API /api/v1',
  () => {
    it('answers 401 with a German JSON message without or with a wrong token', async () => {
      for (const loader of [countiesLoader, servicesLoader, statusesLoader, summaryLoader] satisfies Loader[]) {
        const anonymous = await call(loader, '/api/v1/x')
        expect(anonymous.status).toBe(401)
        expect(anonymous.headers.get('WWW-Authenticate')).toContain('Bearer')
        expect((await anonymous.json()).error.message).toMatch(/Authorization: Bearer/)
        const wrong = await call(loader, '/api/v1/x', 'ozgr_falsch')
        expect(wrong.status).toBe(401)
        expect((await wrong.json()).error.message).toMatch(/unbekannt oder wurde widerrufen/)
      }
    })

    it('creates a token shown once, stores only its hash, audits it and records its use', async () => {
      const viewer = await sessionUser('leitung@demo.invalid')
      const created = await createApiToken(viewer, 'Power BI')
      token = created.token
      expect(token).toMatch(/^ozgr_/)
      const db = await getDb()
      const [stored] = await db.select().from(apiTokens).where(eq(apiTokens.id, created.id))
      expect(stored.tokenHash).not.toContain(token)
      expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/)
      expect(stored.lastUsedAt).toBeNull()
      expect((await authenticateApiToken(token))?.email).toBe('leitung@demo.invalid')
      const [used] = await db.select().from(apiTokens).where(eq(apiTokens.id, created.id))
      expect(used.lastUsedAt).not.toBeNull()
      const audit = await db.select().from(auditLog).where(eq(auditLog.entity, 'api_token'))
      expect(audit.map((a) => a.action)).toContain('create')
    })

    it('answers 200 with data for a valid token', async () => {
      const countiesRes = await call(countiesLoader, '/api/v1/counties', token)
      expect(countiesRes.status).toBe(200)
      const body = await countiesRes.json()
      expect(body.data).toHaveLength(16)
      expect(body.data.find((c: { ags: string }) => c.ags === '03351')).toMatchObject({ name: 'Celle', art: 'Landkreis' })

      const servicesRes = await call(servicesLoader, '/api/v1/services?limit=10&seite=2', token)
      const services = await servicesRes.json()
      expect(services.data).toHaveLength(10)
      expect(services.pagination).toMatchObject({ total: 557, limit: 10, offset: 10 })
      expect(services.pagination.next).toContain('offset=20')
    })

    it('filters statuses like the county page, in the German file vocabulary, paginated', async () => {
      const res = await call(statusesLoader, '/api/v1/statuses?kreis=03351&umsetzungsweg=eigen&fortschritt=online&limit=5', token)
      expect(res.status).toBe(200)
      const body = await res.json()
      expect(body.data.length).toBeLessThanOrEqual(5)
      expect(body.pagination.total).toBeGreaterThan(5)
      for (const row of body.data) expect(row).toMatchObject({ ags: '03351', umsetzungsweg: 'eigen', fortschritt: 'online' })
      const kpis = await getCountyKpis({ countyAgs: ['03351'] })
      expect(body.pagination.total).toBe(kpis.counties[0].own - (await countStage('03351', 'eigen')))

      const bad = await call(statusesLoader, '/api/v1/statuses?umsetzungsweg=irgendwie&limit=0', token)
      expect(bad.status).toBe(400)
      const error = await bad.json()
      expect(error.error.details.join(' ')).toMatch(/Wählen Sie einen Umsetzungsweg: „offen“/)
      expect(error.error.details.join(' ')).toMatch(/limit ist eine ganze Zahl/)

      const unknown = await call(statusesLoader, '/api/v1/statuses?kreis=09999', token)
      expect(unknown.status).toBe(404)
    })

    it('/summary returns the dashboard’s numbers (getCountyKpis), also per Themenfeld', async () => {
      const body = await (await call(summaryLoader, '/api/v1/summary', token)).json()
      const kpis = await getCountyKpis()
      expect(body.counties).toEqual(kpis.counties.map(({ countyId: _c, ...c }) => c))
      expect(body.community).toEqual(kpis.community)
      const theme = await (await call(summaryLoader, '/api/v1/summary?themenfeld=2', token)).json()
      expect(theme.community).toEqual((await getCountyKpis({ themeId: 2 })).community)
    })

    it('serves an OpenAPI 3.1 document', async () => {
      const doc = await (await call(openApiLoader as Loader, '/api/v1/openapi.json')).json()
      expect(doc.openapi).toBe('3.1.0')
      expect(Object.keys(doc.paths)).toEqual(['/counties', '/services', '/statuses', '/summary'])
      expect(doc.components.securitySchemes.bearerAuth.scheme).toBe('bearer')
    })

    it('refuses a revoked token; only the owner can revoke', async () => {
      const viewer = await sessionUser('leitung@demo.invalid')
      const other = await sessionUser('celle@demo.invalid')
      const [listed] = await listApiTokens(viewer.id)
      expect(await revokeApiToken(other, listed.id)).toBe(false)
      expect(await revokeApiToken(viewer, listed.id)).toBe(true)
      expect(await revokeApiToken(viewer, listed.id)).toBe(false)
      expect((await call(countiesLoader, '/api/v1/counties', token)).status).toBe(401)
    })
  },
  'demo',
)

// Rows of the county with approach „eigen“ that are not online: own total minus this is the online count.
async function countStage(ags: string, approach: string) {
  const res = await call(statusesLoader, `/api/v1/statuses?kreis=${ags}&umsetzungsweg=${approach}&limit=1000`, token)
  const body = await res.json()
  return body.data.filter((r: { fortschritt: string }) => r.fortschritt !== 'online').length
}
