import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { ChangeList, changeSourceLabel } from '~/components/change-list'
import { enumOptions, SelectField, TextField } from '~/components/fields'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import {
  Approach,
  Connection,
  Funding,
  InterfaceStatus,
  InternalProcessing,
  MaturityModel,
  OnlineServiceKind,
  PendingPlan,
  Stage,
} from '~/domain/enums'
import { canEditCounty } from '~/domain/permissions'
import {
  displayValue,
  FIELD_COLUMN,
  FIELD_LABEL,
  statusFormSchema,
  toFormValues,
  type StatusDiff,
  type StatusField,
  type StatusFormValues,
} from '~/domain/status'
import { getReferenceNames, getStatus, getStatusForSave, getStatusReferences, listHistory, mergeAfterConflict, updateStatus } from '~/models/status.server'
import { requireUser } from '~/guards/auth.server'
import { echo, forbidden, notFound, parseParams } from '~/utils/http.server'
import { readFormValues } from '~/utils/form.server'

const RowParams = z.object({ ags: z.string().regex(/^([0-9]{5}|[0-9]{8})$/), ozgId: z.string().regex(/^[0-9]{5}$/) })

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.row.serviceName} – ${data.row.countyName} – OZG-Radar` : 'Leistung – OZG-Radar' },
]

async function loadRow(params: unknown) {
  const { ags, ozgId } = parseParams(RowParams, params)
  const row = await getStatus(ags, ozgId)
  if (!row) throw notFound('Diese Leistung gibt es für diesen Kreis nicht. Prüfen Sie AGS und OZG-ID.')
  return row
}

/** Names for the ids in history entries and the conflict view. */
async function namesFor(entries: { changes: StatusDiff }[]) {
  const os = new Set<number>()
  const fv = new Set<number>()
  for (const e of entries) {
    for (const [field, change] of Object.entries(e.changes)) {
      for (const v of [change?.from, change?.to]) {
        if (typeof v !== 'number') continue
        if (field === 'onlineServiceId') os.add(v)
        if (field === 'fachverfahrenId') fv.add(v)
      }
    }
  }
  return getReferenceNames([...os], [...fv])
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const row = await loadRow(params)
  const [references, history] = await Promise.all([getStatusReferences(row.serviceId, row.onlineServiceId), listHistory(row.id)])
  const saved = new URL(request.url).searchParams.get('gespeichert')
  return {
    row: { ...row, values: undefined },
    formValues: toFormValues(row.values),
    references,
    history,
    names: await namesFor(history),
    canEdit: canEditCounty(user, row.countyId),
    saved: saved === 'ja' ? 'changed' : saved === 'bestaetigt' ? 'confirmed' : null,
  }
}

type ConflictView = {
  version: number
  changesSince: { changedAt: string | Date; byName: string | null; byEmail: string | null; comment: string | null; changes: StatusDiff }[]
  clashes: StatusField[]
  theirs: StatusField[]
  current: Record<string, unknown>
  mine: Record<string, unknown>
  names: { onlineServices: (readonly [number, string])[]; fachverfahren: (readonly [number, string])[] }
}
type ActionData = { errors: FieldErrors; values: StatusFormValues & { kommentar: string; version: string }; conflict?: ConflictView }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { ags, ozgId } = parseParams(RowParams, params)
  const raw = await readFormValues(request)
  const typed = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v : ''])) as ActionData['values']
  // The row and only the two references this form names, in one query: a save is the hot path.
  const found = await getStatusForSave(ags, ozgId, { onlineService: typed.online_dienst ?? '', fachverfahren: typed.fachverfahren ?? '' })
  if (!found) throw notFound('Diese Leistung gibt es für diesen Kreis nicht. Prüfen Sie AGS und OZG-ID.')
  const { row, onlineService, context } = found
  if (!canEditCounty(user, row.countyId)) {
    throw forbidden(`Sie dürfen nur die Leistungen Ihres eigenen Kreises bearbeiten, nicht die von ${row.countyName}.`)
  }
  const parsed = statusFormSchema(context).safeParse(raw)
  if (!parsed.success) {
    // The form is never cleared on an error: everything typed goes back with the messages.
    return data<ActionData>({ errors: fieldErrors(parsed.error), values: echo(typed) }, { status: 400 })
  }
  const { values, version, comment } = parsed.data
  const result = await updateStatus({ statusId: row.id, expectedVersion: version, values, comment, actor: user, current: row, onlineServiceKind: onlineService?.kind ?? null })
  if (result.ok) {
    return redirect(`/kreise/${row.ags}/leistungen/${row.ozgId}?gespeichert=${result.changed ? 'ja' : 'bestaetigt'}`)
  }
  const { merged, clashes, theirs } = mergeAfterConflict(result.conflict.values, result.conflict.changesSince, values)
  const names = await namesFor([...result.conflict.changesSince, { changes: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { from: v, to: v }])) }])
  return data<ActionData>(
    {
      errors: {},
      // The form comes back with the user's input, the other person's changes merged in where the
      // user had not touched the field, and the new version, so that "Speichern" saves the merge.
      values: { ...toFormValues(merged), kommentar: typed.kommentar ?? '', version: String(result.conflict.version) },
      conflict: {
        version: result.conflict.version,
        changesSince: result.conflict.changesSince,
        clashes,
        theirs,
        current: result.conflict.values,
        mine: values,
        names,
      },
    },
    { status: 409 },
  )
}

const dateTime = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' })

function nameMaps(names: ConflictView['names']) {
  return { onlineServices: new Map(names.onlineServices), fachverfahren: new Map(names.fachverfahren) }
}

export default function StatusRowPage() {
  const { row, formValues, references, history, names, canEdit, saved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const navigation = useNavigation()
  const errors = actionData?.errors ?? {}
  const values: Partial<StatusFormValues & { kommentar: string; version: string }> = actionData?.values ?? { ...formValues, version: String(row.version) }
  const historyNames = nameMaps(names)
  const err = (f: string) => errors[f]
  const onlineServiceOptions = references.onlineServices.map((o) => ({ value: String(o.id), label: `${o.name} (${OnlineServiceKind.label(o.kind)})` }))
  const fachverfahrenOptions = references.fachverfahren.map((f) => ({ value: String(f.id), label: f.name, group: f.vendor }))

  return (
    <div className="kern-stack">
      <p className="kern-body">
        <Link className="kern-link" to={`/kreise/${row.ags}`}>
          ← {row.countyName}
        </Link>
      </p>
      <h1 className="kern-heading-large">
        {row.serviceName} <span className="kern-body">({row.ozgId})</span>
      </h1>
      <p className="kern-body">
        {row.countyName} · Themenfeld {row.theme} · Version {row.version} · zuletzt geändert {dateTime.format(new Date(row.updatedAt))}
        {row.updatedByName || row.updatedByEmail ? ` von ${row.updatedByName || row.updatedByEmail}` : ''}
        {row.confirmedAt ? ` · bestätigt am ${dateTime.format(new Date(row.confirmedAt))}` : ' · noch nie bestätigt'}
      </p>

      {saved ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">{saved === 'changed' ? 'Ihre Änderungen sind gespeichert.' : 'Nichts geändert: Der Stand ist als aktuell bestätigt.'}</p>
          </div>
        </div>
      ) : null}

      {actionData?.conflict ? <ConflictNotice conflict={actionData.conflict} /> : null}
      <ErrorSummary errors={errors} />

      {canEdit ? (
        <Form method="post" className="kern-stack status-form" noValidate>
          <input type="hidden" name="version" value={values.version ?? String(row.version)} />
          <fieldset className="kern-fieldset">
            <legend className="kern-heading-small">Umsetzung</legend>
            <div className="kern-fieldset__body">
            <SelectField name="umsetzungsweg" label={FIELD_LABEL.approach} options={enumOptions(Approach)} defaultValue={values.umsetzungsweg} error={err('umsetzungsweg')} />
            <SelectField name="planung" label={FIELD_LABEL.pendingPlan} hint="Nur solange der Umsetzungsweg „offen“ ist." options={enumOptions(PendingPlan)} empty="– keine Angabe –" defaultValue={values.planung} error={err('planung')} />
            <SelectField name="fortschritt" label={FIELD_LABEL.stage} hint="„Online“ und „teilweise online“ nur bei eigener Umsetzung oder EfA." options={enumOptions(Stage)} defaultValue={values.fortschritt} error={err('fortschritt')} />
            <SelectField
              name="online_dienst"
              label={FIELD_LABEL.onlineServiceId}
              hint="EfA-Nachnutzung braucht einen EfA-Dienst; eigene Umsetzung eine Community-Lösung, ein Produkt oder ein eigenes Formular."
              options={onlineServiceOptions}
              empty="– kein Online-Dienst –"
              defaultValue={values.online_dienst}
              error={err('online_dienst')}
            />
            <SelectField name="anbindung" label={FIELD_LABEL.connection} hint="Nur mit einem Online-Dienst." options={enumOptions(Connection)} empty="– keine Angabe –" defaultValue={values.anbindung} error={err('anbindung')} />
            <SelectField name="reifegradmodell" label={FIELD_LABEL.maturityModel} options={enumOptions(MaturityModel).map((o) => ({ value: o.value, label: o.label }))} defaultValue={values.reifegradmodell || '1.1'} error={err('reifegradmodell')} />
            <TextField name="reifegrad" label={FIELD_LABEL.maturity} hint="Ganze Zahl: 0 bis 4 (Modell 1.1) bzw. 0 bis 7 (Modell 2.0); leer: unbekannt." inputMode="numeric" defaultValue={values.reifegrad} error={err('reifegrad')} />
            <TextField name="online_seit" label={FIELD_LABEL.onlineSince} hint="Datum wie 01.03.2025; nicht in der Zukunft." defaultValue={values.online_seit} error={err('online_seit')} />
            <TextField name="zieltermin" label={FIELD_LABEL.targetDate} hint="Datum wie 01.03.2025." defaultValue={values.zieltermin} error={err('zieltermin')} />
            </div>
          </fieldset>
          <fieldset className="kern-fieldset">
            <legend className="kern-heading-small">Fachverfahren und Schnittstelle</legend>
            <div className="kern-fieldset__body">
            <SelectField name="fachverfahren" label={FIELD_LABEL.fachverfahrenId} options={fachverfahrenOptions} empty="– kein Fachverfahren –" defaultValue={values.fachverfahren} error={err('fachverfahren')} />
            <TextField name="schnittstellenstandard" label={FIELD_LABEL.interfaceStandard} hint="Freitext, z. B. XBau 2.3 oder FIT-Connect." defaultValue={values.schnittstellenstandard} error={err('schnittstellenstandard')} />
            <SelectField name="schnittstellenstatus" label={FIELD_LABEL.interfaceStatus} options={enumOptions(InterfaceStatus)} empty="– unbekannt –" defaultValue={values.schnittstellenstatus} error={err('schnittstellenstatus')} />
            <SelectField name="ende_zu_ende" label={FIELD_LABEL.endToEnd} hint="Kommt ein Antrag ohne Abtippen im Fachverfahren an?" options={[{ value: 'ja', label: 'ja' }, { value: 'nein', label: 'nein' }]} empty="– unbekannt –" defaultValue={values.ende_zu_ende} error={err('ende_zu_ende')} />
            <SelectField name="interne_verarbeitung" label={FIELD_LABEL.internalProcessing} options={enumOptions(InternalProcessing)} empty="– unbekannt –" defaultValue={values.interne_verarbeitung} error={err('interne_verarbeitung')} />
            </div>
          </fieldset>
          <fieldset className="kern-fieldset">
            <legend className="kern-heading-small">Finanzierung und Kontakt</legend>
            <div className="kern-fieldset__body">
            <SelectField name="finanzierung" label={FIELD_LABEL.funding} options={enumOptions(Funding)} empty="– unbekannt –" defaultValue={values.finanzierung} error={err('finanzierung')} />
            <TextField name="einmalkosten_eur" label={FIELD_LABEL.costOneOff} hint="Betrag wie 1234,50; nicht negativ." inputMode="decimal" defaultValue={values.einmalkosten_eur} error={err('einmalkosten_eur')} />
            <TextField name="jahreskosten_eur" label={FIELD_LABEL.costAnnual} hint="Betrag wie 1234,50; nicht negativ." inputMode="decimal" defaultValue={values.jahreskosten_eur} error={err('jahreskosten_eur')} />
            <TextField name="finanzierungsnotiz" label={FIELD_LABEL.fundingNote} multiline defaultValue={values.finanzierungsnotiz} error={err('finanzierungsnotiz')} />
            <TextField name="antraege_pro_jahr" label={FIELD_LABEL.applicationsPerYear} hint="Ganze Zahl, z. B. 1200." inputMode="numeric" defaultValue={values.antraege_pro_jahr} error={err('antraege_pro_jahr')} />
            <TextField name="kontakt" label={FIELD_LABEL.contact} hint="Eine Stelle oder Rolle, z. B. Fachdienst Bauordnung, Tel. …" defaultValue={values.kontakt} error={err('kontakt')} />
            <TextField name="notiz" label={FIELD_LABEL.note} multiline defaultValue={values.notiz} error={err('notiz')} />
            </div>
          </fieldset>
          <TextField name="kommentar" label="Kommentar zur Änderung (optional)" hint="Erscheint in der Historie, z. B. „laut Abstimmung mit dem Fachdienst“." defaultValue={values.kommentar} error={err('kommentar')} />
          <div>
            <button type="submit" className="kern-btn kern-btn--primary" disabled={navigation.state === 'submitting'}>
              <span className="kern-label">Speichern</span>
            </button>
          </div>
          <p className="kern-hint">Speichern ohne Änderung bestätigt den Stand als aktuell.</p>
        </Form>
      ) : (
        <>
          <div className="kern-alert kern-alert--info" role="note">
            <div className="kern-alert__body">
              <p className="kern-body">Sie können diese Zeile lesen, aber nicht ändern: Bearbeiten darf nur der Kreis selbst und die Koordination.</p>
            </div>
          </div>
          <ReadOnlyValues values={formValues} references={references} />
        </>
      )}

      <section aria-labelledby="history-title" className="kern-stack">
        <h2 className="kern-heading-medium" id="history-title">
          Historie
        </h2>
        {history.length === 0 ? (
          <p className="kern-body">Noch keine Änderungen.</p>
        ) : (
          <div className="table-scroll">
            <table className="kern-table kern-table--striped">
              <caption className="visually-hidden">Änderungen dieser Zeile, neueste zuerst</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">Wann</th>
                  <th scope="col" className="kern-table__header">Wer</th>
                  <th scope="col" className="kern-table__header">Änderung</th>
                  <th scope="col" className="kern-table__header">Kommentar</th>
                  <th scope="col" className="kern-table__header">Quelle</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {history.map((h) => (
                  <tr key={h.id} className="kern-table__row">
                    <td className="kern-table__cell">{dateTime.format(new Date(h.changedAt))}</td>
                    <td className="kern-table__cell">{h.byName || h.byEmail || '–'}</td>
                    <td className="kern-table__cell">
                      <ChangeList changes={h.changes as StatusDiff} names={historyNames} />
                    </td>
                    <td className="kern-table__cell">{h.comment ?? ''}</td>
                    <td className="kern-table__cell">{changeSourceLabel[h.source] ?? h.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}

function ConflictNotice({ conflict }: { conflict: ConflictView }) {
  const names = nameMaps(conflict.names)
  const who = [...new Set(conflict.changesSince.map((c) => c.byName || c.byEmail || 'jemand anderes'))].join(', ')
  return (
    <div className="kern-alert kern-alert--warning" role="alert" tabIndex={-1}>
      <div className="kern-alert__header">
        <span className="kern-title">Diese Zeile wurde inzwischen geändert</span>
      </div>
      <div className="kern-alert__body kern-stack">
        <p className="kern-body">
          {who} hat die Zeile gespeichert, während Sie sie bearbeitet haben. Ihre Eingaben sind nicht verloren: Das Formular unten enthält sie. Felder, die nur
          die andere Person geändert hat, sind übernommen. {conflict.clashes.length > 0 ? 'Bei den markierten Feldern haben Sie beide etwas anderes eingetragen: Entscheiden Sie dort.' : ''} Prüfen Sie das
          Formular und speichern Sie erneut.
        </p>
        <table className="kern-table">
          <caption className="kern-title">Was die andere Person geändert hat</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Feld</th>
              <th scope="col" className="kern-table__header">Vorher</th>
              <th scope="col" className="kern-table__header">Jetzt gespeichert</th>
              <th scope="col" className="kern-table__header">Ihre Eingabe</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {conflict.theirs.map((field) => {
              const first = conflict.changesSince.find((c) => field in c.changes)
              const clash = conflict.clashes.includes(field)
              return (
                <tr key={field} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <a className="kern-link" href={`#${FIELD_COLUMN[field]}`}>
                      {FIELD_LABEL[field]}
                    </a>
                    {clash ? <strong> – beide geändert, bitte entscheiden</strong> : null}
                  </th>
                  <td className="kern-table__cell">{displayValue(field, first?.changes[field]?.from, names)}</td>
                  <td className="kern-table__cell">{displayValue(field, conflict.current[field], names)}</td>
                  <td className="kern-table__cell">{clash ? displayValue(field, conflict.mine[field], names) : 'nicht geändert – übernommen'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
        {conflict.changesSince.some((c) => c.comment) ? (
          <p className="kern-body">Kommentar: {conflict.changesSince.map((c) => c.comment).filter(Boolean).join(' · ')}</p>
        ) : null}
      </div>
    </div>
  )
}

function ReadOnlyValues({ values, references }: { values: StatusFormValues; references: { onlineServices: { id: number; name: string }[]; fachverfahren: { id: number; name: string }[] } }) {
  const os = new Map(references.onlineServices.map((o) => [String(o.id), o.name]))
  const fv = new Map(references.fachverfahren.map((f) => [String(f.id), f.name]))
  const rows: [string, string][] = [
    [FIELD_LABEL.approach, Approach.label(Approach.fromValue(values.umsetzungsweg))],
    [FIELD_LABEL.pendingPlan, PendingPlan.label(PendingPlan.fromValue(values.planung))],
    [FIELD_LABEL.stage, Stage.label(Stage.fromValue(values.fortschritt))],
    [FIELD_LABEL.onlineServiceId, os.get(values.online_dienst) ?? ''],
    [FIELD_LABEL.connection, Connection.label(Connection.fromValue(values.anbindung))],
    [FIELD_LABEL.maturity, values.reifegrad ? `${values.reifegrad} (Modell ${values.reifegradmodell})` : ''],
    [FIELD_LABEL.onlineSince, values.online_seit],
    [FIELD_LABEL.targetDate, values.zieltermin],
    [FIELD_LABEL.fachverfahrenId, fv.get(values.fachverfahren) ?? ''],
    [FIELD_LABEL.interfaceStandard, values.schnittstellenstandard],
    [FIELD_LABEL.interfaceStatus, InterfaceStatus.label(InterfaceStatus.fromValue(values.schnittstellenstatus))],
    [FIELD_LABEL.endToEnd, values.ende_zu_ende],
    [FIELD_LABEL.internalProcessing, InternalProcessing.label(InternalProcessing.fromValue(values.interne_verarbeitung))],
    [FIELD_LABEL.funding, Funding.label(Funding.fromValue(values.finanzierung))],
    [FIELD_LABEL.costOneOff, values.einmalkosten_eur],
    [FIELD_LABEL.costAnnual, values.jahreskosten_eur],
    [FIELD_LABEL.fundingNote, values.finanzierungsnotiz],
    [FIELD_LABEL.applicationsPerYear, values.antraege_pro_jahr],
    [FIELD_LABEL.contact, values.kontakt],
    [FIELD_LABEL.note, values.notiz],
  ]
  return (
    <dl className="kern-description-list">
      {rows.map(([label, value]) => (
        <div key={label} className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{label}</dt>
          <dd className="kern-description-list-item__value">{value || '–'}</dd>
        </div>
      ))}
    </dl>
  )
}
