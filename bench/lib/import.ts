// The CSV import of every status row, through the model path the /import page uses.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { eq } from 'drizzle-orm'
import { users } from '../../db/schema'
import type { SessionUser } from '../../app/domain/permissions'
import type { DatabaseHandle } from '../../app/utils/db.server'
import { round } from './stats'

export type ImportResult = {
  status: 'ok' | 'fehlt' | 'fehler' | 'abgelehnt'
  note?: string
  rows?: number
  megabytes?: number
  files?: number
  changedRows?: number
  previewSeconds?: number
  applySeconds?: number
  totalSeconds?: number
  fullFileRefused?: string
}

export async function csvImport(handle: DatabaseHandle): Promise<ImportResult> {
  if (!existsSync(resolve(process.cwd(), 'app/models/import.server.ts'))) return { status: 'fehlt', note: 'app/models/import.server.ts fehlt' }
  try {
    const imp = await import('../../app/models/import.server')
    const exp = await import('../../app/models/export.server')
    const csv = await import('../../app/domain/status-csv')
    const [coordinator] = await handle.db.select().from(users).where(eq(users.email, 'koordination@bench.invalid'))
    const user: SessionUser = { id: coordinator.id, email: coordinator.email, name: coordinator.name, role: 'coordinator', countyId: null, countyAgs: null }
    const all = await exp.listStatusRows(csv.StatusFilter.parse({}))
    // Every tenth row gets a new note, so the import really writes (with history) and is not a no-op.
    const records = all.map((row, i) => {
      const record = csv.toCsvRecord(row)
      return i % 10 === 0 ? { ...record, notiz: `Import-Benchmark ${i}` } : record
    })
    const file = { name: 'alle.csv', bytes: new TextEncoder().encode(csv.formatStatusCsv(records)) }
    const result: ImportResult = { status: 'ok', rows: records.length, megabytes: round(file.bytes.byteLength / 1048576, 1), files: 1 }
    // The whole file in one go, as a coordinator would upload it (limit MAX_STATUS_IMPORT_BYTES).
    if (file.bytes.byteLength > imp.MAX_STATUS_IMPORT_BYTES) {
      return { ...result, status: 'abgelehnt', fullFileRefused: `${result.megabytes} MB > ${imp.MAX_STATUS_IMPORT_LABEL}` }
    }
    const t0 = performance.now()
    const preview = await imp.previewImport(file, user)
    const t1 = performance.now()
    if (preview.refused || preview.errorCount > 0 || !preview.token) {
      return { ...result, status: 'fehler', note: preview.refused ?? `${preview.errorCount} Fehler, z. B. ${JSON.stringify(preview.errors[0])}` }
    }
    const applied = await imp.applyImport(preview.token, user)
    const t2 = performance.now()
    if (!applied.ok) return { ...result, status: 'fehler', note: applied.message }
    return {
      ...result,
      changedRows: applied.changed,
      previewSeconds: round((t1 - t0) / 1000, 2),
      applySeconds: round((t2 - t1) / 1000, 2),
      totalSeconds: round((t2 - t0) / 1000, 2),
    }
  } catch (error) {
    return { status: 'fehler', note: error instanceof Error ? error.message : String(error) }
  }
}
