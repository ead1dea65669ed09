// /import/katalog (a sibling of /import, not nested in its page: hence the trailing underscore).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { z } from 'zod'
import { FileField } from '~/components/fields'
import { ErrorSummary, type FieldErrors } from '~/components/form'
import { safeFileName } from '~/domain/text'
import { applyCatalogueImport, previewCatalogueImport, type CatalogueChange, type CataloguePreview } from '~/models/catalogue-import.server'
import { MAX_IMPORT_BYTES, MAX_IMPORT_LABEL } from '~/models/import-file.server'
import { openImportFile, sealImportFile, type SealedImport } from '~/models/import-seal.server'
import { requireCoordinator } from '~/guards/auth.server'
import { ImportErrorTable } from '~/components/import-errors'
import { readForm } from '~/utils/form.server'

export const meta: MetaFunction = () => [{ title: 'Katalog-Import – OZG-Radar' }]

const Confirm = z.object({ name: z.string().min(1).max(300), payload: z.string().min(1), fingerprint: z.string(), signature: z.string().min(1) })

type ActionData = { errors: FieldErrors; preview: CataloguePreview | null; sealed: SealedImport | null; applied: boolean; message: string | null }
function reply(body: Partial<ActionData>, status = 200) {
  return data<ActionData>({ errors: {}, preview: null, sealed: null, applied: false, message: null, ...body }, { status })
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCoordinator(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCoordinator(request)
  const tooLarge = `Die Datei ist zu groß: höchstens ${MAX_IMPORT_LABEL} sind erlaubt.`
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_IMPORT_BYTES * 1.4 + 65_536) return reply({ errors: { datei: tooLarge } }, 413)
  const form = await readForm(request, { files: ['datei'] })
  if (form.get('intent') === 'confirm') {
    const parsed = Confirm.safeParse(Object.fromEntries(form))
    const file = parsed.success ? openImportFile(parsed.data, user.id) : null
    if (!parsed.success || !file) return reply({ errors: { datei: 'Die Vorschau ist nicht mehr gültig. Laden Sie die Datei bitte erneut hoch.' } }, 400)
    const result = await applyCatalogueImport(file, user, parsed.data.fingerprint)
    if (!result.ok) {
      const sealed = result.preview.errors.length === 0 ? sealImportFile(file, result.preview.fingerprint, user.id) : null
      return reply({ preview: result.preview, sealed, message: result.message }, 409)
    }
    return reply({ preview: result.preview, applied: true })
  }
  const upload = form.get('datei')
  if (!(upload instanceof File) || upload.size === 0 || upload.name === '') return reply({ errors: { datei: 'Wählen Sie eine CSV-Datei aus.' } }, 400)
  if (upload.size > MAX_IMPORT_BYTES) return reply({ errors: { datei: tooLarge } }, 413)
  const file = { name: safeFileName(upload.name), bytes: new Uint8Array(await upload.arrayBuffer()) }
  const preview = await previewCatalogueImport(file)
  const ok = preview.errors.length === 0
  return reply({ preview, sealed: ok ? sealImportFile(file, preview.fingerprint, user.id) : null }, ok ? 200 : 400)
}

const KIND_LABEL: Record<CatalogueChange['kind'], string> = {
  added: 'Neu',
  renamed: 'Umbenannt',
  moved: 'Themenfeld/Lebenslage geändert',
  retired: 'Ausgesondert',
  reactivated: 'Wieder aufgenommen',
}

function describe(c: CatalogueChange) {
  switch (c.kind) {
    case 'added':
      return `${c.name} (${c.theme}${c.lifeSituation ? ` / ${c.lifeSituation}` : ''}); je Mitgliedskreis eine offene Zeile`
    case 'renamed':
      return `${c.from} → ${c.to}`
    case 'moved':
      return `${c.name}: ${c.from} → ${c.to}`
    case 'retired':
      return `${c.name}; Zeilen und Historie bleiben erhalten`
    case 'reactivated':
      return c.name
  }
}

export default function CatalogueImport() {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const errors = actionData?.errors ?? {}
  const preview = actionData?.preview
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (actionData?.preview) headingRef.current?.focus()
  }, [actionData])
  return (
    <div className="kern-stack">
      <p className="kern-body">
        <Link className="kern-link" to="/import">
          ← Import und Export
        </Link>
      </p>
      <h1 className="kern-heading-large">Katalog-Import</h1>
      <p className="kern-body">
        Aktualisiert den Leistungskatalog aus einer CSV-Datei im Format der Referenzdaten mit den Spalten <code>ozg_id</code>,{' '}
        <code>ozg_leistung</code>, <code>lebenslage</code> und <code>themenfeld</code>. Neue Leistungen erhalten für jeden Mitgliedskreis
        eine offene Zeile, geänderte Namen werden übernommen, fehlende Leistungen werden ausgesondert – gelöscht wird nichts.
      </p>
      <ErrorSummary errors={errors} />
      <Form method="post" encType="multipart/form-data" className="kern-stack" noValidate>
        <input type="hidden" name="intent" value="preview" />
        <FileField name="datei" label="Katalogdatei (CSV)" hint={`Höchstens ${MAX_IMPORT_LABEL_TEXT}; Trennzeichen „;“ oder „,“.`} error={errors.datei} accept=".csv,text/csv" />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
            <span className="kern-label">Vorschau anzeigen</span>
          </button>
        </div>
      </Form>

      {preview && actionData ? <CataloguePreviewView preview={preview} actionData={actionData} busy={busy} headingRef={headingRef} /> : null}
    </div>
  )
}

const MAX_IMPORT_LABEL_TEXT = '10 MB'

function CataloguePreviewView({
  preview,
  actionData,
  busy,
  headingRef,
}: {
  preview: CataloguePreview
  actionData: ActionData
  busy: boolean
  headingRef: React.RefObject<HTMLHeadingElement>
}) {
  return (
    <section className="kern-stack" aria-labelledby="preview-heading">
      <h2 className="kern-heading-medium" id="preview-heading" tabIndex={-1} ref={headingRef}>
        {actionData.applied ? `Katalog übernommen: ${preview.fileName}` : `Vorschau: ${preview.fileName}`}
      </h2>
      {actionData.message ? (
        <div className="kern-alert kern-alert--warning" role="alert">
          <div className="kern-alert__body">
            <p className="kern-body">{actionData.message}</p>
          </div>
        </div>
      ) : null}
      {actionData.applied ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Der Katalog wurde aktualisiert. Jede Änderung steht im Protokoll.</p>
          </div>
        </div>
      ) : null}
      <p className="kern-body">
        {preview.rowCount} Leistungen in der Datei: {preview.counts.added} neu, {preview.counts.renamed} umbenannt, {preview.counts.moved}{' '}
        verschoben, {preview.counts.retired} ausgesondert, {preview.counts.reactivated} wieder aufgenommen, {preview.counts.unchanged}{' '}
        unverändert.
      </p>
      {preview.errors.length > 0 ? (
        <ImportErrorTable
          errors={preview.errors}
          caption={`Fehler in der Datei (${preview.errors.length}) – es wird nichts übernommen`}
        />
      ) : null}
      {preview.changes.length > 0 ? <CatalogueChangesTable changes={preview.changes} /> : null}
      {!actionData.applied && preview.errors.length === 0 && preview.changes.length === 0 ? (
        <p className="kern-body">Der Katalog stimmt mit der Datei überein; es gibt nichts zu übernehmen.</p>
      ) : null}
      {!actionData.applied && actionData.sealed && preview.changes.length > 0 ? (
        <Form method="post" className="kern-stack">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="name" value={actionData.sealed.name} />
          <input type="hidden" name="payload" value={actionData.sealed.payload} />
          <input type="hidden" name="fingerprint" value={actionData.sealed.fingerprint} />
          <input type="hidden" name="signature" value={actionData.sealed.signature} />
          <div>
            <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
              <span className="kern-label">Katalog übernehmen</span>
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  )
}

function CatalogueChangesTable({ changes }: { changes: CatalogueChange[] }) {
  return (
    <div className="table-scroll">
      <table className="kern-table kern-table--striped">
        <caption className="kern-title">Änderungen am Katalog ({changes.length})</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">OZG-ID</th>
            <th scope="col" className="kern-table__header">Art</th>
            <th scope="col" className="kern-table__header">Änderung</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {changes.map((c) => (
            <tr className="kern-table__row" key={`${c.kind}-${c.ozgId}`}>
              <th scope="row" className="kern-table__cell">{c.ozgId}</th>
              <td className="kern-table__cell">{KIND_LABEL[c.kind]}</td>
              <td className="kern-table__cell">{describe(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
