// Member counties (issue 12): the official register to pick from, joining (one status row per
// service with history, in one transaction), leaving at a date and rejoining. counties.is_member
// mirrors "has an open membership"; the summary triggers rebuild when it changes.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { auditLog, counties, countyMemberships, countyRegister } from '../../db/schema'
import type { CountyKindCode } from '~/domain/enums'
import { readCountyCsvRows, type CountyCsvError, type JoinInput, type LeaveInput, type ManualCountyInput } from '~/domain/membership'
import { CsvError, readCsv } from '~/utils/csv.server'
import { getDb, type Tx } from '~/utils/db.server'
import { applyApplicability, insertMissingStatusRows } from './applicability.server'
import type { Actor } from './status.server'
import { countyTextMatch } from './sql.server'

export type RegisterEntry = {
  ags: string
  name: string
  land: string
  kind: string | null
  population: number | null
  state: 'member' | 'former' | 'none'
}

const REGISTER_LIMIT = 100

/** Register entries matching a name or AGS (and a Land), with their membership state. */
export async function searchRegister(query: { q?: string; land?: string }): Promise<{ entries: RegisterEntry[]; more: boolean }> {
  const db = await getDb()
  const q = query.q?.trim() ?? ''
  const conditions = []
  if (q) conditions.push(countyTextMatch(q, countyRegister))
  if (query.land) conditions.push(eq(countyRegister.land, query.land))
  if (conditions.length === 0) return { entries: [], more: false }
  const rows = await db
    .select({
      ags: countyRegister.ags,
      name: countyRegister.name,
      land: countyRegister.land,
      kind: sql<string | null>`coalesce(${counties.kind}, ${countyRegister.kind})`,
      population: countyRegister.population,
      isMember: counties.isMember,
    })
    .from(countyRegister)
    .leftJoin(counties, eq(counties.ags, countyRegister.ags))
    .where(and(...conditions))
    .orderBy(asc(countyRegister.land), asc(countyRegister.name))
    .limit(REGISTER_LIMIT + 1)
  return {
    entries: rows.slice(0, REGISTER_LIMIT).map((r) => ({
      ags: r.ags,
      name: r.name,
      land: r.land,
      kind: r.kind,
      population: r.population,
      state: r.isMember === null ? 'none' : r.isMember ? 'member' : 'former',
    })),
    more: rows.length > REGISTER_LIMIT,
  }
}

/** Every county that is or was a member, with its current or last membership period. */
export async function listMemberships() {
  const db = await getDb()
  return db
    .select({
      ags: counties.ags,
      name: counties.name,
      kind: counties.kind,
      land: counties.land,
      isMember: counties.isMember,
      joinedOn: sql<string>`(select m.joined_on::text from county_memberships m where m.county_id = ${counties.id} order by m.joined_on desc, m.id desc limit 1)`,
      leftOn: sql<string | null>`(select m.left_on::text from county_memberships m where m.county_id = ${counties.id} order by m.joined_on desc, m.id desc limit 1)`,
      periods: sql<number>`(select count(*) from county_memberships m where m.county_id = ${counties.id})`.mapWith(Number),
    })
    .from(counties)
    .orderBy(sql`${counties.isMember} desc`, asc(counties.name))
}

export type JoinResult = { ok: true; joined: { ags: string; name: string }[]; rows: number } | { ok: false; errors: string[] }

type Candidate = { ags: string; name: string; land: string; kind: CountyKindCode; population: number | null; wikidata: string | null; line?: number }

async function join(tx: Tx, candidates: Candidate[], joinedOn: string, actor: Actor, how: string): Promise<JoinResult> {
  const existing = candidates.length
    ? await tx
        .select({ id: counties.id, ags: counties.ags, isMember: counties.isMember })
        .from(counties)
        .where(inArray(
          counties.ags,
          candidates.map((c) => c.ags),
        ))
        .for('update')
    : []
  const byAgs = new Map(existing.map((c) => [c.ags, c]))
  const errors = candidates
    .filter((c) => byAgs.get(c.ags)?.isMember)
    .map((c) => `${c.line ? `Zeile ${c.line}: ` : ''}${c.name} (${c.ags}) ist schon Mitglied der Community.`)
  if (errors.length) return { ok: false, errors }
  // A county rejoining may not start before its last period ended.
  const rejoining = existing.map((c) => c.id)
  if (rejoining.length) {
    const late = await tx
      .select({ ags: counties.ags, name: counties.name, leftOn: countyMemberships.leftOn })
      .from(countyMemberships)
      .innerJoin(counties, eq(counties.id, countyMemberships.countyId))
      .where(and(inArray(countyMemberships.countyId, rejoining), sql`${countyMemberships.leftOn} > ${joinedOn}`))
    if (late.length) {
      return { ok: false, errors: late.map((l) => `${l.name} (${l.ags}) ist erst am ${l.leftOn} ausgetreten; der neue Beitritt kann nicht früher liegen.`) }
    }
  }

  const fresh = candidates.filter((c) => !byAgs.has(c.ags))
  const inserted = fresh.length
    ? await tx
        .insert(counties)
        .values(fresh.map((c) => ({ ags: c.ags, name: c.name, kind: c.kind, land: c.land, population: c.population, wikidata: c.wikidata, isMember: true })))
        .returning({ id: counties.id })
    : []
  if (rejoining.length) {
    // One statement: the summary trigger rebuilds once, not once per county.
    await tx.update(counties).set({ isMember: true, updatedAt: sql`now()` }).where(inArray(counties.id, rejoining))
    for (const c of candidates.filter((c) => byAgs.has(c.ags))) {
      await tx.update(counties).set({ kind: c.kind }).where(and(eq(counties.ags, c.ags), sql`${counties.kind} <> ${c.kind}`))
    }
  }
  const ids = [...inserted.map((c) => c.id), ...rejoining]
  await tx.insert(countyMemberships).values(ids.map((countyId) => ({ countyId, joinedOn, joinedBy: actor?.id ?? null })))
  const rows = await insertMissingStatusRows(tx, ids, actor, `Beitritt zur Community am ${joinedOn}`)
  // A county that comes back finds its rows as it left them; rules changed meanwhile apply now.
  if (rejoining.length) await applyApplicability(tx, { countyIds: rejoining }, actor, `Wiedereintritt am ${joinedOn}: Zuständigkeitsregeln angewendet`)
  await tx.insert(auditLog).values(
    candidates.map((c) => ({
      userId: actor?.id ?? null,
      action: byAgs.has(c.ags) ? 'rejoin' : 'join',
      entity: 'county',
      entityId: c.ags,
      details: { name: c.name, kind: c.kind, land: c.land, joinedOn, how },
    })),
  )
  return { ok: true, joined: candidates.map((c) => ({ ags: c.ags, name: c.name })), rows }
}

async function candidatesFromRegister(tx: Tx, lines: { ags: string; kind?: CountyKindCode; line?: number }[], defaultKind?: CountyKindCode) {
  const agsList = lines.map((l) => l.ags)
  const register = agsList.length ? await tx.select().from(countyRegister).where(inArray(countyRegister.ags, agsList)) : []
  // Counties added by hand (not in the register) can rejoin too.
  const known = agsList.length
    ? await tx.select({ ags: counties.ags, name: counties.name, land: counties.land, kind: counties.kind, population: counties.population, wikidata: counties.wikidata }).from(counties).where(inArray(counties.ags, agsList))
    : []
  const registerByAgs = new Map(register.map((r) => [r.ags, r]))
  const knownByAgs = new Map(known.map((r) => [r.ags, r]))
  const candidates: Candidate[] = []
  const errors: string[] = []
  for (const l of lines) {
    const r = registerByAgs.get(l.ags)
    const k = knownByAgs.get(l.ags)
    const where = l.line ? `Zeile ${l.line}: ` : ''
    if (!r && !k) {
      errors.push(`${where}Den Kreisschlüssel ${l.ags} gibt es im Verzeichnis der Kreise nicht.`)
      continue
    }
    const kind = (l.kind ?? defaultKind ?? k?.kind ?? r?.kind ?? undefined) as CountyKindCode | undefined
    const name = k?.name ?? r!.name
    if (!kind) {
      errors.push(`${where}Für ${name} (${l.ags}) ist kein Kreistyp bekannt: Wählen Sie einen Kreistyp.`)
      continue
    }
    candidates.push({ ags: l.ags, name, land: k?.land ?? r!.land, kind, population: k?.population ?? r?.population ?? null, wikidata: k?.wikidata ?? r?.wikidata ?? null, line: l.line })
  }
  return { candidates, errors }
}

/** Joins the chosen register entries at one date: all or none. */
export async function joinCounties(input: JoinInput, actor: Actor): Promise<JoinResult> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const { candidates, errors } = await candidatesFromRegister(
      tx,
      [...new Set(input.ags)].map((ags) => ({ ags })),
      input.kind,
    )
    if (errors.length) return { ok: false, errors }
    return join(tx, candidates, input.joinedOn, actor, 'Auswahl aus dem Verzeichnis')
  })
}

/**
 * Joins the counties listed in a CSV (column `ags`, optionally `kreistyp`): all or none; every
 * unknown, malformed or repeated AGS is named with its line.
 */
export async function joinCountiesFromCsv(file: Uint8Array, options: { defaultKind?: CountyKindCode; joinedOn: string }, actor: Actor): Promise<JoinResult> {
  let table
  try {
    table = readCsv(file)
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, errors: [error.line ? `Zeile ${error.line}: ${error.message}` : error.message] }
    throw error
  }
  const { lines, errors } = readCountyCsvRows(table.headers, table.rows)
  if (errors.length) return { ok: false, errors: errors.map((e: CountyCsvError) => e.message) }
  if (lines.length === 0) return { ok: false, errors: ['Die Datei enthält keinen Kreisschlüssel.'] }
  const db = await getDb()
  return db.transaction(async (tx) => {
    const found = await candidatesFromRegister(tx, lines, options.defaultKind)
    if (found.errors.length) return { ok: false, errors: found.errors }
    return join(tx, found.candidates, options.joinedOn, actor, 'CSV-Datei')
  })
}

/** A county that is not in the register (e.g. after a territorial reform). */
export async function joinManualCounty(input: ManualCountyInput, actor: Actor): Promise<JoinResult> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [inRegister] = await tx.select({ name: countyRegister.name }).from(countyRegister).where(eq(countyRegister.ags, input.ags))
    if (inRegister) return { ok: false, errors: [`Der Kreisschlüssel ${input.ags} steht im Verzeichnis (${inRegister.name}): Wählen Sie ihn dort aus.`] }
    const [known] = await tx.select({ ags: counties.ags }).from(counties).where(eq(counties.ags, input.ags))
    if (known) {
      const found = await candidatesFromRegister(tx, [{ ags: input.ags, kind: input.kind }])
      if (found.errors.length) return { ok: false, errors: found.errors }
      return join(tx, found.candidates, input.joinedOn, actor, 'von Hand')
    }
    return join(tx, [{ ags: input.ags, name: input.name, land: input.land, kind: input.kind, population: null, wikidata: null }], input.joinedOn, actor, 'von Hand')
  })
}

export type LeaveResult = { ok: true; name: string } | { ok: false; message: string }

/** Ends the county's membership at a date; its rows and history stay. */
export async function leaveCommunity(input: LeaveInput, actor: Actor): Promise<LeaveResult> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [county] = await tx.select({ id: counties.id, name: counties.name }).from(counties).where(eq(counties.ags, input.ags)).for('update')
    if (!county) return { ok: false, message: `Einen Kreis mit dem AGS ${input.ags} gibt es nicht.` }
    const [open] = await tx
      .select({ id: countyMemberships.id, joinedOn: countyMemberships.joinedOn })
      .from(countyMemberships)
      .where(and(eq(countyMemberships.countyId, county.id), isNull(countyMemberships.leftOn)))
    if (!open) return { ok: false, message: `${county.name} ist derzeit kein Mitglied.` }
    if (input.leftOn < open.joinedOn) {
      return { ok: false, message: `${county.name} ist am ${open.joinedOn} beigetreten; der Austritt kann nicht früher liegen.` }
    }
    await tx.update(countyMemberships).set({ leftOn: input.leftOn, leftBy: actor?.id ?? null }).where(eq(countyMemberships.id, open.id))
    await tx.update(counties).set({ isMember: false, updatedAt: sql`now()` }).where(eq(counties.id, county.id))
    await tx.insert(auditLog).values({ userId: actor?.id ?? null, action: 'leave', entity: 'county', entityId: input.ags, details: { name: county.name, leftOn: input.leftOn } })
    return { ok: true, name: county.name }
  })
}
