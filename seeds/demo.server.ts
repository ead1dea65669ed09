// The demo community: 16 member counties with ~9k status rows, online services of every kind,
// vendors, basic components, seven years of history and demo users. Everything is marked
// is_demo. Generated from a fixed seed and a fixed reference date, so every run (and every
// test) sees the same data. The choice of the 11 members beside the five publicly named
// OpenR@thaus counties is illustrative (see seeds/reference/SOURCES.md).
import { sql } from 'drizzle-orm'
import {
  counties,
  countyMemberships,
  countyBasicComponents,
  fachverfahren,
  onlineServices,
  onlineServiceServices,
  services,
  statusChanges,
  statuses,
  themes,
  users,
  vendors,
} from '../db/schema'
import {
  BasicComponent,
  CountyKind,
  type ApproachCode,
  type AvailabilityCode,
  type BasicComponentStatusCode,
  type ConnectionCode,
  type CountyKindCode,
  type FundingCode,
  type InterfaceStatusCode,
  type InternalProcessingCode,
  type OnlineServiceKindCode,
  type PendingPlanCode,
  type RoleCode,
  type StageCode,
} from '../app/domain/enums'
import { landOfAgs } from '../app/domain/membership'
import type { Tx } from '../app/utils/db.server'
import { hashPassword } from '../app/utils/password.server'
import { bulkInsert } from './bulk.server'
import { readReference, required } from './catalogue.server'

export const DEMO_REFERENCE_DATE = new Date('2026-11-01T00:00:00Z')
export const DEMO_PASSWORD = 'ozg-radar-demo'
const HISTORY_START = new Date('2019-01-01T00:00:00Z')
const SEED = 20_261_101

// mulberry32: tiny, fast and good enough to make demo data look varied yet reproducible.
function createRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    weighted: <T>(options: readonly [T, number][]): T => {
      let r = next() * options.reduce((sum, [, w]) => sum + w, 0)
      for (const [value, weight] of options) {
        r -= weight
        if (r < 0) return value
      }
      return options[options.length - 1][0]
    },
    // Amounts in steps of 50 EUR, as budgets are written.
    amount: (min: number, max: number) => String(Math.round(int(min, max) / 50) * 50),
  }
}
type Random = ReturnType<typeof createRandom>

const DAY = 86_400_000
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY)
const isoDate = (date: Date) => date.toISOString().slice(0, 10)
// History entries land in office hours on their day.
const atWorkingHour = (date: Date, random: Random) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), random.int(7, 16), random.int(0, 59)))
const later = (a: Date, b: Date) => (a > b ? a : b)
// The last day with history: nothing happens on or after the reference date.
const LAST_DAY = addDays(DEMO_REFERENCE_DATE, -1)

// ---------------------------------------------------------------------------------------------
// Fixed demo catalogue of vendors and online services

type VendorSeed = { name: string; themes: string[]; fachverfahren: [name: string, standards: string][] }
const vendorSeeds: VendorSeed[] = [
  {
    name: 'Demo-Soft Bauwesen GmbH',
    themes: ['Bauen & Wohnen', 'Umwelt'],
    fachverfahren: [
      ['BauPilot', 'XBau 2.3, FIT-Connect'],
      ['BauAkte Kommunal', 'XBau 2.2'],
    ],
  },
  {
    name: 'Beispiel Kommunalsoftware AG',
    themes: ['Unternehmensführung & -entwicklung', 'Recht & Ordnung', 'Engagement & Hobby', 'Steuern & Zoll'],
    fachverfahren: [
      ['GewerbeManager', 'XGewerbeanzeige 2.0, FIT-Connect'],
      ['OrdnungPlus', 'XOWi 1.2, FIT-Connect'],
    ],
  },
  {
    name: 'Muster IT Sozialwesen GmbH',
    themes: ['Arbeit & Ruhestand', 'Familie & Kind', 'Gesundheit', 'Bildung'],
    fachverfahren: [
      ['SozialPro', 'XSozial-BA 1.1, FIT-Connect'],
      ['JugendPro', 'XFall 1.0, FIT-Connect'],
      ['GesundheitsAmt Kompakt', 'FIT-Connect'],
    ],
  },
  {
    name: 'Fiktiv Verkehrssysteme GmbH',
    themes: ['Mobilität & Reisen'],
    fachverfahren: [
      ['ZulassungDemo', 'XKfz 1.5'],
      ['FahrerlaubnisPlus', 'FIT-Connect'],
    ],
  },
  {
    name: 'Exempla Bürgerdienste eG',
    themes: ['Querschnitt', 'Ein- & Auswanderung'],
    fachverfahren: [
      ['MeldePro', 'XMeld 3.1'],
      ['AuslandPro', 'XAusländer 1.17, FIT-Connect'],
    ],
  },
  {
    name: 'Probe Verwaltungs-IT GmbH',
    themes: ['Forschung & Förderung'],
    fachverfahren: [['Vorgangsmanager Allgemein', 'XDOMEA 3.0, FIT-Connect']],
  },
]

type OnlineServiceSeed = {
  name: string
  kind: OnlineServiceKindCode
  ozgIds: string[]
  provider?: string // EfA: the Land; products: the vendor
  leadAgs?: string // community and own: the county that built it
  availability?: AvailabilityCode
  maturity?: number
  standards?: string
  feeOneOff?: string
  feeAnnual?: string
  feeNote?: string
}

function withKind(kind: OnlineServiceKindCode, seeds: Omit<OnlineServiceSeed, 'kind'>[]): OnlineServiceSeed[] {
  return seeds.map((seed) => ({ ...seed, kind, availability: seed.availability ?? 'available' }))
}

const efaSeeds = withKind('efa', [
  { name: 'Wohngeld-Antrag (EfA Schleswig-Holstein)', provider: 'Schleswig-Holstein', ozgIds: ['10092'], maturity: 3, standards: 'FIT-Connect', feeAnnual: '1200', feeNote: 'Entgelt nach Einwohnerzahl laut Marktplatz' },
  { name: 'ELFE – Einfach Leistungen für Eltern (EfA Bremen)', provider: 'Bremen', ozgIds: ['10003', '10557'], maturity: 4, standards: 'XPersonenstand, FIT-Connect' },
  { name: 'Bauantrag online (EfA Mecklenburg-Vorpommern)', provider: 'Mecklenburg-Vorpommern', ozgIds: ['10519', '10521'], maturity: 3, standards: 'XBau 2.3, FIT-Connect', feeAnnual: '2400', feeNote: 'Entgelt je Bauaufsichtsbehörde' },
  { name: 'Unterhaltsvorschuss online (EfA Nordrhein-Westfalen)', provider: 'Nordrhein-Westfalen', ozgIds: ['10035'], maturity: 3, standards: 'FIT-Connect' },
  { name: 'Kfz-Zulassung digital (EfA Hamburg)', provider: 'Hamburg', ozgIds: ['10439', '10436', '10459'], maturity: 4, standards: 'XKfz 1.5' },
  { name: 'Führerscheinantrag digital (EfA Hamburg)', provider: 'Hamburg', ozgIds: ['10169'], maturity: 3, standards: 'FIT-Connect' },
  { name: 'Aufenthaltstitel online (EfA Berlin)', provider: 'Berlin', ozgIds: ['10255', '10596'], maturity: 3, standards: 'XAusländer 1.17, FIT-Connect' },
  { name: 'Einbürgerung digital (EfA Berlin)', provider: 'Berlin', ozgIds: ['10257', '10258'], maturity: 3, standards: 'XAusländer 1.17, FIT-Connect', feeAnnual: '800' },
  { name: 'Waffenrecht digital (EfA Sachsen-Anhalt)', provider: 'Sachsen-Anhalt', ozgIds: ['10151', '10152', '10154'], maturity: 3, standards: 'XWaffe 2.1' },
  { name: 'Schwerbehindertenausweis online (EfA Sachsen)', provider: 'Sachsen', ozgIds: ['10214', '10203'], maturity: 2, standards: 'FIT-Connect' },
  { name: 'Parkausweise digital (EfA Hamburg)', provider: 'Hamburg', ozgIds: ['10173', '10446'], maturity: 3, standards: 'FIT-Connect' },
  { name: 'Bildung und Teilhabe online (EfA Brandenburg)', provider: 'Brandenburg', ozgIds: ['10088'], maturity: 3, standards: 'XSozial-BA 1.1, FIT-Connect' },
  { name: 'Grundsicherung online (EfA Bayern)', provider: 'Bayern', ozgIds: ['10084', '10086'], availability: 'in_development', standards: 'XSozial-BA 1.1, FIT-Connect' },
  { name: 'Hilfe zur Pflege online (EfA Rheinland-Pfalz)', provider: 'Rheinland-Pfalz', ozgIds: ['10218', '10220'], availability: 'in_development', standards: 'FIT-Connect' },
  { name: 'Hundehaltung online (EfA Thüringen)', provider: 'Thüringen', ozgIds: ['10160'], availability: 'planned' },
  { name: 'Veranstaltungserlaubnis digital (EfA Saarland)', provider: 'Saarland', ozgIds: ['10349', '10345'], availability: 'planned', feeOneOff: '500', feeAnnual: '300' },
])

// Community solutions: built by one member (lead) for the whole community.
const communitySeeds = withKind('community', [
  { name: 'Sondernutzungserlaubnis online (Community)', leadAgs: '03351', ozgIds: ['10348'], maturity: 3, standards: 'FIT-Connect', feeAnnual: '250', feeNote: 'Umlage nach Einwohnerschlüssel' },
  { name: 'Versammlungsanzeige online (Community)', leadAgs: '03251', ozgIds: ['10142'], maturity: 3 },
  { name: 'Jagdschein online (Community)', leadAgs: '03353', ozgIds: ['10149'], maturity: 2 },
  { name: 'Baumfällgenehmigung online (Community)', leadAgs: '03459', ozgIds: ['10112'], maturity: 3, standards: 'FIT-Connect' },
  { name: 'Abfall-Serviceportal (Community)', leadAgs: '03158', ozgIds: ['10110'], maturity: 2, feeAnnual: '400', feeNote: 'Umlage nach Einwohnerschlüssel' },
  { name: 'Gesundheitszeugnis und Belehrung online (Community)', leadAgs: '03351', ozgIds: ['10071', '10181'], maturity: 3 },
  { name: 'Haustier-Meldungen online (Community)', leadAgs: '03353', ozgIds: ['10157', '10156'], maturity: 2 },
  { name: 'Verkehrsrechtliche Ausnahmen online (Community)', leadAgs: '03251', ozgIds: ['10418', '10421'], maturity: 3, standards: 'FIT-Connect' },
  { name: 'Namensänderung online (Community)', leadAgs: '03459', ozgIds: ['10029'], maturity: 3 },
  { name: 'Wasserrechtliche Anträge online (Community)', leadAgs: '03158', ozgIds: ['10456', '10491'], maturity: 2 },
  { name: 'Kita-Platz-Anmeldung (Community)', leadAgs: '03351', ozgIds: ['10019'], availability: 'in_development' },
])

const productSeeds = withKind('product', [
  // The platforms carry no maturity of their own: each form built on them has its own.
  { name: 'Formularplattform Kommunal Basis', provider: 'Probe Verwaltungs-IT GmbH', ozgIds: [], standards: 'FIT-Connect, XTA 2', feeOneOff: '15000', feeAnnual: '6000', feeNote: 'Lizenz je Kreis, unbegrenzte Formulare' },
  { name: 'Antragsportal Plus', provider: 'Beispiel Kommunalsoftware AG', ozgIds: [], standards: 'FIT-Connect', feeOneOff: '12000', feeAnnual: '7500' },
  { name: 'BauPilot Online-Antrag', provider: 'Demo-Soft Bauwesen GmbH', ozgIds: ['10519', '10521'], maturity: 3, standards: 'XBau 2.3', feeAnnual: '3000' },
  { name: 'GewerbeManager Bürgerportal', provider: 'Beispiel Kommunalsoftware AG', ozgIds: ['10564', '10287'], maturity: 3, standards: 'XGewerbeanzeige 2.0', feeAnnual: '1800' },
  { name: 'SozialPro Online-Antrag', provider: 'Muster IT Sozialwesen GmbH', ozgIds: ['10084', '10086', '10088'], maturity: 3, standards: 'XSozial-BA 1.1' },
  { name: 'MeldePro Auskunftsportal', provider: 'Exempla Bürgerdienste eG', ozgIds: ['10559'], maturity: 4, standards: 'XMeld 3.1', feeAnnual: '900' },
])
// The two form platforms: every county builds its remaining own online forms on one of them.
const formPlatformNames = [productSeeds[0].name, productSeeds[1].name]

const ownSeeds = withKind('own', [
  { name: 'Hundesteuer-Anmeldung Landkreis Harburg', leadAgs: '03353', ozgIds: ['10160'], maturity: 2 },
  { name: 'Trauungstermin-Buchung Landkreis Celle', leadAgs: '03351', ozgIds: ['10026'], maturity: 2 },
  { name: 'Impftermin-Anfrage Landkreis Osnabrück', leadAgs: '03459', ozgIds: ['10183'], maturity: 1 },
  { name: 'Wohnraumförderung Antrag Landkreis Diepholz', leadAgs: '03251', ozgIds: ['10550'], maturity: 2 },
])

const officeByTheme: Record<string, string> = {
  'Arbeit & Ruhestand': 'Fachdienst Soziales',
  'Bauen & Wohnen': 'Fachdienst Bauordnung',
  Bildung: 'Fachdienst Schule und Bildung',
  'Ein- & Auswanderung': 'Ausländerbehörde',
  'Engagement & Hobby': 'Fachdienst Ordnung',
  'Familie & Kind': 'Fachdienst Jugend und Familie',
  'Forschung & Förderung': 'Wirtschaftsförderung',
  Gesundheit: 'Gesundheitsamt',
  'Mobilität & Reisen': 'Straßenverkehrsamt',
  Querschnitt: 'Bürgerservice',
  'Recht & Ordnung': 'Fachdienst Ordnung',
  'Steuern & Zoll': 'Fachdienst Finanzen',
  Umwelt: 'Fachdienst Umwelt',
  'Unternehmensführung & -entwicklung': 'Fachdienst Wirtschaft und Gewerbe',
}

const basicComponentProviders: Record<string, string> = {
  epayment: 'ePayBL über den IT-Dienstleister',
  servicekonto: 'BundID',
  postfach: 'BundID-Postfach',
  xta_osci: 'XTA-Server des IT-Dienstleisters',
  fit_connect: 'FIT-Connect (FITKO)',
  eakte: 'E-Akte des IT-Dienstleisters',
}

const demoUsers: { email: string; name: string; role: RoleCode; ags?: string }[] = [
  { email: 'admin@demo.invalid', name: 'Demo Administration', role: 'admin' },
  { email: 'koordination@demo.invalid', name: 'Demo Koordination', role: 'coordinator' },
  { email: 'celle@demo.invalid', name: 'Demo E-Government Celle', role: 'editor', ags: '03351' },
  { email: 'harburg@demo.invalid', name: 'Demo E-Government Harburg', role: 'editor', ags: '03353' },
  { email: 'leitung@demo.invalid', name: 'Demo Verwaltungsleitung Celle', role: 'viewer', ags: '03351' },
]

// ---------------------------------------------------------------------------------------------

type ServiceInfo = { id: number; ozgId: string; theme: string; appliesTo: string[]; leikaCount: number }
type OnlineServiceInfo = OnlineServiceSeed & { id: number; leadCountyId: number | null }
type FachverfahrenInfo = { id: number; standards: string[] }
type CountyInfo = { id: number; ags: string; name: string; kind: CountyKindCode }
type StatusValues = typeof statuses.$inferInsert
type Change = { at: Date; changes: Record<string, { from: unknown; to: unknown }> }

export async function loadDemoCommunity(tx: Tx): Promise<void> {
  const random = createRandom(SEED)
  const memberCounties = await insertCounties(tx)
  const countyIdByAgs = new Map(memberCounties.map((c) => [c.ags, c.id]))

  const serviceRows = await tx
    .select({
      id: services.id,
      ozgId: services.ozgId,
      theme: themes.name,
      appliesTo: services.appliesTo,
      leikaCount: sql<number>`(select count(*) from leika_entries l where l.service_id = ${services.id})`.mapWith(Number),
    })
    .from(services)
    .innerJoin(themes, sql`${themes.id} = ${services.themeId}`)
    .orderBy(services.ozgId)
  const serviceByOzgId = new Map<string, ServiceInfo>(serviceRows.map((s) => [s.ozgId, s]))

  const fachverfahrenByTheme = await insertVendors(tx)
  const allOnlineServices = await insertOnlineServices(tx, countyIdByAgs, serviceByOzgId)
  await insertBasicComponents(tx, memberCounties, random)

  // Which online services implement which service, as the starting point for every county.
  const candidatesByService = new Map<number, OnlineServiceInfo[]>()
  for (const os of allOnlineServices) {
    for (const ozgId of os.ozgIds) {
      const serviceId = required(serviceByOzgId.get(ozgId), `OZG-ID ${ozgId}`).id
      candidatesByService.set(serviceId, [...(candidatesByService.get(serviceId) ?? []), os])
    }
  }
  const platforms = formPlatformNames.map((name) => required(allOnlineServices.find((o) => o.name === name), name))

  const rows: StatusValues[] = []
  const history: Change[][] = []
  const usedLinks = new Set<string>()
  memberCounties.forEach((county, index) => {
    const plan = planCounty({
      county,
      platform: platforms[index % platforms.length],
      services: serviceRows,
      candidatesByService,
      fachverfahrenByTheme,
      random,
    })
    for (const { row, changes } of plan) {
      rows.push(row)
      history.push(changes)
      if (row.onlineServiceId) usedLinks.add(`${row.onlineServiceId}:${row.serviceId}`)
    }
  })

  // Every online service a row points at implements that service (the platforms grow this way).
  const existingLinks = new Set(
    allOnlineServices.flatMap((os) => os.ozgIds.map((ozgId) => `${os.id}:${serviceByOzgId.get(ozgId)!.id}`)),
  )
  const newLinks = [...usedLinks]
    .filter((link) => !existingLinks.has(link))
    .map((link) => link.split(':').map(Number))
    .map(([onlineServiceId, serviceId]) => ({ onlineServiceId, serviceId }))
  await bulkInsert(tx, onlineServiceServices, newLinks)

  const inserted = await bulkInsert<typeof statuses, { id: number; county_id: number; service_id: number }>(tx, statuses, rows, ['id', 'county_id', 'service_id'])
  const statusIdByKey = new Map(inserted.map((r) => [`${r.county_id}:${r.service_id}`, r.id]))
  const changeRows = rows.flatMap((row, i) =>
    history[i].map((change) => ({
      statusId: statusIdByKey.get(`${row.countyId}:${row.serviceId}`)!,
      countyId: row.countyId,
      serviceId: row.serviceId,
      changedAt: change.at,
      changes: change.changes,
      source: 'seed' as const,
    })),
  )
  await bulkInsert(tx, statusChanges, changeRows)

  await insertUsers(tx, countyIdByAgs)
}

async function insertCounties(tx: Tx): Promise<CountyInfo[]> {
  const all = readReference('kreise_niedersachsen.csv')
  const named = all.filter((r) => r.openrathaus_seed_genannt === 'ja')
  const others = all.filter((r) => r.openrathaus_seed_genannt !== 'ja' && r.kreistyp === 'Landkreis').slice(0, 11)
  const values = [...named, ...others].map((r) => ({
    ags: r.ags,
    name: r.name,
    kind: countyKind(r.kreistyp),
    population: r.einwohner_2018_12_31 ? Number(r.einwohner_2018_12_31) : null,
    wikidata: r.wikidata || null,
    land: landOfAgs(r.ags) ?? null,
    isMember: true,
    isDemo: true,
    createdAt: HISTORY_START,
    updatedAt: HISTORY_START,
  }))
  const inserted = (await tx
    .insert(counties)
    .values(values)
    .returning({ id: counties.id, ags: counties.ags, name: counties.name, kind: counties.kind })) as CountyInfo[]
  await tx.insert(countyMemberships).values(inserted.map((c) => ({ countyId: c.id, joinedOn: HISTORY_START.toISOString().slice(0, 10) })))
  return inserted
}

function countyKind(kreistyp: string): CountyKindCode {
  // The source writes „Region (Region Hannover)“.
  if (kreistyp.startsWith('Region')) return 'region'
  return required(CountyKind.fromValue(kreistyp), `Kreistyp ${kreistyp}`)
}

async function insertVendors(tx: Tx): Promise<Map<string, FachverfahrenInfo[]>> {
  const byTheme = new Map<string, FachverfahrenInfo[]>()
  for (const seed of vendorSeeds) {
    const [vendor] = await tx
      .insert(vendors)
      .values({ name: seed.name, note: 'Fiktiver Hersteller (Demodaten)', isDemo: true })
      .returning({ id: vendors.id })
    const inserted = await tx
      .insert(fachverfahren)
      .values(seed.fachverfahren.map(([name, standards]) => ({ vendorId: vendor.id, name, interfaceStandards: standards, isDemo: true })))
      .returning({ id: fachverfahren.id, standards: fachverfahren.interfaceStandards })
    const infos = inserted.map((f) => ({ id: f.id, standards: (f.standards ?? '').split(', ').filter(Boolean) }))
    for (const theme of seed.themes) byTheme.set(theme, infos)
  }
  return byTheme
}

async function insertOnlineServices(
  tx: Tx,
  countyIdByAgs: Map<string, number>,
  serviceByOzgId: Map<string, ServiceInfo>,
): Promise<OnlineServiceInfo[]> {
  const seeds = [...efaSeeds, ...communitySeeds, ...productSeeds, ...ownSeeds]
  const countyNameByAgs = new Map(readReference('kreise_niedersachsen.csv').map((r) => [r.ags, r.name]))
  const inserted = await tx
    .insert(onlineServices)
    .values(
      seeds.map((s) => ({
        name: s.name,
        kind: s.kind,
        provider: s.leadAgs ? `Landkreis ${countyNameByAgs.get(s.leadAgs)}` : s.provider,
        leadCountyId: s.leadAgs ? required(countyIdByAgs.get(s.leadAgs), `AGS ${s.leadAgs}`) : null,
        operator: s.kind === 'efa' ? `IT-Dienstleister des Landes ${s.provider}` : 'Kommunaler IT-Dienstleister (Demo)',
        availability: s.availability,
        maturity: s.maturity ?? null,
        feeOneOff: s.feeOneOff ?? null,
        feeAnnual: s.feeAnnual ?? null,
        feeNote: s.feeNote ?? null,
        interfaceStandards: s.standards ?? null,
        description: 'Demodaten',
        isDemo: true,
        createdAt: HISTORY_START,
        updatedAt: HISTORY_START,
      })),
    )
    .returning({ id: onlineServices.id, leadCountyId: onlineServices.leadCountyId })
  const links = seeds.flatMap((s, i) =>
    s.ozgIds.map((ozgId) => ({
      onlineServiceId: inserted[i].id,
      serviceId: required(serviceByOzgId.get(ozgId), `OZG-ID ${ozgId}`).id,
    })),
  )
  await tx.insert(onlineServiceServices).values(links)
  return seeds.map((s, i) => ({ ...s, ...inserted[i] }))
}

async function insertBasicComponents(tx: Tx, memberCounties: CountyInfo[], random: Random) {
  const values = memberCounties.flatMap((county) =>
    BasicComponent.codes.map((component) => ({
      countyId: county.id,
      component,
      status: random.weighted<BasicComponentStatusCode>([
        ['live', 50],
        ['in_progress', 25],
        ['planned', 15],
        ['not_started', 10],
      ]),
      provider: basicComponentProviders[component],
      updatedAt: addDays(DEMO_REFERENCE_DATE, -random.int(5, 400)),
    })),
  )
  await tx.insert(countyBasicComponents).values(values)
}

async function insertUsers(tx: Tx, countyIdByAgs: Map<string, number>) {
  // One hash for all: argon2 is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  await tx.insert(users).values(
    demoUsers.map((u) => ({
      email: u.email,
      name: u.name,
      role: u.role,
      countyId: u.ags ? required(countyIdByAgs.get(u.ags), `AGS ${u.ags}`) : null,
      passwordHash,
      isDemo: true,
    })),
  )
}

// ---------------------------------------------------------------------------------------------
// One county's 557 rows and their history

type CountyPlanInput = {
  county: CountyInfo
  platform: OnlineServiceInfo
  services: ServiceInfo[]
  candidatesByService: Map<number, OnlineServiceInfo[]>
  fachverfahrenByTheme: Map<string, FachverfahrenInfo[]>
  random: Random
}

function planCounty(input: CountyPlanInput): { row: StatusValues; changes: Change[] }[] {
  const { county, services: all, candidatesByService, random } = input
  const applicable = all.filter((s) => s.appliesTo.includes(county.kind))

  // Services with a ready shared solution, and those this county built itself, go online first.
  const scored = applicable.map((service) => {
    const candidates = candidatesByService.get(service.id) ?? []
    const isOwnBuild = candidates.some((os) => os.leadCountyId === county.id && os.availability === 'available')
    const hasShared = candidates.some((os) => os.availability === 'available')
    return { service, score: random.next() + (hasShared ? 0.5 : 0) + (isOwnBuild ? 10 : 0) }
  })
  scored.sort((a, b) => b.score - a.score)

  const onlineCount = random.int(100, 200)
  const partialCount = random.int(8, 20)
  const inProgressCount = random.int(25, 50)
  const plannedCount = random.int(10, 25)
  const stageByService = new Map<number, StageCode | 'pending'>()
  scored.forEach(({ service }, i) => {
    let stage: StageCode | 'pending' = 'pending'
    if (i < onlineCount) stage = 'online'
    else if (i < onlineCount + partialCount) stage = 'partially_online'
    else if (i < onlineCount + partialCount + inProgressCount) stage = 'in_progress'
    else if (i < onlineCount + partialCount + inProgressCount + plannedCount) stage = 'planned'
    stageByService.set(service.id, stage)
  })

  return all.map((service) => {
    const stage = stageByService.get(service.id)
    if (!stage) return notApplicableRow(county, service)
    return stage === 'pending' ? pendingRow(input, service) : implementedRow(input, service, stage)
  })
}

function baseRow(county: CountyInfo, service: ServiceInfo): StatusValues {
  return { countyId: county.id, serviceId: service.id, maturityModel: '1.1', version: 1 }
}

function notApplicableRow(county: CountyInfo, service: ServiceInfo) {
  const row: StatusValues = {
    ...baseRow(county, service),
    approach: 'not_applicable',
    stage: 'planned',
    updatedAt: HISTORY_START,
    confirmedAt: HISTORY_START,
  }
  return { row, changes: [] }
}

function pendingRow({ county, candidatesByService, fachverfahrenByTheme, random }: CountyPlanInput, service: ServiceInfo) {
  const awaitedEfa = (candidatesByService.get(service.id) ?? []).some((os) => os.kind === 'efa')
  const plan: PendingPlanCode = awaitedEfa
    ? random.weighted([['awaiting_efa', 70], ['undecided', 30]])
    : random.weighted([['undecided', 55], ['planned_own', 30], ['awaiting_efa', 15]])
  const decidedAt = atWorkingHour(dateBetween(random, new Date('2019-02-01'), addDays(DEMO_REFERENCE_DATE, -10)), random)
  const fv = random.chance(0.4) ? random.pick(fachverfahrenByTheme.get(service.theme) ?? [null]) : null
  const row: StatusValues = {
    ...baseRow(county, service),
    approach: 'pending',
    pendingPlan: plan,
    stage: 'planned',
    targetDate: plan === 'undecided' ? null : isoDate(addDays(DEMO_REFERENCE_DATE, random.int(60, 720))),
    fachverfahrenId: fv?.id ?? null,
    interfaceStandard: fv ? random.pick(fv.standards) : null,
    interfaceStatus: fv ? random.weighted<InterfaceStatusCode>([['none', 70], ['negotiating', 30]]) : null,
    funding: plan === 'undecided' ? null : random.weighted<FundingCode | null>([[null, 60], ['unclear', 40]]),
    applicationsPerYear: applications(random),
    contact: officeByTheme[service.theme] ?? null,
    updatedAt: decidedAt,
    confirmedAt: confirmedAfter(decidedAt, random),
  }
  return { row, changes: [{ at: decidedAt, changes: { pendingPlan: { from: null, to: plan } } }] }
}

function implementedRow(input: CountyPlanInput, service: ServiceInfo, stage: StageCode) {
  const { county, random } = input
  const { approach, onlineService } = chooseImplementation(input, service, stage)
  const isLive = stage === 'online' || stage === 'partially_online'

  const connection: ConnectionCode | null = !onlineService
    ? null
    : isLive
      ? 'live'
      : stage === 'in_progress'
        ? random.weighted([['agreement', 40], ['connecting', 60]])
        : random.weighted([['interest', 60], ['agreement', 40]])

  // Dates, newest last: decided → started → (partly) online. Later dates are likelier, so the
  // trend of online services rises.
  const onlineAt = isLive ? atWorkingHour(dateBetween(random, new Date('2019-04-01'), LAST_DAY, 0.6), random) : null
  const startedAt =
    stage === 'planned'
      ? null
      : atWorkingHour(later(HISTORY_START, addDays(onlineAt ?? addDays(DEMO_REFERENCE_DATE, -random.int(10, 600)), -random.int(30, 300))), random)
  const decidedAt = atWorkingHour(
    later(HISTORY_START, addDays(startedAt ?? addDays(DEMO_REFERENCE_DATE, -random.int(10, 500)), -random.int(0, 120))),
    random,
  )

  const interfaceStatus = chooseInterfaceStatus(random, stage)
  const fvList = input.fachverfahrenByTheme.get(service.theme) ?? []
  const fv = interfaceStatus === 'not_needed' || fvList.length === 0 ? null : random.pick(fvList)
  const endToEnd = isLive ? (interfaceStatus === 'live' ? random.chance(0.9) : interfaceStatus === 'testing' && random.chance(0.2)) : null
  const internalProcessing: InternalProcessingCode | null =
    stage === 'planned' ? null : endToEnd ? 'interface' : random.weighted([['manual', 80], ['rpa', 20]])
  const funding = chooseFunding(random, approach, onlineService)
  const maturity = stage === 'online' ? chooseMaturity(random, onlineService) : stage === 'partially_online' ? random.int(1, 2) : null

  const changes: Change[] = [
    {
      at: decidedAt,
      changes: {
        approach: { from: 'pending', to: approach },
        ...(onlineService ? { onlineServiceId: { from: null, to: onlineService.id } } : {}),
      },
    },
  ]
  if (startedAt) changes.push({ at: startedAt, changes: { stage: { from: 'planned', to: 'in_progress' } } })
  if (onlineAt) {
    changes.push({
      at: onlineAt,
      changes: {
        stage: { from: 'in_progress', to: stage },
        ...(maturity !== null ? { maturity: { from: null, to: maturity } } : {}),
      },
    })
  }
  // Some interfaces went live after the service itself.
  if (onlineAt && interfaceStatus === 'live' && random.chance(0.3)) {
    const at = atWorkingHour(dateBetween(random, onlineAt, LAST_DAY), random)
    changes.push({ at, changes: { interfaceStatus: { from: 'testing', to: 'live' } } })
  }
  keepInOrder(changes)
  const updatedAt = changes[changes.length - 1].at

  const partialNote =
    stage === 'partially_online' && service.leikaCount > 1
      ? `${random.int(1, service.leikaCount - 1)} von ${service.leikaCount} LeiKa-Leistungen online`
      : null
  const row: StatusValues = {
    ...baseRow(county, service),
    approach,
    stage,
    onlineServiceId: onlineService?.id ?? null,
    connection,
    maturity,
    onlineSince: onlineAt ? isoDate(onlineAt) : null,
    targetDate: isLive ? null : isoDate(addDays(DEMO_REFERENCE_DATE, random.int(-60, 540))),
    fachverfahrenId: fv?.id ?? null,
    interfaceStandard: fv ? random.pick(fv.standards) : null,
    interfaceStatus,
    endToEnd,
    internalProcessing,
    funding,
    costOneOff: funding && funding !== 'unclear' && random.chance(0.6) ? random.amount(0, approach === 'efa' ? 3000 : 20000) : null,
    costAnnual: funding && funding !== 'unclear' && random.chance(0.7) ? random.amount(100, approach === 'efa' ? 5000 : 3000) : null,
    fundingNote: fundingNote(random, funding),
    applicationsPerYear: applications(random),
    contact: officeByTheme[service.theme] ?? null,
    note: partialNote ?? (onlineService?.kind === 'community' && onlineService.leadCountyId !== county.id ? `Nachnutzung der Community-Lösung (${onlineService.provider ?? 'Federführung'})` : null),
    updatedAt,
    confirmedAt: confirmedAfter(updatedAt, random),
  }
  return { row, changes }
}

function chooseImplementation(
  { county, platform, candidatesByService, random }: CountyPlanInput,
  service: ServiceInfo,
  stage: StageCode,
): { approach: ApproachCode; onlineService: OnlineServiceInfo | null } {
  const candidates = candidatesByService.get(service.id) ?? []
  // A live row needs a live service; work in progress may wait for one still being built.
  const usable = candidates.filter((os) =>
    stage === 'online' || stage === 'partially_online' ? os.availability === 'available' : os.availability !== 'retired',
  )
  const ownBuild = usable.find((os) => os.leadCountyId === county.id)
  if (ownBuild) return { approach: 'own', onlineService: ownBuild }
  const efa = usable.filter((os) => os.kind === 'efa')
  if (efa.length > 0 && random.chance(0.7)) return { approach: 'efa', onlineService: random.pick(efa) }
  const shared = usable.filter((os) => os.kind === 'community' || os.kind === 'product')
  if (shared.length > 0 && random.chance(0.75)) return { approach: 'own', onlineService: random.pick(shared) }
  // The rest is built on the county's form platform, or not (yet) recorded as an online service.
  return { approach: 'own', onlineService: random.chance(0.85) ? platform : null }
}

function chooseInterfaceStatus(random: Random, stage: StageCode): InterfaceStatusCode {
  switch (stage) {
    case 'online':
      return random.weighted([['live', 45], ['testing', 10], ['in_development', 8], ['negotiating', 10], ['none', 17], ['not_needed', 10]])
    case 'partially_online':
      return random.weighted([['live', 25], ['testing', 15], ['in_development', 15], ['negotiating', 20], ['none', 25]])
    case 'in_progress':
      return random.weighted([['testing', 15], ['in_development', 30], ['negotiating', 30], ['none', 20], ['not_needed', 5]])
    case 'planned':
      return random.weighted([['negotiating', 30], ['none', 70]])
  }
}

function chooseFunding(random: Random, approach: ApproachCode, onlineService: OnlineServiceInfo | null): FundingCode {
  if (random.chance(0.08)) return 'unclear'
  if (approach === 'efa') return random.weighted([['efa_fee', 75], ['state_programme', 25]])
  if (onlineService?.kind === 'community') return random.weighted([['community_shared', 85], ['own_budget', 15]])
  return random.weighted([['own_budget', 60], ['state_programme', 25], ['federal_programme', 15]])
}

const fundingNotes: Partial<Record<FundingCode, string[]>> = {
  unclear: ['Finanzierung mit der Kämmerei noch abzustimmen', 'Haushaltsmittel für 2027 beantragt'],
  state_programme: ['Förderung aus dem Digitalisierungsprogramm des Landes'],
  federal_programme: ['Mittel aus dem Konjunkturpaket (OZG-Booster)'],
  community_shared: ['Umlage nach Einwohnerschlüssel'],
  efa_fee: ['Entgelt laut Marktplatz-Konditionen'],
}

function fundingNote(random: Random, funding: FundingCode | null) {
  const notes = funding ? fundingNotes[funding] : undefined
  return notes && random.chance(funding === 'unclear' ? 0.8 : 0.3) ? random.pick(notes) : null
}

function chooseMaturity(random: Random, onlineService: OnlineServiceInfo | null): number {
  // A county usually reaches the maturity of the online service it uses.
  if (onlineService?.maturity != null && random.chance(0.7)) return onlineService.maturity
  return random.weighted([[0, 2], [1, 10], [2, 38], [3, 40], [4, 10]])
}

// Spread over orders of magnitude: a few services carry most of the applications.
function applications(random: Random): number | null {
  return random.chance(0.2) ? null : Math.round(Math.exp(random.next() * Math.log(5000))) + 5
}

// Random hours can put two changes of one day in the wrong order: keep a minute between them.
function keepInOrder(changes: Change[]) {
  for (let i = 1; i < changes.length; i++) {
    const earliest = new Date(changes[i - 1].at.getTime() + 60_000)
    if (changes[i].at < earliest) changes[i].at = earliest
  }
}

// skew < 1 favours later dates.
function dateBetween(random: Random, from: Date, to: Date, skew = 1): Date {
  const share = Math.pow(random.next(), skew)
  return new Date(from.getTime() + share * (to.getTime() - from.getTime()))
}

// About a fifth of the rows were last confirmed more than 180 days ago (stale).
function confirmedAfter(updatedAt: Date, random: Random): Date {
  const confirmed = addDays(DEMO_REFERENCE_DATE, random.chance(0.8) ? -random.int(1, 170) : -random.int(181, 500))
  return later(confirmed, updatedAt)
}
