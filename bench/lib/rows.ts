// Rows the benchmark's editors save through the edit form, and the check that no save was lost.
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm'
import { counties, services, statuses, users } from '../../db/schema'
import { toFormValues, type StatusRowLike } from '../../app/domain/status'
import { queryRows, type Db } from '../../app/utils/db.server'

export type Editor = { email: string; countyAgs: string; cookie: string }

export type RowTarget = {
  id: number
  ags: string
  ozgId: string
  version: number
  values: ReturnType<typeof toFormValues>
  saved: number
  lastNote: string | null
  /** A save sent whose answer never came (the load window closed): the note it carried. */
  unanswered?: string
}

/** Each editor's rows: of its own county, split when editors share one, so none touches another's. */
export async function editorRows(db: Db, editors: Editor[]): Promise<{ editor: Editor; targets: RowTarget[] }[]> {
  const agsList = [...new Set(editors.map((e) => e.countyAgs))]
  const rows = await db
    .select({ row: statuses, ags: counties.ags, ozgId: services.ozgId })
    .from(statuses)
    .innerJoin(counties, eq(counties.id, statuses.countyId))
    .innerJoin(services, eq(services.id, statuses.serviceId))
    .where(and(inArray(counties.ags, agsList), ne(statuses.approach, 'not_applicable')))
    .orderBy(asc(counties.ags), asc(services.ozgId))
  return editors.map((editor) => {
    const sameCounty = editors.filter((other) => other.countyAgs === editor.countyAgs)
    const part = sameCounty.indexOf(editor)
    const mine = rows.filter((r) => r.ags === editor.countyAgs).filter((_, i) => i % sameCounty.length === part)
    return {
      editor,
      targets: mine.map((r) => ({
        id: r.row.id,
        ags: r.ags,
        ozgId: r.ozgId,
        version: r.row.version,
        values: toFormValues(r.row as unknown as StatusRowLike),
        saved: 0,
        lastNote: null,
      })),
    }
  })
}

/** The edit form's body for a save of `t` with a new note, at the version the client knows. */
export function saveForm(t: RowTarget, note: string): URLSearchParams {
  return new URLSearchParams({ ...t.values, notiz: note, version: String(t.version), kommentar: 'Benchmark' })
}

/** A save the server acknowledged (302 to the row page): the row is one version further. */
export function recordSave(t: RowTarget, note: string) {
  t.version++
  t.saved++
  t.lastNote = note
}

/**
 * Settles saves whose answer the client never read (sent as the load window closed): the row
 * shows whether the server committed them.
 */
export async function settleUnanswered(db: Db, targets: RowTarget[]) {
  const open = targets.filter((t) => t.unanswered !== undefined)
  if (open.length === 0) return
  const current = new Map((await db.select({ id: statuses.id, version: statuses.version, note: statuses.note }).from(statuses).where(inArray(statuses.id, open.map((t) => t.id)))).map((r) => [r.id, r]))
  for (const t of open) {
    const row = current.get(t.id)
    if (row?.version === t.version + 1 && row.note === t.unanswered) recordSave(t, t.unanswered!)
    t.unanswered = undefined
  }
}

/** History records the edit form wrote for these editors so far. */
export async function formHistoryCount(db: Db, editors: Editor[]): Promise<number> {
  const ids = (await db.select({ id: users.id }).from(users).where(inArray(users.email, editors.map((e) => e.email)))).map((u) => u.id)
  const [{ count }] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from status_changes where source = 'form' and changed_by in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
  )
  return count
}

/** Rows whose version or note is not exactly what this client's acknowledged saves produced. */
export async function rowsNotAsSaved(db: Db, targets: RowTarget[]): Promise<number> {
  const touched = targets.filter((t) => t.saved > 0)
  if (touched.length === 0) return 0
  const current = new Map(
    (await db.select({ id: statuses.id, version: statuses.version, note: statuses.note }).from(statuses).where(inArray(statuses.id, touched.map((t) => t.id)))).map(
      (r) => [r.id, r],
    ),
  )
  return touched.filter((t) => current.get(t.id)?.version !== t.version || current.get(t.id)?.note !== t.lastNote).length
}
