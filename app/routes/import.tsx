import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { z } from 'zod'
import { FileField } from '~/components/fields'
import { ErrorSummary, type FieldErrors } from '~/components/form'
import { canEditCatalogue, canImport } from '~/domain/permissions'
import { safeFileName } from '~/domain/text'
import {
  applyImport,
  MAX_STATUS_IMPORT_BYTES,
  MAX_STATUS_IMPORT_LABEL,
  MAX_XLSX_IMPORT_LABEL,
  packImportFile,
  previewImport,
  STATUS_IMPORT_TOO_LARGE,
  type ImportPreview,
  type PackedImportFile,
} from '~/models/import.server'
import { requireUser } from '~/guards/auth.server'
import { forbidden } from '~/utils/http.server'
import { ImportErrorTable } from '~/components/import-errors'
import { isMultipart, readFormValues, readMultipart } from '~/utils/form.server'

export const meta: MetaFunction = () => [{ title: 'Import und Export – OZG-Radar' }]

const Confirm = z.object({ intent: z.literal('confirm'), token: z.string().min(1).max(200) })

type ActionData = {
  errors: FieldErrors
  preview: ImportPreview | null
  applied: { changed: number; created: number } | null
  message: string | null
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { canImport: canImport(user), canEditCatalogue: canEditCatalogue(user), countyAgs: user.countyAgs, maxLabel: MAX_STATUS_IMPORT_LABEL, maxXlsxLabel: MAX_XLSX_IMPORT_LABEL }
}

function reply(body: Partial<ActionData>, status = 200) {
  return data<ActionData>({ errors: {}, preview: null, applied: null, message: null, ...body }, { status })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  if (!canImport(user)) throw forbidden('Nur Bearbeiterinnen und Bearbeiter der Kreise und die Koordination dürfen Umsetzungsstände importieren.')

  if (!isMultipart(request)) {
    // The confirmation: a token naming the upload kept on the server since the preview.
    const values = await readFormValues(request)
    if (values.intent !== 'confirm') return reply({ errors: { datei: 'Wählen Sie eine CSV- oder XLSX-Datei aus.' } }, 400)
    const parsed = Confirm.safeParse(values)
    if (!parsed.success) return reply({ errors: { datei: 'Die Vorschau ist nicht mehr gültig. Laden Sie die Datei bitte erneut hoch.' } }, 400)
    const result = await applyImport(parsed.data.token, user)
    if (!result.ok) {
      if (!result.preview) return reply({ errors: { datei: result.message } }, 409)
      return reply({ preview: result.preview, message: result.message }, 409)
    }
    return reply({ preview: result.preview, applied: { changed: result.changed, created: result.created } })
  }

  // The upload streams in and is compressed on the way, so the server never holds the whole
  // file (up to 64 MB) — an oversized one is refused before reading when its length says so.
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_STATUS_IMPORT_BYTES + 65_536) return reply({ errors: { datei: STATUS_IMPORT_TOO_LARGE } }, 413)
  let upload: PackedImportFile | 'too-large' | null = null
  await readMultipart(request, async ({ name, filename, data }) => {
    if (name === 'datei' && filename && upload === null) {
      upload = await packImportFile(safeFileName(filename), data)
    } else {
      for await (const _ of data) {
        // Other fields (the intent) carry nothing the preview needs.
      }
    }
    return undefined
  })
  const file = upload as PackedImportFile | 'too-large' | null
  if (file === 'too-large') return reply({ errors: { datei: STATUS_IMPORT_TOO_LARGE } }, 413)
  // A browser sends an unnamed empty part when no file was chosen: that is not an empty file.
  if (file === null) return reply({ errors: { datei: 'Wählen Sie eine CSV- oder XLSX-Datei aus.' } }, 400)
  if (file.size === 0) return reply({ errors: { datei: 'Die Datei ist leer. Wählen Sie die Datei mit den Umsetzungsständen aus.' } }, 400)
  const preview = await previewImport(file, user)
  return reply({ preview }, !preview.refused && preview.errorCount === 0 ? 200 : 400)
}

export default function ImportPage() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const errors = actionData?.errors ?? {}
  const preview = actionData?.preview ?? null
  const resultRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    // Move focus to the outcome so screen readers announce it after the upload.
    if (actionData?.preview) resultRef.current?.focus()
  }, [actionData])

  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Import und Export</h1>

      <ExportSection countyAgs={loaderData.countyAgs} />

      <section className="kern-stack" aria-labelledby="import-heading">
        <h2 className="kern-heading-medium" id="import-heading">
          Import der Umsetzungsstände
        </h2>
        {!loaderData.canImport ? (
          <p className="kern-body">Mit Ihrer Rolle können Sie Daten exportieren, aber nicht importieren.</p>
        ) : (
          <>
            <p className="kern-body">
              Laden Sie eine CSV-Datei (Trennzeichen „;“ oder „,“, mit oder ohne BOM) oder eine XLSX-Datei im Format des Exports hoch,
              höchstens {loaderData.maxLabel} (XLSX: {loaderData.maxXlsxLabel}). Sie sehen zuerst eine Vorschau; übernommen wird erst,
              wenn Sie bestätigen – dann alle Zeilen auf einmal oder keine.
              {loaderData.countyAgs && !loaderData.canEditCatalogue
                ? ` Sie dürfen nur Zeilen Ihres Kreises (${loaderData.countyAgs}) importieren.`
                : ''}
            </p>
            <ImportForm errors={errors} maxLabel={loaderData.maxLabel} maxXlsxLabel={loaderData.maxXlsxLabel} busy={busy} />
            {loaderData.canEditCatalogue ? (
              <p className="kern-body">
                Den Leistungskatalog selbst aktualisieren Sie im{' '}
                <Link className="kern-link" to="/import/katalog">
                  Katalog-Import
                </Link>
                .
              </p>
            ) : null}
          </>
        )}
      </section>

      {preview ? <PreviewView preview={preview} actionData={actionData!} busy={busy} headingRef={resultRef} /> : null}
    </div>
  )
}

function PreviewView({
  preview,
  actionData,
  busy,
  headingRef,
}: {
  preview: ImportPreview
  actionData: ActionData
  busy: boolean
  headingRef: React.RefObject<HTMLHeadingElement>
}) {
  const applied = actionData.applied
  const hasErrors = preview.errorCount > 0 || !!preview.refused
  const toApply = preview.counts.new + preview.counts.changed
  return (
    <section className="kern-stack" aria-labelledby="preview-heading">
      <h2 className="kern-heading-medium" id="preview-heading" tabIndex={-1} ref={headingRef}>
        {applied ? `Import übernommen: ${preview.fileName}` : `Vorschau: ${preview.fileName}`}
      </h2>
      <PreviewAlerts preview={preview} applied={applied} message={actionData.message} />

      <PreviewCounts preview={preview} />
      {preview.notes.map((note) => (
        <p className="kern-body" key={note}>
          {note}
        </p>
      ))}

      {preview.errorCount > 0 ? (
        <ImportErrorTable
          errors={preview.errors}
          caption={
            <>
              Fehler in der Datei ({preview.errorCount}
              {preview.errorCount > preview.errors.length ? `, die ersten ${preview.errors.length} gezeigt` : ''}) – es wird nichts
              übernommen, bis alle behoben sind
            </>
          }
        />
      ) : null}

      {preview.rows.length > 0 ? <ChangesTable preview={preview} applied={!!applied} toApply={toApply} /> : null}

      {!applied && !hasErrors && toApply === 0 ? (
        <p className="kern-body">Die Datei stimmt mit dem gespeicherten Stand überein; es gibt nichts zu übernehmen.</p>
      ) : null}
      {!applied && !hasErrors && toApply > 0 && preview.token ? (
        <Form method="post" className="kern-stack">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="token" value={preview.token} />
          <p className="kern-body">
            Mit „Import übernehmen“ werden {toApply} Zeilen in einem Schritt gespeichert. Eine Zeile, die inzwischen jemand anderes
            geändert hat, führt zu einer neuen Vorschau statt zu einem Überschreiben.
          </p>
          <div>
            <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
              <span className="kern-label">Import übernehmen</span>
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  )
}

function ExportSection({ countyAgs }: { countyAgs: string | null }) {
  return (
  <section className="kern-stack" aria-labelledby="export-heading">
    <h2 className="kern-heading-medium" id="export-heading">
      Export
    </h2>
    <p className="kern-body">
      Die Umsetzungsstände als CSV (UTF-8 mit BOM, Semikolon, wie Excel sie öffnet) oder als Excel-Arbeitsmappe. Eine exportierte
      Datei können Sie bearbeiten und wieder importieren.
    </p>
    <ul className="kern-list">
      {countyAgs ? (
        <li>
          Ihr Kreis ({countyAgs}):{' '}
          <a className="kern-link" href={`/export?format=csv&kreis=${countyAgs}`} download>
            CSV herunterladen<span className="visually-hidden"> (Ihr Kreis)</span>
          </a>{' '}
          ·{' '}
          <a className="kern-link" href={`/export?format=xlsx&kreis=${countyAgs}`} download>
            XLSX herunterladen<span className="visually-hidden"> (Ihr Kreis)</span>
          </a>
        </li>
      ) : null}
      <li>
        Alle Kreise der Community:{' '}
        <a className="kern-link" href="/export?format=csv" download>
          CSV herunterladen<span className="visually-hidden"> (alle Kreise)</span>
        </a>{' '}
        ·{' '}
        <a className="kern-link" href="/export?format=xlsx" download>
          XLSX herunterladen<span className="visually-hidden"> (alle Kreise)</span>
        </a>
      </li>
    </ul>
  </section>
  )
}

function ImportForm({ errors, maxLabel, maxXlsxLabel, busy }: { errors: FieldErrors; maxLabel: string; maxXlsxLabel: string; busy: boolean }) {
  return (
    <>
    <ErrorSummary errors={errors} />
    <Form method="post" encType="multipart/form-data" className="kern-stack" noValidate>
      <input type="hidden" name="intent" value="preview" />
      <FileField
        name="datei"
        label="Datei (CSV oder XLSX)"
        hint={`Höchstens ${maxLabel} als CSV, ${maxXlsxLabel} als XLSX. Spalten wie im Export; „kreis“ und „leistung“ dienen nur der Lesbarkeit.`}
        error={errors.datei}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      />
      <div>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
          <span className="kern-label">Vorschau anzeigen</span>
        </button>
      </div>
    </Form>
    </>
  )
}

function PreviewAlerts({ preview, applied, message }: { preview: ImportPreview; applied: ActionData['applied']; message: ActionData['message'] }) {
  return (
    <>
      {applied ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">
              {applied.changed + applied.created} Zeilen übernommen ({applied.changed} geändert, {applied.created} neu). Jede Änderung
              steht in der Historie der Zeile mit dem Kommentar „Import {preview.fileName}“.
            </p>
          </div>
        </div>
      ) : null}
      {message ? (
        <div className="kern-alert kern-alert--warning" role="alert">
          <div className="kern-alert__body">
            <p className="kern-body">{message}</p>
          </div>
        </div>
      ) : null}
      {preview.refused ? (
        <div className="kern-alert kern-alert--danger" role="alert">
          <div className="kern-alert__header">
            <span className="kern-title">Datei abgelehnt</span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">{preview.refused}</p>
          </div>
        </div>
      ) : null}
    </>
  )
}

function ChangesTable({ preview, applied, toApply }: { preview: ImportPreview; applied: boolean; toApply: number }) {
  return (
    <div className="table-scroll">
      <table className="kern-table kern-table--striped">
        <caption className="kern-title">
          {applied ? 'Übernommene Änderungen' : 'Änderungen, die der Import vornehmen würde'} ({toApply}
          {toApply > preview.rows.length ? `, die ersten ${preview.rows.length} gezeigt` : ''})
        </caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header kern-table__header--numeric">Zeile</th>
            <th scope="col" className="kern-table__header">Kreis</th>
            <th scope="col" className="kern-table__header">Leistung</th>
            <th scope="col" className="kern-table__header">Art</th>
            <th scope="col" className="kern-table__header">Änderungen</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {preview.rows.map((r) => (
            <tr className="kern-table__row" key={`${r.ags}-${r.ozgId}`}>
              <td className="kern-table__cell kern-table__cell--numeric">{r.line}</td>
              <td className="kern-table__cell">{r.county}</td>
              <th scope="row" className="kern-table__cell">
                {r.ozgId} {r.service}
              </th>
              <td className="kern-table__cell">{r.kind === 'new' ? 'Neu' : 'Geändert'}</td>
              <td className="kern-table__cell">
                <ul className="kern-list">
                  {r.changes.map((c) => (
                    <li key={c.field}>
                      {c.label}: {c.from} → {c.to}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function PreviewCounts({ preview }: { preview: ImportPreview }) {
  return (
    <dl className="kpis">
      <div className="kpi">
        <dt>Zeilen in der Datei</dt>
        <dd>{preview.rowCount}</dd>
      </div>
      <div className="kpi">
        <dt>Neu</dt>
        <dd>{preview.counts.new}</dd>
      </div>
      <div className="kpi">
        <dt>Geändert</dt>
        <dd>{preview.counts.changed}</dd>
      </div>
      <div className="kpi">
        <dt>Unverändert</dt>
        <dd>{preview.counts.unchanged}</dd>
      </div>
      <div className="kpi">
        <dt>Fehler</dt>
        <dd>{preview.errorCount}</dd>
      </div>
    </dl>
  )
}
