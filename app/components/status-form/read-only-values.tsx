import { Approach, Connection, Funding, InterfaceStatus, InternalProcessing, PendingPlan, Stage } from '~/domain/enums'
import { FIELD_LABEL, type StatusFormValues } from '~/domain/status'
import type { StatusReferences } from './status-fields'

/** The row as a person without the right to edit it reads it. */
export function ReadOnlyValues({ values, references }: { values: StatusFormValues; references: StatusReferences }) {
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
