// A small hand-built community for the summary, matrix, service and online-service tests. Every
// expected number in the tests is counted by hand from the rows below.
import { eq } from 'drizzle-orm'
import {
  counties,
  fachverfahren,
  onlineServices,
  onlineServiceServices,
  services,
  statusChanges,
  statuses,
  themes,
  vendors,
} from '../../db/schema'
import type { DatabaseHandle } from '~/utils/db.server'

const now = new Date()
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000)

type Row = Partial<typeof statuses.$inferInsert> & { ozgId: string }

export async function buildSummaryFixture(handle: DatabaseHandle) {
  const db = handle.db
  await db.insert(themes).values([
    { id: 1, name: 'Familie & Kind' },
    { id: 2, name: 'Bauen & Wohnen' },
  ])
  const svc = await db
    .insert(services)
    .values([
      { ozgId: '10001', name: 'Elterngeld', themeId: 1, description: 'Elterngeld beantragen' },
      { ozgId: '10002', name: 'Kita-Platz', themeId: 1 },
      { ozgId: '10003', name: 'Kinderreisepass', themeId: 1 },
      { ozgId: '10004', name: 'Unterhaltsvorschuss', themeId: 1 },
      { ozgId: '10005', name: 'Kindertagespflege', themeId: 1 },
      { ozgId: '20001', name: 'Baugenehmigung', themeId: 2 },
      { ozgId: '20002', name: 'Wohngeld', themeId: 2 },
    ])
    .returning({ id: services.id, ozgId: services.ozgId })
  const sid = Object.fromEntries(svc.map((s) => [s.ozgId, s.id]))
  const cty = await db
    .insert(counties)
    .values([
      { ags: '03351', name: 'Celle', kind: 'landkreis' },
      { ags: '03353', name: 'Harburg', kind: 'landkreis' },
      { ags: '03251', name: 'Diepholz', kind: 'landkreis' },
      { ags: '03999', name: 'Gastkreis', kind: 'landkreis', isMember: false },
    ])
    .returning({ id: counties.id, ags: counties.ags })
  const cid = Object.fromEntries(cty.map((c) => [c.ags, c.id]))

  const [kita, bau] = await db
    .insert(onlineServices)
    .values([
      { name: 'Kita-Portal', kind: 'efa', provider: 'Land Niedersachsen', maturity: 3 },
      { name: 'Celler Familienportal', kind: 'community', leadCountyId: cid['03351'], maturity: 3 },
    ])
    .returning({ id: onlineServices.id })
  await db.insert(onlineServiceServices).values([
    { onlineServiceId: kita.id, serviceId: sid['10001'] },
    { onlineServiceId: kita.id, serviceId: sid['10002'] },
    { onlineServiceId: kita.id, serviceId: sid['10005'] },
    { onlineServiceId: bau.id, serviceId: sid['10003'] },
    { onlineServiceId: bau.id, serviceId: sid['10004'] },
  ])
  const [acme] = await db.insert(vendors).values({ name: 'Acme Software' }).returning({ id: vendors.id })
  const [kitaPro] = await db
    .insert(fachverfahren)
    .values({ vendorId: acme.id, name: 'KitaPro', interfaceStandards: 'XKita 1.0' })
    .returning({ id: fachverfahren.id })

  const rows: Record<string, Row[]> = {
    '03351': [
      { ozgId: '10001', approach: 'own', stage: 'online', maturity: 3, endToEnd: true, fachverfahrenId: kitaPro.id, interfaceStatus: 'live', contact: 'Jugendamt Celle' },
      { ozgId: '10002', approach: 'efa', stage: 'online', maturity: 4, endToEnd: false, onlineServiceId: kita.id, connection: 'live', contact: 'Fachdienst Kita' },
      { ozgId: '10003', approach: 'own', stage: 'online', maturity: 2, endToEnd: true, confirmedAt: daysAgo(200), onlineServiceId: bau.id, connection: 'live' },
      { ozgId: '10004', approach: 'pending', pendingPlan: 'awaiting_efa', stage: 'planned', confirmedAt: null },
      { ozgId: '10005', approach: 'own', stage: 'in_progress', fachverfahrenId: kitaPro.id, interfaceStatus: 'negotiating' },
      { ozgId: '20001', approach: 'not_applicable', stage: 'planned' },
      { ozgId: '20002', approach: 'efa', stage: 'partially_online', interfaceStatus: 'testing', confirmedAt: null, funding: 'unclear' },
    ],
    '03353': [
      { ozgId: '10001', approach: 'efa', stage: 'online', maturity: 4, endToEnd: true, onlineServiceId: kita.id, connection: 'live', contact: 'Kreisjugendamt Harburg' },
      { ozgId: '10002', approach: 'pending', pendingPlan: 'awaiting_efa', stage: 'planned' },
      { ozgId: '10003', approach: 'not_applicable', stage: 'planned' },
      { ozgId: '10004', approach: 'own', stage: 'planned', onlineServiceId: bau.id, connection: 'agreement' },
      { ozgId: '10005', approach: 'efa', stage: 'in_progress', fachverfahrenId: kitaPro.id, interfaceStatus: 'in_development', onlineServiceId: kita.id, connection: 'connecting' },
      { ozgId: '20001', approach: 'own', stage: 'online', maturity: 5, maturityModel: '2.0', endToEnd: false },
      { ozgId: '20002', approach: 'pending', stage: 'planned', confirmedAt: null },
    ],
    '03999': [{ ozgId: '10001', approach: 'own', stage: 'online', maturity: 1 }],
  }
  const statusId: Record<string, number> = {}
  for (const [ags, list] of Object.entries(rows)) {
    for (const { ozgId, ...row } of list) {
      const [inserted] = await db
        .insert(statuses)
        .values({ confirmedAt: now, ...row, countyId: cid[ags], serviceId: sid[ozgId] })
        .returning({ id: statuses.id })
      statusId[`${ags}/${ozgId}`] = inserted.id
    }
  }

  // History (UTC instants; months are counted in German time).
  const change = (key: string, at: string, changes: Record<string, { from: unknown; to: unknown }>) => {
    const [ags, ozgId] = key.split('/')
    return { statusId: statusId[key], countyId: cid[ags], serviceId: sid[ozgId], changedAt: new Date(at), changes, source: 'seed' as const }
  }
  const stage = (from: string, to: string) => ({ stage: { from, to } })
  await db.insert(statusChanges).values([
    change('03351/10001', '2023-01-15T10:00:00Z', stage('planned', 'in_progress')),
    change('03351/10001', '2023-03-10T10:00:00Z', stage('in_progress', 'online')),
    // 23:30 UTC on 31 March is 1 April in Germany: counts from April.
    change('03351/10002', '2023-03-31T23:30:00Z', { approach: { from: 'pending', to: 'efa' }, ...stage('planned', 'online') }),
    change('03351/10003', '2023-02-10T10:00:00Z', stage('planned', 'online')),
    change('03351/10003', '2023-05-05T10:00:00Z', stage('online', 'in_progress')),
    change('03351/10003', '2023-05-20T10:00:00Z', stage('in_progress', 'online')),
    change('03351/10003', '2023-06-02T10:00:00Z', { maturity: { from: 3, to: 2 } }),
    change('03351/20002', '2023-04-02T10:00:00Z', stage('planned', 'partially_online')),
    change('03353/10001', '2023-02-01T10:00:00Z', stage('planned', 'online')),
    change('03353/10001', '2023-04-15T10:00:00Z', stage('online', 'in_progress')),
    change('03353/20001', '2023-06-10T10:00:00Z', stage('planned', 'online')),
    change('03999/10001', '2022-01-10T10:00:00Z', stage('planned', 'online')),
  ])
  return { sid, cid, kitaId: kita.id, bauId: bau.id, acmeId: acme.id, kitaProId: kitaPro.id }
}

export async function countyIdOf(handle: DatabaseHandle, ags: string) {
  const [row] = await handle.db.select({ id: counties.id }).from(counties).where(eq(counties.ags, ags))
  return row.id
}
