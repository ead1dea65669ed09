// Status list import: a CSV or XLSX file becomes a preview (new, changed, unchanged rows and
// every error by line and column); the confirmation applies exactly the previewed changes, all
// or nothing, in one transaction through applyStatusChanges(). Reading the file is
// import-file.server.ts, comparing it with the current rows import-plan.server.ts; this module
// keeps the upload between preview and confirmation and applies it.
//
// Built for a national file (230k rows, ~45 MB): the CSV is read as a stream in batches of rows,
// each batch's current rows come from one query, and a row that is exactly what the export
// writes for its current state is counted unchanged by comparing strings — the schema parses
// only the rows that differ. Between preview and confirmation the file and the planned changes
// wait in the database (import_uploads), so the confirmation does not parse the file again and
// the page carries only a small signed token (docs/decisions/008-import-upload-waiting-room.md).
import { randomBytes } from 'node:crypto'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { and, eq, gt, isNotNull, lt, sql } from 'drizzle-orm'
import { auditLog, importUploads, statuses } from '../../db/schema'
import type { SessionUser } from '~/domain/permissions'
import { canEditCounty } from '~/domain/permissions'
import { getDb } from '~/utils/db.server'
import { PairMap } from './import-current.server'
import { GZIP_OPTIONS, gzipAsync, sourceOf, type ImportFile, type PackedImportFile, type Source } from './import-file.server'
import { analyse, type Analysis, type ImportPreview, type PlannedChange } from './import-plan.server'
import { openImportToken, sign } from './import-seal.server'
import { applyStatusChanges, StatusConflictError, StatusRuleError } from './status-write.server'

// What routes and tests use of the import, under the one name they know.
export {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_LABEL,
  MAX_STATUS_IMPORT_BYTES,
  MAX_STATUS_IMPORT_LABEL,
  MAX_XLSX_IMPORT_LABEL,
  packImportFile,
  STATUS_IMPORT_TOO_LARGE,
  type ImportFile,
  type ImportIssue,
  type PackedImportFile,
} from './import-file.server'
export { PREVIEW_LIST_LIMIT, type ImportChange, type ImportPreview, type ImportRowPreview } from './import-plan.server'
export { openImportToken } from './import-seal.server'

/** How long a preview can be confirmed. */
const UPLOAD_TTL_HOURS = 24
const EXPIRED = 'Die Vorschau ist nicht mehr gültig. Laden Sie die Datei bitte erneut hoch.'
const gunzipAsync = promisify(gunzip)

async function storeFile(id: string, source: Source, user: SessionUser) {
  const file = await source.gzip()
  const db = await getDb()
  // Previews nobody confirmed go when the next one is stored.
  await db.delete(importUploads).where(lt(importUploads.expiresAt, sql`now()`))
  await db.insert(importUploads).values({
    id,
    userId: user.id,
    fileName: source.name,
    file,
    expiresAt: sql`now() + make_interval(hours => ${UPLOAD_TTL_HOURS})`,
  })
}

async function previewAndStore(source: Source, user: SessionUser): Promise<ImportPreview> {
  const id = randomBytes(18).toString('base64url')
  // The file goes into the database while it is analysed (for a national file both take
  // seconds, one in PostgreSQL, one here); the token that can confirm it comes only at the end.
  const storing = storeFile(id, source, user)
  storing.catch(() => {}) // awaited below; this only marks an early failure as handled
  const discard = async () => {
    await storing
    await (await getDb()).delete(importUploads).where(eq(importUploads.id, id))
  }
  let analysis: Analysis
  try {
    analysis = await analyse(source, user)
  } catch (error) {
    await discard().catch(() => {})
    throw error
  }
  const { preview } = analysis
  if (preview.refused || preview.errorCount > 0 || analysis.plan.length === 0) {
    await discard()
    return preview
  }
  const token = `${id}.${sign(user.id, id)}`
  const plan = await gzipAsync(analysis.plan.json, GZIP_OPTIONS)
  await storing
  const db = await getDb()
  await db.update(importUploads).set({ plan, preview: { ...preview, token } }).where(eq(importUploads.id, id))
  return { ...preview, token }
}

/** What the file would change; nothing is written but the upload, kept for the confirmation. */
export async function previewImport(file: ImportFile | PackedImportFile, user: SessionUser): Promise<ImportPreview> {
  return previewAndStore(sourceOf(file), user)
}

export type ApplyImportResult =
  | { ok: true; changed: number; created: number; preview: ImportPreview }
  | { ok: false; reason: 'invalid' | 'stale' | 'expired'; preview: ImportPreview | null; message: string }

class StaleImportError extends Error {}
class ForeignRowsError extends Error {}

// A reference deleted or a row created since the preview: PostgreSQL's foreign key and unique
// violations (drizzle wraps the driver's error in `cause`).
function isStaleConstraint(error: unknown) {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code
  return code === '23503' || code === '23505'
}

/**
 * Applies the previewed changes all or nothing. Every changed row must still be at the version
 * the preview read; otherwise nothing is written and a new preview of the same file comes back.
 */
export async function applyImport(token: string, user: SessionUser): Promise<ApplyImportResult> {
  const id = openImportToken(token, user.id)
  if (!id) return { ok: false, reason: 'expired', preview: null, message: EXPIRED }
  const db = await getDb()
  try {
    const applied = await db.transaction(async (tx) => {
      // Taken out in the transaction: a second click on „Import übernehmen“ waits for the first
      // and then finds nothing; a rollback puts it back.
      const [upload] = await tx
        .delete(importUploads)
        .where(and(eq(importUploads.id, id), eq(importUploads.userId, user.id), gt(importUploads.expiresAt, sql`now()`), isNotNull(importUploads.plan)))
        .returning({ fileName: importUploads.fileName, plan: importUploads.plan, preview: importUploads.preview })
      if (!upload?.plan) return null
      const preview = upload.preview as ImportPreview
      const plan = JSON.parse((await gunzipAsync(upload.plan)).toString('utf8')) as PlannedChange[]
      // The role or county may have changed since the preview.
      if (plan.some((p) => !canEditCounty(user, p.countyId))) throw new ForeignRowsError()
      // A county × service without a row (e.g. a county added after the catalogue) starts as the
      // defaults and then takes the file's values through the same write path.
      const created = plan.filter((p) => p.statusId === null)
      const ids = new PairMap<number>()
      for (let i = 0; i < created.length; i += 5000) {
        if (i > 0) await nextTurn()
        const part = created.slice(i, i + 5000)
        const inserted = await tx
          .insert(statuses)
          .values(part.map((p) => ({ countyId: p.countyId, serviceId: p.serviceId, updatedBy: user.id })))
          .onConflictDoNothing()
          .returning({ id: statuses.id, countyId: statuses.countyId, serviceId: statuses.serviceId })
        if (inserted.length !== part.length) throw new StaleImportError()
        for (const r of inserted) ids.set(r.countyId, r.serviceId, r.id)
      }
      await applyStatusChanges(
        tx,
        plan.map((p) => ({
          statusId: p.statusId ?? ids.get(p.countyId, p.serviceId)!,
          set: p.set,
          ...(p.version !== null ? { expectedVersion: p.version } : {}),
        })),
        { id: user.id },
        { comment: `Import ${upload.fileName}`, source: 'import' },
      )
      await tx.insert(auditLog).values({
        userId: user.id,
        action: 'import',
        entity: 'statuses',
        entityId: null,
        details: { fileName: upload.fileName, rows: preview.rowCount, changed: preview.counts.changed, created: preview.counts.new, fingerprint: preview.fingerprint },
      })
      return preview
    })
    if (!applied) return { ok: false, reason: 'expired', preview: null, message: EXPIRED }
    return { ok: true, changed: applied.counts.changed, created: applied.counts.new, preview: { ...applied, token: null } }
  } catch (error) {
    if (error instanceof StatusConflictError || error instanceof StaleImportError || isStaleConstraint(error)) {
      const preview = await previewStoredAgain(id, user)
      if (!preview) return { ok: false, reason: 'expired', preview: null, message: EXPIRED }
      return {
        ok: false,
        reason: 'stale',
        preview,
        message: 'Seit der Vorschau wurden Zeilen geändert. Es wurde nichts übernommen; prüfen Sie die aktualisierte Vorschau und bestätigen Sie erneut.',
      }
    }
    if (error instanceof StatusRuleError) {
      return { ok: false, reason: 'invalid', preview: null, message: `Es wurde nichts übernommen: ${error.message}` }
    }
    if (error instanceof ForeignRowsError) {
      return { ok: false, reason: 'invalid', preview: null, message: 'Es wurde nichts übernommen: Die Datei enthält Zeilen von Kreisen, die Sie nicht (mehr) bearbeiten dürfen.' }
    }
    throw error
  }
}

/** The stored file analysed against today's data, stored anew in place of the old upload. */
async function previewStoredAgain(id: string, user: SessionUser): Promise<ImportPreview | null> {
  const db = await getDb()
  const [upload] = await db
    .select({ fileName: importUploads.fileName, file: importUploads.file })
    .from(importUploads)
    .where(and(eq(importUploads.id, id), eq(importUploads.userId, user.id)))
  if (!upload) return null
  const file = Buffer.from(upload.file)
  // The gzip trailer's last four bytes hold the uncompressed size (mod 2^32; files are < 64 MB).
  const size = file.readUInt32LE(file.byteLength - 4)
  const preview = await previewAndStore(sourceOf({ name: upload.fileName, size, gzip: file }), user)
  await db.delete(importUploads).where(eq(importUploads.id, id))
  return preview
}

