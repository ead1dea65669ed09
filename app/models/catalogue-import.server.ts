// Catalogue import for coordinators: the services file of the reference data
// (ozg_id, ozg_leistung, lebenslage, themenfeld) adds new services with a pending row for every
// member county, renames or moves changed ones and marks missing ones retired. Nothing is
// deleted: a retired service keeps its rows and their history.
import { createHash } from 'node:crypto'
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { auditLog, counties, lifeSituations, services, statuses, themes } from '../../db/schema'
import type { SessionUser } from '~/domain/permissions'
import { hasNul, NUL_MESSAGE } from '~/domain/text'
import { CsvError, readCsv, type CsvTable } from '~/utils/csv.server'
import { getDb } from '~/utils/db.server'
import { MAX_IMPORT_BYTES, MAX_IMPORT_LABEL, type ImportFile, type ImportIssue } from './import-file.server'
import { excerpt } from '~/domain/excerpt'
import { OZG_ID_PATTERN } from '~/domain/rules'

const COLUMNS = ['ozg_id', 'ozg_leistung', 'lebenslage', 'themenfeld'] as const

export type CatalogueEntry = { ozgId: string; name: string; lifeSituation: string | null; theme: string; themeId: number }
export type CatalogueChange =
  | { kind: 'added'; ozgId: string; name: string; theme: string; lifeSituation: string | null }
  | { kind: 'renamed'; ozgId: string; from: string; to: string }
  | { kind: 'moved'; ozgId: string; name: string; from: string; to: string }
  | { kind: 'retired'; ozgId: string; name: string }
  | { kind: 'reactivated'; ozgId: string; name: string }

export type CataloguePreview = {
  fileName: string
  rowCount: number
  changes: CatalogueChange[]
  counts: { added: number; renamed: number; moved: number; retired: number; reactivated: number; unchanged: number }
  errors: ImportIssue[]
  fingerprint: string
}

type Plan = {
  entries: Map<string, CatalogueEntry>
  current: Map<string, { id: number; name: string; themeId: number; lifeSituationId: number | null; lifeSituation: string | null; retiredAt: Date | null }>
  situationIds: Map<string, number>
}

/** The file's rows, or the error that refuses it as a whole (recorded in the preview). */
function readTable(file: ImportFile, preview: CataloguePreview): CsvTable | null {
  const refuse = (issue: ImportIssue) => {
    preview.errors.push(issue)
    return null
  }
  if (file.bytes.byteLength > MAX_IMPORT_BYTES) return refuse({ line: null, column: null, message: `Die Datei ist zu groß: höchstens ${MAX_IMPORT_LABEL} sind erlaubt.` })
  let table: CsvTable
  try {
    table = readCsv(file.bytes)
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    return refuse({ line: error.line ?? null, column: null, message: error.message })
  }
  const missing = COLUMNS.filter((c) => !table.headers.includes(c))
  if (missing.length > 0) {
    return refuse({
      line: 1,
      column: null,
      message: `In der Kopfzeile fehlen die Spalten ${missing.map((c) => `„${excerpt(c)}“`).join(', ')}. Erwartet wird das Format der Referenzdaten: ozg_id, ozg_leistung, lebenslage, themenfeld.`,
    })
  }
  preview.rowCount = table.rows.length
  if (table.rows.length === 0) {
    return refuse({ line: null, column: null, message: 'Die Datei enthält keine Leistungen. Ein leerer Katalog würde alle Leistungen aussondern und wird nicht übernommen.' })
  }
  return table
}

/** The file's entries by OZG-ID; every problem of a row goes into the preview's errors. */
function parseEntries(table: CsvTable, themeRows: { id: number; name: string }[], errors: ImportIssue[]): Map<string, CatalogueEntry> {
  const themeByName = new Map(themeRows.map((t) => [t.name, t.id]))
  const entries = new Map<string, CatalogueEntry>()
  const lines = new Map<string, number>()
  for (const { line, values } of table.rows) {
    const ozgId = (values.ozg_id ?? '').trim()
    const name = (values.ozg_leistung ?? '').trim()
    const theme = (values.themenfeld ?? '').trim()
    const lifeSituation = (values.lebenslage ?? '').trim() || null
    const before = errors.length
    if (!OZG_ID_PATTERN.test(ozgId)) {
      errors.push({ line, column: 'ozg_id', message: `„${excerpt(ozgId)}“ ist keine OZG-ID. Eine OZG-ID hat 5 Ziffern, z. B. 10000.` })
    } else if (lines.has(ozgId)) {
      errors.push({ line, column: 'ozg_id', message: `Die OZG-ID ${ozgId} steht schon in Zeile ${lines.get(ozgId)}. Jede Leistung darf nur einmal vorkommen.` })
    }
    if (name === '') errors.push({ line, column: 'ozg_leistung', message: 'Der Name der Leistung fehlt.' })
    else if (name.length > 500) errors.push({ line, column: 'ozg_leistung', message: 'Der Name darf höchstens 500 Zeichen lang sein.' })
    else if (hasNul(name)) errors.push({ line, column: 'ozg_leistung', message: NUL_MESSAGE })
    if (lifeSituation && hasNul(lifeSituation)) errors.push({ line, column: 'lebenslage', message: NUL_MESSAGE })
    const themeId = themeByName.get(theme)
    if (themeId === undefined) {
      errors.push({ line, column: 'themenfeld', message: `Das Themenfeld „${excerpt(theme)}“ gibt es nicht. Erlaubt: ${themeRows.map((t) => `„${t.name}“`).join(', ')}.` })
    }
    if (errors.length > before) continue
    lines.set(ozgId, line)
    entries.set(ozgId, { ozgId, name, lifeSituation, theme, themeId: themeId! })
  }
  return entries
}

/** What applying the entries would change in the catalogue, into the preview. */
function diffCatalogue(entries: Map<string, CatalogueEntry>, current: Plan['current'], themeName: Map<number, string>, preview: CataloguePreview) {
  for (const e of entries.values()) {
    const s = current.get(e.ozgId)
    if (!s) {
      preview.changes.push({ kind: 'added', ozgId: e.ozgId, name: e.name, theme: e.theme, lifeSituation: e.lifeSituation })
      continue
    }
    let same = true
    if (s.retiredAt) {
      preview.changes.push({ kind: 'reactivated', ozgId: e.ozgId, name: e.name })
      same = false
    }
    if (s.name !== e.name) {
      preview.changes.push({ kind: 'renamed', ozgId: e.ozgId, from: s.name, to: e.name })
      same = false
    }
    if (s.themeId !== e.themeId || (s.lifeSituation ?? null) !== e.lifeSituation) {
      const describe = (theme: string | undefined, situation: string | null) => `${theme ?? '–'} / ${situation ?? '–'}`
      preview.changes.push({ kind: 'moved', ozgId: e.ozgId, name: e.name, from: describe(themeName.get(s.themeId), s.lifeSituation), to: describe(e.theme, e.lifeSituation) })
      same = false
    }
    if (same) preview.counts.unchanged++
  }
  for (const [ozgId, s] of current) {
    if (!s.retiredAt && !entries.has(ozgId)) preview.changes.push({ kind: 'retired', ozgId, name: s.name })
  }
  preview.changes.sort((a, b) => a.ozgId.localeCompare(b.ozgId))
  for (const c of preview.changes) preview.counts[c.kind]++
}

async function analyse(file: ImportFile): Promise<{ preview: CataloguePreview; plan: Plan | null }> {
  const preview: CataloguePreview = {
    fileName: file.name,
    rowCount: 0,
    changes: [],
    counts: { added: 0, renamed: 0, moved: 0, retired: 0, reactivated: 0, unchanged: 0 },
    errors: [],
    fingerprint: '',
  }
  const table = readTable(file, preview)
  if (!table) return { preview, plan: null }
  const db = await getDb()
  const [themeRows, situationRows, serviceRows] = await Promise.all([
    db.select({ id: themes.id, name: themes.name }).from(themes),
    db.select({ id: lifeSituations.id, name: lifeSituations.name }).from(lifeSituations),
    db
      .select({
        id: services.id,
        ozgId: services.ozgId,
        name: services.name,
        themeId: services.themeId,
        lifeSituationId: services.lifeSituationId,
        lifeSituation: lifeSituations.name,
        retiredAt: services.retiredAt,
      })
      .from(services)
      .leftJoin(lifeSituations, eq(lifeSituations.id, services.lifeSituationId)),
  ])
  const entries = parseEntries(table, themeRows, preview.errors)
  if (preview.errors.length > 0) return { preview, plan: null }
  const current = new Map(serviceRows.map((s) => [s.ozgId, s]))
  diffCatalogue(entries, current, new Map(themeRows.map((t) => [t.id, t.name])), preview)
  preview.fingerprint = createHash('sha256').update(JSON.stringify(preview.changes)).digest('hex')
  return { preview, plan: { entries, current, situationIds: new Map(situationRows.map((s) => [s.name, s.id])) } }
}

export async function previewCatalogueImport(file: ImportFile): Promise<CataloguePreview> {
  return (await analyse(file)).preview
}

export type CatalogueApplyResult = { ok: true; preview: CataloguePreview } | { ok: false; preview: CataloguePreview; message: string }

/** Applies the catalogue file in one transaction, if it still plans what the preview showed. */
export async function applyCatalogueImport(file: ImportFile, user: SessionUser, fingerprint: string): Promise<CatalogueApplyResult> {
  const { preview, plan } = await analyse(file)
  if (!plan || preview.errors.length > 0) return { ok: false, preview, message: 'Die Datei enthält Fehler; es wurde nichts übernommen.' }
  if (preview.fingerprint !== fingerprint) {
    return { ok: false, preview, message: 'Der Katalog wurde seit der Vorschau geändert. Prüfen Sie die aktualisierte Vorschau und bestätigen Sie erneut.' }
  }
  const db = await getDb()
  await db.transaction(async (tx) => {
    // New Lebenslagen get the next free id (the table's ids are the reference data's).
    const needed = [...new Set([...plan.entries.values()].map((e) => e.lifeSituation).filter((n): n is string => !!n && !plan.situationIds.has(n)))]
    if (needed.length > 0) {
      const [{ maxId }] = await tx.select({ maxId: sql<number>`coalesce(max(${lifeSituations.id}), 0)`.mapWith(Number) }).from(lifeSituations)
      const rows = needed.map((name, i) => ({ id: maxId + 1 + i, name, themeId: [...plan.entries.values()].find((e) => e.lifeSituation === name)!.themeId }))
      await tx.insert(lifeSituations).values(rows)
      for (const r of rows) plan.situationIds.set(r.name, r.id)
    }
    const situationId = (name: string | null) => (name ? (plan.situationIds.get(name) ?? null) : null)
    const audit: (typeof auditLog.$inferInsert)[] = []
    const comment = `Katalog-Import ${file.name}`

    const added = preview.changes.filter((c) => c.kind === 'added').map((c) => plan.entries.get(c.ozgId)!)
    if (added.length > 0) {
      const inserted = await tx
        .insert(services)
        .values(added.map((e) => ({ ozgId: e.ozgId, name: e.name, themeId: e.themeId, lifeSituationId: situationId(e.lifeSituation) })))
        .returning({ id: services.id, ozgId: services.ozgId })
      // A pending row for every member county: without LeiKa entries nothing says the service
      // does not apply, so every county has to decide.
      const members = await tx.select({ id: counties.id }).from(counties).where(eq(counties.isMember, true))
      const rows = inserted.flatMap((s) => members.map((c) => ({ countyId: c.id, serviceId: s.id, updatedBy: user.id })))
      for (let i = 0; i < rows.length; i += 5000) await tx.insert(statuses).values(rows.slice(i, i + 5000)).onConflictDoNothing()
      for (const s of inserted) audit.push({ userId: user.id, action: 'create', entity: 'service', entityId: s.ozgId, details: { comment, ...plan.entries.get(s.ozgId), countyRows: members.length } })
    }
    for (const change of preview.changes) {
      const e = plan.entries.get(change.ozgId)
      const s = plan.current.get(change.ozgId)
      if (change.kind === 'renamed' && e && s) {
        await tx.update(services).set({ name: e.name, updatedAt: new Date() }).where(eq(services.id, s.id))
        audit.push({ userId: user.id, action: 'rename', entity: 'service', entityId: change.ozgId, details: { comment, from: change.from, to: change.to } })
      } else if (change.kind === 'moved' && e && s) {
        await tx.update(services).set({ themeId: e.themeId, lifeSituationId: situationId(e.lifeSituation), updatedAt: new Date() }).where(eq(services.id, s.id))
        audit.push({ userId: user.id, action: 'move', entity: 'service', entityId: change.ozgId, details: { comment, from: change.from, to: change.to } })
      } else if (change.kind === 'reactivated' && s) {
        await tx.update(services).set({ retiredAt: null, updatedAt: new Date() }).where(eq(services.id, s.id))
        audit.push({ userId: user.id, action: 'reactivate', entity: 'service', entityId: change.ozgId, details: { comment } })
      }
    }
    const retired = preview.changes.filter((c) => c.kind === 'retired').map((c) => c.ozgId)
    if (retired.length > 0) {
      await tx
        .update(services)
        .set({ retiredAt: sql`now()`, updatedAt: new Date() })
        .where(and(inArray(services.ozgId, retired), isNull(services.retiredAt)))
      for (const ozgId of retired) audit.push({ userId: user.id, action: 'retire', entity: 'service', entityId: ozgId, details: { comment } })
    }
    audit.push({ userId: user.id, action: 'import', entity: 'catalogue', entityId: null, details: { fileName: file.name, counts: preview.counts } })
    for (let i = 0; i < audit.length; i += 1000) await tx.insert(auditLog).values(audit.slice(i, i + 1000))
  })
  return { ok: true, preview }
}
