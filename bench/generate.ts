// Synthetic scale data for the benchmark: N member counties × the real catalogue, with online
// services of every kind, vendors, one status row per county × service and seven years of history.
//
// Deterministic and fast: everything after the catalogue is set-based SQL (insert … select from
// generate_series / cross join); the "randomness" is hashtext() of the row's ids, so the same N
// always gives the same rows. Only the session and API tokens are random (they are secrets).
//
//   npm run bench:data -- --counties 16|45|400|10800 [--database-url URL] [--admin-url URL]
//
// Without --database-url the database ozg_bench_<N> is (re)created on the server of --admin-url
// (default postgres://postgres@127.0.0.1:5432/test). The cookies and the API token for the runner
// go to bench/data/<database>.json.
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { openDatabase, queryRows, type Db, type Tx } from '../app/utils/db.server'
import { hashPassword } from '../app/utils/password.server'
import { seedDatabase } from '../seeds/seed.server'

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test'
export const EDITOR_COUNT = 20
/** Read-only users for the mixed workload (bench/mixed.ts), viewer i on county (i mod N) + 1. */
export const VIEWER_COUNT = 5
// Every event lies before this instant (same reference date as the demo data).
const REF = `timestamptz '2026-11-01 00:00:00+00'`
const START = `timestamptz '2019-01-01 00:00:00+00'`

export type BenchCredentials = {
  databaseUrl: string
  counties: number
  coordinatorCookie: string
  /** One per editor, editor i bound to the county with rank (i mod N) + 1. */
  editors: { email: string; countyAgs: string; cookie: string }[]
  /** Read-only users, each with a home county. */
  viewers: { email: string; countyAgs: string; cookie: string }[]
  apiToken: string
}

export type GenerateResult = BenchCredentials & {
  seconds: { catalogue: number; data: number; vacuum: number; total: number }
  rows: { statuses: number; statusChanges: number; onlineServices: number }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string) {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/** Drops and creates `name` on the server of `adminUrl`; returns its URL. */
export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Ungültiger Datenbankname ${name}`)
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`)
    await admin.unsafe(`create database ${name}`)
  } finally {
    await admin.end()
  }
  return withDatabase(adminUrl, name)
}

export async function dropDatabase(adminUrl: string, name: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`)
  } finally {
    await admin.end()
  }
}

// u(h, slot): a uniform number in [0, 1) from 10 bits of a 32-bit hash (three slots per hash).
const u = (h: string, slot: 0 | 1 | 2) => `(((${h} >> ${slot * 10}) & 1023)::float8 / 1024)`

/**
 * Columns every statement derives from (county_id, service_id) alone, so the statuses insert and
 * the history insert agree without storing intermediate dates. `k` is the SQL text of the key.
 */
function hashes(k: string) {
  return `hashtext(${k} || 'a') as h1, hashtext(${k} || 'b') as h2, hashtext(${k} || 'c') as h3, hashtext(${k} || 'd') as h4, hashtext(${k} || 'e') as h5`
}

/** Timeline of a row: decided → started → (partly) online; later dates likelier (skew 0.6). */
function timeline(live: string, stage: string) {
  const onlineAt = `case when ${live} then (date '2019-04-01' + floor(power(${u('h2', 2)}, 0.6) * 2770)::int)::timestamp at time zone 'UTC' + make_interval(hours => 7 + floor(${u('h3', 0)} * 10)::int, mins => floor(${u('h3', 1)} * 60)::int) end`
  const startedAt = `case when ${stage} in ('in_progress', 'partially_online', 'online') then greatest(${START}, coalesce(online_at, ${REF} - make_interval(days => 10 + floor(${u('h3', 0)} * 590)::int)) - make_interval(days => 30 + floor(${u('h3', 2)} * 270)::int)) end`
  const decidedAt = `greatest(${START}, coalesce(started_at, ${REF} - make_interval(days => 10 + floor(${u('h3', 1)} * 490)::int)) - make_interval(days => floor(${u('h2', 1)} * 120)::int, hours => 1))`
  return { onlineAt, startedAt, decidedAt }
}

const LAENDER = [
  'Schleswig-Holstein', 'Hamburg', 'Niedersachsen', 'Bremen', 'Nordrhein-Westfalen', 'Hessen', 'Rheinland-Pfalz', 'Baden-Württemberg',
  'Bayern', 'Saarland', 'Berlin', 'Brandenburg', 'Mecklenburg-Vorpommern', 'Sachsen', 'Sachsen-Anhalt', 'Thüringen',
]
const laender = `array[${LAENDER.map((l) => `'${l}'`).join(', ')}]`

// Applicability: the catalogue's applies_to; Gemeinden (10,800 scale) carry the Kreis workload,
// since the catalogue does not yet say which tasks a Gemeinde executes.
const applicable = `(c.kind = any(s.applies_to) or (c.kind = 'gemeinde' and 'landkreis' = any(s.applies_to)))`

async function exec(tx: Tx, text: string) {
  const t0 = performance.now()
  if (process.env.BENCH_EXPLAIN && text.trim().startsWith(process.env.BENCH_EXPLAIN)) {
    const plan = await queryRows<Record<string, string>>(tx, sql.raw(`explain (analyze, costs off) ${text}`))
    console.log(plan.map((r) => Object.values(r)[0]).join('\n'))
    throw new Error('explained')
  }
  await tx.execute(sql.raw(text))
  if (process.env.BENCH_DEBUG) console.log(`    ${(performance.now() - t0).toFixed(0)} ms  ${text.trim().split('\n')[0].slice(0, 90)}`)
}

async function insertCatalogueSide(tx: Tx, n: number) {
  // Counties: 5-digit Kreis AGS (Land + 3 digits) up to 400, 8-digit Gemeinde AGS beyond.
  const ags = n <= 400 ? `lpad(((i - 1) % 16 + 1)::text, 2, '0') || lpad(((i - 1) / 16 + 1)::text, 3, '0')` : `lpad(((i - 1) % 16 + 1)::text, 2, '0') || lpad(((i - 1) / 16 + 1)::text, 6, '0')`
  await exec(
    tx,
    `insert into counties (ags, name, kind, population, is_member, is_demo, created_at, updated_at)
     select ${ags}, 'Synthetischer Kreis ' || i, '${n <= 400 ? 'landkreis' : 'gemeinde'}',
            ${n <= 400 ? 50000 : 2000} + (abs(hashtext('pop' || i)) % ${n <= 400 ? 350000 : 40000}), true, true, ${START}, ${START}
     from generate_series(1, ${n}) as i`,
  )
  await exec(tx, `create temp table bench_county on commit drop as select id, row_number() over (order by id) as rank, kind, name from counties`)

  // Vendors and Fachverfahren: two per Themenfeld, spread over seven vendors.
  await exec(
    tx,
    `insert into vendors (name, website, note, is_demo)
     select 'Synthetischer Hersteller ' || v, 'https://hersteller-' || v || '.example.invalid', 'Synthetische Benchmark-Daten', true
     from generate_series(1, 7) as v`,
  )
  await exec(
    tx,
    `insert into fachverfahren (vendor_id, name, interface_standards, note, is_demo)
     select (select id from vendors where name = 'Synthetischer Hersteller ' || (1 + (t.id * 2 + slot) % 7)),
            'Synthetisches Fachverfahren ' || t.id || '-' || slot,
            case slot when 0 then 'FIT-Connect' else 'XÖV-Fachstandard ' || t.id || '.0, FIT-Connect' end,
            'Synthetische Benchmark-Daten', true
     from themes t cross join generate_series(0, 1) as slot`,
  )
  await exec(
    tx,
    `create temp table bench_fv on commit drop as
     select f.id, split_part(split_part(f.name, ' ', 3), '-', 1)::int as theme_id, split_part(f.name, '-', 2)::int as slot,
            split_part(f.interface_standards, ',', 1) as standard
     from fachverfahren f`,
  )

  // Online services. EfA: ~22 % of the municipal services, one per service, from a Land.
  await exec(
    tx,
    `insert into online_services (name, kind, provider, operator, availability, maturity, fee_annual, interface_standards, description, is_demo, created_at, updated_at)
     select 'Synthetischer EfA-Dienst ' || s.ozg_id, 'efa', p.land, 'IT-Dienstleister des Landes ' || p.land,
            case when p.r < 0.80 then 'available' when p.r < 0.93 then 'in_development' else 'planned' end,
            case when p.r < 0.80 then 2 + abs(hashtext(s.ozg_id || 'efam')) % 3 end,
            case when p.r < 0.4 then (300 + abs(hashtext(s.ozg_id || 'fee')) % 40 * 50)::numeric end,
            'FIT-Connect', 'Synthetische Benchmark-Daten', true, ${START}, ${START}
     from services s
     cross join lateral (select (${laender})[1 + abs(hashtext(s.ozg_id || 'land')) % 16] as land, ${u(`hashtext(s.ozg_id || 'efa-av')`, 0)} as r) p
     where cardinality(s.applies_to) > 0 and ${u(`hashtext(s.ozg_id || 'efa')`, 0)} < 0.22`,
  )
  // Community solutions: ~12 % of the municipal services, each led by one member county.
  await exec(
    tx,
    `insert into online_services (name, kind, provider, lead_county_id, operator, availability, maturity, fee_annual, fee_note, description, is_demo, created_at, updated_at)
     select 'Synthetische Community-Lösung ' || s.ozg_id, 'community', c.name, c.id, 'Kommunaler IT-Dienstleister (synthetisch)',
            case when ${u(`hashtext(s.ozg_id || 'com-av')`, 0)} < 0.85 then 'available' else 'in_development' end,
            2 + abs(hashtext(s.ozg_id || 'comm')) % 2, 250, 'Umlage nach Einwohnerschlüssel', 'Synthetische Benchmark-Daten', true, ${START}, ${START}
     from services s
     join bench_county c on c.rank = 1 + abs(hashtext(s.ozg_id || 'lead')) % ${n}
     where cardinality(s.applies_to) > 0 and ${u(`hashtext(s.ozg_id || 'com')`, 0)} < 0.12`,
  )
  // Products: two form platforms (every county builds its remaining forms on one) and one
  // specialist portal per Themenfeld.
  await exec(
    tx,
    `insert into online_services (name, kind, provider, operator, availability, maturity, fee_one_off, fee_annual, interface_standards, description, is_demo, created_at, updated_at)
     select 'Synthetische Formularplattform ' || x, 'product', 'Synthetischer Hersteller ' || (case x when 'A' then 6 else 7 end), 'Kommunaler IT-Dienstleister (synthetisch)',
            'available', 2, 15000, 6000, 'FIT-Connect, XTA 2', 'Synthetische Benchmark-Daten', true, ${START}, ${START}
     from unnest(array['A', 'B']) as x
     union all
     select 'Synthetisches Fachportal Themenfeld ' || t.id, 'product', 'Synthetischer Hersteller ' || (1 + t.id % 7), 'Hersteller (synthetisch)',
            'available', 3, 8000, 2500, 'FIT-Connect', 'Synthetische Benchmark-Daten', true, ${START}, ${START}
     from themes t`,
  )
  // Own forms: a quarter of the counties built one for a municipal service of their own.
  await exec(
    tx,
    `insert into online_services (name, kind, provider, lead_county_id, operator, availability, maturity, description, is_demo, created_at, updated_at)
     select 'Eigenes Formular ' || s.ozg_id || ' – ' || c.name, 'own', c.name, c.id, 'Eigener Betrieb', 'available', 2, 'Synthetische Benchmark-Daten', true, ${START}, ${START}
     from bench_county c
     join (select id, ozg_id, row_number() over (order by ozg_id) as rn, count(*) over () as cnt from services where cardinality(applies_to) > 0) s
       on s.rn = 1 + abs(hashtext('own' || c.rank)) % s.cnt
     where ${u(`hashtext('own?' || c.rank)`, 0)} < 0.25`,
  )
  await exec(
    tx,
    `insert into online_service_services (online_service_id, service_id)
     select o.id, s.id from online_services o join services s on o.name in ('Synthetischer EfA-Dienst ' || s.ozg_id, 'Synthetische Community-Lösung ' || s.ozg_id)
     union all
     select o.id, s.id from online_services o join services s on o.kind = 'own' and o.name like 'Eigenes Formular ' || s.ozg_id || ' – %'
     union all
     select o.id, s.id from online_services o join services s on o.name = 'Synthetisches Fachportal Themenfeld ' || s.theme_id
     where cardinality(s.applies_to) > 0 and ${u(`hashtext(s.ozg_id || 'prod')`, 0)} < 0.3`,
  )
  // Per service the shared candidates (at most one of each kind by construction).
  await exec(
    tx,
    `create temp table bench_svc on commit drop as
     select s.id as service_id,
            max(o.id) filter (where o.kind = 'efa') as efa_id, max(o.availability) filter (where o.kind = 'efa') as efa_av,
            max(o.id) filter (where o.kind = 'community') as com_id, max(o.availability) filter (where o.kind = 'community') as com_av,
            max(o.lead_county_id) filter (where o.kind = 'community') as com_lead,
            max(o.id) filter (where o.kind = 'product') as prod_id
     from services s join online_service_services l on l.service_id = s.id join online_services o on o.id = l.online_service_id
     group by s.id`,
  )
  await exec(tx, `create temp table bench_own on commit drop as select lead_county_id as county_id, l.service_id, o.id from online_services o join online_service_services l on l.online_service_id = o.id where o.kind = 'own'`)

  await exec(
    tx,
    `insert into county_basic_components (county_id, component, status, provider, updated_at)
     select c.id, comp, case when r < 0.5 then 'live' when r < 0.75 then 'in_progress' when r < 0.9 then 'planned' else 'not_started' end,
            'Synthetischer Anbieter', ${REF} - make_interval(days => 5 + (abs(hashtext(c.id || comp)) % 400))
     from bench_county c cross join unnest(array['epayment', 'servicekonto', 'postfach', 'xta_osci', 'fit_connect', 'eakte']) as comp
     cross join lateral (select ${u(`hashtext(c.id || comp || 'st')`, 0)} as r) x`,
  )
}

async function insertStatuses(tx: Tx) {
  const t = timeline('live', 'stage')
  const [pfA] = await queryRows<{ id: number }>(tx, sql`select id from online_services where name = 'Synthetische Formularplattform A'`)
  const [pfB] = await queryRows<{ id: number }>(tx, sql`select id from online_services where name = 'Synthetische Formularplattform B'`)
  await exec(
    tx,
    `insert into statuses (county_id, service_id, approach, pending_plan, online_service_id, connection, stage, maturity, maturity_model,
       online_since, target_date, fachverfahren_id, interface_standard, interface_status, end_to_end, internal_processing, funding,
       cost_one_off, cost_annual, funding_note, applications_per_year, contact, note, updated_at, confirmed_at, version)
     with base as (
       select c.id as county_id, s.id as service_id, s.theme_id, t.name as theme, ${applicable} as applicable,
              0.20 + 0.30 * ${u(`hashtext('progress' || c.id)`, 0)} as p, c.id % 2 = 0 as on_a,
              b.efa_id, b.efa_av, b.com_id, b.com_av, b.com_lead, b.prod_id, o.id as own_id,
              ${hashes(`c.id::text || ':' || s.id::text`)}
       from counties c cross join services s
       join themes t on t.id = s.theme_id
       left join bench_svc b on b.service_id = s.id
       left join bench_own o on o.county_id = c.id and o.service_id = s.id
       offset 0
     ),
     staged as (
       select *, case
           when not applicable then 'na'
           when ${u('h1', 0)} < p * 0.85 then 'online'
           when ${u('h1', 0)} < p * 0.85 + 0.04 then 'partially_online'
           when ${u('h1', 0)} < p * 0.85 + 0.12 then 'in_progress'
           when ${u('h1', 0)} < p * 0.85 + 0.17 then 'planned'
           else 'pending' end as st
       from base offset 0
     ),
     chosen as (
       select *, st in ('online', 'partially_online') as live,
         case when st in ('na', 'pending') then null
           when own_id is not null then 'ownbuild'
           when efa_id is not null and (efa_av = 'available' or (st not in ('online', 'partially_online') and efa_av <> 'retired')) and ${u('h1', 1)} < 0.7 then 'efa'
           when com_id is not null and (com_av = 'available' or st not in ('online', 'partially_online')) and ${u('h1', 1)} < 0.9 then 'community'
           when prod_id is not null and ${u('h1', 2)} < 0.4 then 'product'
           when ${u('h1', 2)} < 0.9 then 'platform'
           else 'none' end as impl
       from staged offset 0
     ),
     valued as (
       select *,
         case when st = 'na' then 'not_applicable' when st = 'pending' then 'pending' when impl = 'efa' then 'efa' else 'own' end as approach,
         case when st in ('na', 'pending') then 'planned' else st end as stage,
         case impl when 'ownbuild' then own_id when 'efa' then efa_id when 'community' then com_id when 'product' then prod_id
                   when 'platform' then case when on_a then ${pfA.id} else ${pfB.id} end end as os_id,
         case when st <> 'pending' then null
              when efa_id is not null then case when ${u('h2', 0)} < 0.7 then 'awaiting_efa' else 'undecided' end
              when ${u('h2', 0)} < 0.55 then 'undecided' when ${u('h2', 0)} < 0.85 then 'planned_own' else 'awaiting_efa' end as plan,
         case when st = 'na' then null
              when st = 'online' then case when ${u('h4', 0)} < 0.45 then 'live' when ${u('h4', 0)} < 0.55 then 'testing' when ${u('h4', 0)} < 0.63 then 'in_development'
                                           when ${u('h4', 0)} < 0.73 then 'negotiating' when ${u('h4', 0)} < 0.90 then 'none' else 'not_needed' end
              when st = 'partially_online' then case when ${u('h4', 0)} < 0.25 then 'live' when ${u('h4', 0)} < 0.40 then 'testing' when ${u('h4', 0)} < 0.55 then 'in_development'
                                           when ${u('h4', 0)} < 0.75 then 'negotiating' else 'none' end
              when st = 'in_progress' then case when ${u('h4', 0)} < 0.15 then 'testing' when ${u('h4', 0)} < 0.45 then 'in_development' when ${u('h4', 0)} < 0.75 then 'negotiating'
                                           when ${u('h4', 0)} < 0.95 then 'none' else 'not_needed' end
              when st = 'planned' then case when ${u('h4', 0)} < 0.3 then 'negotiating' else 'none' end
              when ${u('h4', 1)} < 0.4 then case when ${u('h4', 0)} < 0.7 then 'none' else 'negotiating' end
              end as iface
       from chosen offset 0
     ),
     dated as (
       select *, ${t.onlineAt} as online_at from valued offset 0
     ),
     dated2 as (select *, ${t.startedAt} as started_at from dated offset 0),
     dated3 as (select *, ${t.decidedAt} as decided_at from dated2 offset 0),
     full_row as (
       select d.*, f.id as fv_id, f.standard as fv_standard,
         case when d.live then d.iface = 'live' and ${u('h5', 0)} < 0.9 or d.iface = 'testing' and ${u('h5', 0)} < 0.2 end as e2e,
         case when d.st in ('na', 'pending') then null when d.impl is null then null when ${u('h5', 1)} < 0.08 then 'unclear'
              when d.impl = 'efa' then case when ${u('h5', 2)} < 0.75 then 'efa_fee' else 'state_programme' end
              when d.impl = 'community' then case when ${u('h5', 2)} < 0.85 then 'community_shared' else 'own_budget' end
              when ${u('h5', 2)} < 0.6 then 'own_budget' when ${u('h5', 2)} < 0.85 then 'state_programme' else 'federal_programme' end as fund0,
         coalesce(d.online_at, d.started_at, d.decided_at) as last_at
       from dated3 d
       left join bench_fv f on f.theme_id = d.theme_id and f.slot = (d.h5 & 1)
         and d.iface is not null and d.iface <> 'not_needed' and (d.st <> 'pending' or ${u('h4', 1)} < 0.4)
       offset 0
     )
     select county_id, service_id, approach, plan, os_id,
       case when os_id is null then null when live then 'live'
            when st = 'in_progress' then case when ${u('h2', 1)} < 0.4 then 'agreement' else 'connecting' end
            else case when ${u('h2', 1)} < 0.6 then 'interest' else 'agreement' end end,
       stage,
       case when st = 'online' then case when ${u('h4', 2)} < 0.02 then 0 when ${u('h4', 2)} < 0.12 then 1 when ${u('h4', 2)} < 0.5 then 2 when ${u('h4', 2)} < 0.9 then 3 else 4 end
            when st = 'partially_online' then 1 + (${u('h4', 2)} < 0.5)::int end,
       '1.1',
       (online_at at time zone 'UTC')::date,
       case when st = 'na' or live or plan = 'undecided' then null else (${REF} at time zone 'UTC')::date + (-60 + floor(${u('h3', 2)} * 600)::int) end,
       fv_id, fv_standard, iface, e2e,
       case when st in ('na', 'pending', 'planned') then null when e2e then 'interface' when ${u('h5', 1)} < 0.8 then 'manual' else 'rpa' end,
       case when st = 'pending' then case when plan = 'undecided' or ${u('h5', 2)} < 0.6 then null else 'unclear' end else fund0 end,
       case when fund0 is not null and fund0 <> 'unclear' and ${u('h3', 1)} < 0.6 then (round(${u('h5', 1)} * case when approach = 'efa' then 60 else 400 end) * 50)::numeric end,
       case when fund0 is not null and fund0 <> 'unclear' and ${u('h3', 2)} < 0.7 then (100 + round(${u('h5', 2)} * 58) * 50)::numeric end,
       case when fund0 = 'unclear' then 'Finanzierung mit der Kämmerei noch abzustimmen' when fund0 = 'community_shared' then 'Umlage nach Einwohnerschlüssel' end,
       case when st = 'na' or ${u('h1', 2)} < 0.2 then null else (round(exp(${u('h2', 2)} * ln(5000))) + 5)::int end,
       case when st <> 'na' then 'Fachdienst ' || theme end,
       case when st = 'partially_online' then 'Einige LeiKa-Leistungen sind schon online (synthetisch)'
            when impl = 'community' and com_lead <> county_id then 'Nachnutzung der Community-Lösung' end,
       case when st = 'na' then ${START} else last_at end,
       case when st = 'na' then ${START} else greatest(last_at, ${REF} - make_interval(days => case when ${u('h5', 0)} < 0.8 then 1 + floor(${u('h4', 1)} * 170)::int else 181 + floor(${u('h4', 1)} * 320)::int end)) end,
       1
     from full_row`,
  )
  // The form platforms implement whatever the counties built on them.
  await exec(
    tx,
    `insert into online_service_services (online_service_id, service_id)
     select distinct online_service_id, service_id from statuses where online_service_id in (${pfA.id}, ${pfB.id})
     on conflict do nothing`,
  )
}

async function insertHistory(tx: Tx) {
  // Same hashes and formulas as insertStatuses, recomputed from the stored row. (`offset 0`
  // keeps each step a real subquery: inlined, every reference would recompute the hashes.)
  const t = timeline(`st.stage in ('online', 'partially_online')`, 'st.stage')
  const change = (field: string, from: string, to: string) => `jsonb_build_object('${field}', jsonb_build_object('from', ${from}, 'to', ${to}))`
  await exec(
    tx,
    `insert into status_changes (status_id, county_id, service_id, changed_at, changed_by, changes, source)
     with r0 as (
       select st.id, st.county_id, st.service_id, st.approach, st.stage, st.pending_plan, st.online_service_id, st.maturity,
              ${hashes(`st.county_id::text || ':' || st.service_id::text`)}
       from statuses st where st.approach <> 'not_applicable' offset 0
     ),
     r1 as (select r0.*, ${t.onlineAt.replaceAll('st.stage', 'r0.stage')} as online_at from r0 offset 0),
     r2 as (select r1.*, ${t.startedAt.replaceAll('st.stage', 'r1.stage')} as started_at from r1 offset 0),
     r as (select r2.*, ${t.decidedAt} as decided_at from r2 offset 0)
     select r.id, r.county_id, r.service_id, e.at, null, e.changes, 'seed'
     from r cross join lateral (values
       (r.decided_at, case when r.approach = 'pending' then ${change('pendingPlan', 'null', 'r.pending_plan')}
                      else ${change('approach', `'pending'`, 'r.approach')} ||
                           case when r.online_service_id is not null then ${change('onlineServiceId', 'null', 'r.online_service_id')} else '{}'::jsonb end end),
       (r.started_at, ${change('stage', `'planned'`, `'in_progress'`)}),
       (r.online_at, ${change('stage', `'in_progress'`, 'r.stage')} ||
                     case when r.maturity is not null then ${change('maturity', 'null', 'r.maturity')} else '{}'::jsonb end)
     ) as e(at, changes)
     where e.at is not null`,
  )
}

/**
 * Bulk loading into a table with indexes maintains every index row by row; building them once
 * afterwards is several times faster. Read from the catalogue, so indexes added by later
 * migrations are handled too (constraint-backed ones such as primary keys stay).
 */
async function withIndexesRebuilt(tx: Tx, tables: string[], body: () => Promise<void>) {
  const list = tables.map((t) => `'${t}'`).join(', ')
  const indexes = await queryRows<{ name: string; def: string }>(
    tx,
    sql.raw(`select indexname as name, indexdef as def from pg_indexes i
             where schemaname = 'public' and tablename in (${list})
               and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`),
  )
  for (const index of indexes) await exec(tx, `drop index "${index.name}"`)
  await body()
  for (const index of indexes) await exec(tx, index.def)
}

async function insertBenchUsers(db: Db, databaseUrl: string, n: number): Promise<BenchCredentials> {
  // One password for every bench user, so a person can log in and look around.
  const passwordHash = await hashPassword('ozg-radar-bench')
  const token = () => randomBytes(32).toString('base64url')
  const expires = `now() + interval '14 days'`
  const coordinatorToken = token()
  const apiToken = 'ozgr_' + token()
  const editorTokens = Array.from({ length: EDITOR_COUNT }, () => token())
  const viewerTokens = Array.from({ length: VIEWER_COUNT }, () => token())
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into users (email, name, password_hash, role, is_demo) values ('koordination@bench.invalid', 'Benchmark Koordination', ${passwordHash}, 'coordinator', true)`)
    await tx.execute(sql`
      insert into users (email, name, password_hash, role, county_id, is_demo)
      select 'redaktion' || e || '@bench.invalid', 'Benchmark Redaktion ' || e, ${passwordHash}, 'editor', c.id, true
      from generate_series(1, ${EDITOR_COUNT}) as e
      join (select id, row_number() over (order by id) as rank from counties) c on c.rank = (e - 1) % ${n} + 1`)
    await tx.execute(sql`insert into sessions (id, user_id, expires_at) select ${hashToken(coordinatorToken)}, id, ${sql.raw(expires)} from users where email = 'koordination@bench.invalid'`)
    for (let e = 1; e <= EDITOR_COUNT; e++) {
      await tx.execute(sql`insert into sessions (id, user_id, expires_at) select ${hashToken(editorTokens[e - 1])}, id, ${sql.raw(expires)} from users where email = ${`redaktion${e}@bench.invalid`}`)
    }
    await tx.execute(sql`
      insert into users (email, name, password_hash, role, county_id, is_demo)
      select 'lesend' || v || '@bench.invalid', 'Benchmark Lesend ' || v, ${passwordHash}, 'viewer', c.id, true
      from generate_series(1, ${VIEWER_COUNT}) as v
      join (select id, row_number() over (order by id) as rank from counties) c on c.rank = (v - 1) % ${n} + 1`)
    for (let v = 1; v <= VIEWER_COUNT; v++) {
      await tx.execute(sql`insert into sessions (id, user_id, expires_at) select ${hashToken(viewerTokens[v - 1])}, id, ${sql.raw(expires)} from users where email = ${`lesend${v}@bench.invalid`}`)
    }
    await tx.execute(sql`insert into api_tokens (user_id, name, token_hash) select id, 'Benchmark', ${hashToken(apiToken)} from users where email = 'koordination@bench.invalid'`)
  })
  const homes = (prefix: string) =>
    queryRows<{ email: string; ags: string }>(
      db,
      sql`select u.email, c.ags from users u join counties c on c.id = u.county_id where u.email like ${`${prefix}%@bench.invalid`} order by length(u.email), u.email`,
    )
  const withCookie = (tokens: string[]) => (u: { email: string; ags: string }) => ({
    email: u.email,
    countyAgs: u.ags,
    cookie: `ozg_session=${tokens[Number(/\d+/.exec(u.email)![0]) - 1]}`,
  })
  return {
    databaseUrl,
    counties: n,
    coordinatorCookie: `ozg_session=${coordinatorToken}`,
    editors: (await homes('redaktion')).map(withCookie(editorTokens)),
    viewers: (await homes('lesend')).map(withCookie(viewerTokens)),
    apiToken,
  }
}

/** Fills the (empty) database at `databaseUrl` with N synthetic counties. */
export async function generate(databaseUrl: string, n: number, log: (line: string) => void = console.log): Promise<GenerateResult> {
  if (!Number.isInteger(n) || n < 1 || n > 20000) throw new Error('--counties muss eine ganze Zahl von 1 bis 20000 sein (16, 45, 400 oder 10800).')
  const t0 = performance.now()
  const handle = await openDatabase({ engine: 'postgres', url: databaseUrl, max: 2 })
  try {
    const { db } = handle
    const [{ found }] = await queryRows<{ found: boolean }>(db, sql`select exists (select 1 from counties) as found`)
    if (found) throw new Error(`Die Datenbank ${databaseUrl} enthält schon Kreise. Der Generator braucht eine frische Datenbank.`)
    await seedDatabase(db, { demo: false })
    const t1 = performance.now()
    log(`  Katalog geladen in ${((t1 - t0) / 1000).toFixed(1)} s`)
    await db.transaction(async (tx) => {
      // The ids come from joins on rows inserted right here: skip the per-row FK triggers (CHECK
      // constraints still apply). Superuser only, which the local bench server is.
      await exec(tx, `set local session_replication_role = replica`)
      await exec(tx, `set local work_mem = '256MB'`)
      await insertCatalogueSide(tx, n)
      await withIndexesRebuilt(tx, ['statuses', 'status_changes'], async () => {
        await insertStatuses(tx)
        await insertHistory(tx)
      })
      // The replica role also skipped the summary triggers: compute the summaries once.
      await exec(tx, `set local session_replication_role = origin`)
      await exec(tx, `select summary_rebuild()`)
    })
    const t2 = performance.now()
    log(`  Status und Historie geschrieben in ${((t2 - t1) / 1000).toFixed(1)} s`)
    // A long-running production database is vacuumed and analysed: measure that state.
    const raw = postgres(databaseUrl, { max: 1, onnotice: () => {} })
    try {
      await raw.unsafe('vacuum (analyze) statuses, status_changes, counties, services, online_services, online_service_services')
    } finally {
      await raw.end()
    }
    const t3 = performance.now()
    const credentials = await insertBenchUsers(db, databaseUrl, n)
    const [counts] = await queryRows<{ statuses: number; changes: number; os: number }>(
      db,
      sql`select (select count(*) from statuses)::int as statuses, (select count(*) from status_changes)::int as changes, (select count(*) from online_services)::int as os`,
    )
    const t4 = performance.now()
    return {
      ...credentials,
      seconds: { catalogue: (t1 - t0) / 1000, data: (t2 - t1) / 1000, vacuum: (t3 - t2) / 1000, total: (t4 - t0) / 1000 },
      rows: { statuses: Number(counts.statuses), statusChanges: Number(counts.changes), onlineServices: Number(counts.os) },
    }
  } finally {
    await handle.close()
  }
}

export function writeCredentials(result: BenchCredentials, name: string) {
  const dir = resolve(process.cwd(), 'bench/data')
  mkdirSync(dir, { recursive: true })
  const file = resolve(dir, `${name}.json`)
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n', { mode: 0o600 })
  return file
}

function argValue(args: string[], name: string) {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

async function main() {
  const args = process.argv.slice(2)
  const n = Number(argValue(args, '--counties') ?? '16')
  const adminUrl = argValue(args, '--admin-url') ?? process.env.BENCH_ADMIN_URL ?? DEFAULT_ADMIN_URL
  const name = `ozg_bench_${n}`
  let url = argValue(args, '--database-url')
  if (!url) {
    url = await recreateDatabase(adminUrl, name)
    console.log(`Datenbank ${name} neu angelegt.`)
  }
  console.log(`Erzeuge ${n} synthetische Kreise in ${url.replace(/\/\/[^@]*@/, '//…@')} …`)
  const result = await generate(url, n)
  const file = writeCredentials(result, new URL(url).pathname.slice(1) || name)
  console.log(
    `Fertig in ${result.seconds.total.toFixed(1)} s: ${result.rows.statuses.toLocaleString('de-DE')} Statuszeilen, ` +
      `${result.rows.statusChanges.toLocaleString('de-DE')} Änderungen, ${result.rows.onlineServices} Online-Dienste.`,
  )
  console.log(`Zugang (Koordination): Cookie ${result.coordinatorCookie}`)
  console.log(`API-Token: ${result.apiToken}`)
  console.log(`Alles für den Runner in ${file}`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
