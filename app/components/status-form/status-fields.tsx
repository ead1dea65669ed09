// The row form's fields in three groups: what a county changes most (Umsetzungsweg, Fortschritt,
// Online-Dienst) on top, the rest of the Umsetzung beside it, and two sections that open by
// themselves when they hold an error or a field someone else changed.
import type { ReactNode } from 'react'
import { enumOptions, SelectField, TextField } from '~/components/fields'
import type { FieldErrors } from '~/components/form'
import { Approach, Connection, Funding, InterfaceStatus, InternalProcessing, MaturityModel, OnlineServiceKind, PendingPlan, Stage, type OnlineServiceKindCode } from '~/domain/enums'
import { FIELD_LABEL, type StatusFormValues, type StatusInputField } from '~/domain/status'

export type StatusReferences = {
  onlineServices: { id: number; name: string; kind: OnlineServiceKindCode }[]
  fachverfahren: { id: number; name: string; vendor: string }[]
}
type GroupProps = { values: Partial<StatusFormValues>; errors: FieldErrors; references: StatusReferences }

const yesNo = [
  { value: 'ja', label: 'ja' },
  { value: 'nein', label: 'nein' },
]

/** Umsetzungsweg, Fortschritt and Online-Dienst: the three fields behind the status chip. */
export function CoreFields({ values, errors, references }: GroupProps) {
  const onlineServiceOptions = references.onlineServices.map((o) => ({ value: String(o.id), label: `${o.name} (${OnlineServiceKind.label(o.kind)})` }))
  return (
    <div className="status-grid status-grid--core">
      <SelectField name="umsetzungsweg" label={FIELD_LABEL.approach} options={enumOptions(Approach)} defaultValue={values.umsetzungsweg} error={errors.umsetzungsweg} />
      <SelectField
        name="fortschritt"
        label={FIELD_LABEL.stage}
        hint="„Online“ und „teilweise online“ nur bei eigener Umsetzung oder EfA."
        options={enumOptions(Stage)}
        defaultValue={values.fortschritt}
        error={errors.fortschritt}
      />
      <SelectField
        name="online_dienst"
        label={FIELD_LABEL.onlineServiceId}
        hint="EfA braucht einen EfA-Dienst; eigene Umsetzung eine Community-Lösung, ein Produkt oder ein eigenes Formular."
        options={onlineServiceOptions}
        empty="– kein Online-Dienst –"
        defaultValue={values.online_dienst}
        error={errors.online_dienst}
      />
    </div>
  )
}

/** Planung, Anbindung, Reifegrad and the two dates. */
export function DetailFields({ values, errors }: Omit<GroupProps, 'references'>) {
  return (
    <div className="status-grid">
      <SelectField name="planung" label={FIELD_LABEL.pendingPlan} hint="Nur solange der Umsetzungsweg „offen“ ist." options={enumOptions(PendingPlan)} empty="– keine Angabe –" defaultValue={values.planung} error={errors.planung} />
      <SelectField name="anbindung" label={FIELD_LABEL.connection} hint="Nur mit einem Online-Dienst." options={enumOptions(Connection)} empty="– keine Angabe –" defaultValue={values.anbindung} error={errors.anbindung} />
      <SelectField name="reifegradmodell" label={FIELD_LABEL.maturityModel} options={enumOptions(MaturityModel)} defaultValue={values.reifegradmodell || '1.1'} error={errors.reifegradmodell} />
      <Narrow>
        <TextField name="reifegrad" label={FIELD_LABEL.maturity} hint="0 bis 4 (Modell 1.1), 0 bis 7 (Modell 2.0); leer: unbekannt." inputMode="numeric" defaultValue={values.reifegrad} error={errors.reifegrad} />
      </Narrow>
      <Narrow>
        <TextField name="online_seit" label={FIELD_LABEL.onlineSince} hint="Datum wie 01.03.2025; nicht in der Zukunft." defaultValue={values.online_seit} error={errors.online_seit} />
      </Narrow>
      <Narrow>
        <TextField name="zieltermin" label={FIELD_LABEL.targetDate} hint="Datum wie 01.03.2025." defaultValue={values.zieltermin} error={errors.zieltermin} />
      </Narrow>
    </div>
  )
}

export const INTERFACE_FIELDS: StatusInputField[] = ['fachverfahren', 'schnittstellenstandard', 'schnittstellenstatus', 'ende_zu_ende', 'interne_verarbeitung']
export const FUNDING_FIELDS: StatusInputField[] = ['finanzierung', 'einmalkosten_eur', 'jahreskosten_eur', 'finanzierungsnotiz', 'antraege_pro_jahr', 'kontakt', 'notiz']

export function InterfaceSection({ values, errors, references, open }: GroupProps & { open: boolean }) {
  const fachverfahrenOptions = references.fachverfahren.map((f) => ({ value: String(f.id), label: f.name, group: f.vendor }))
  const chosen = references.fachverfahren.find((f) => String(f.id) === values.fachverfahren)?.name
  const brief = [chosen, InterfaceStatus.label(InterfaceStatus.fromValue(values.schnittstellenstatus ?? '')) || null].filter(Boolean).join(' · ')
  return (
    <Section title="Fachverfahren und Schnittstelle" brief={brief || 'keine Angaben'} open={open}>
      <SelectField name="fachverfahren" label={FIELD_LABEL.fachverfahrenId} options={fachverfahrenOptions} empty="– kein Fachverfahren –" defaultValue={values.fachverfahren} error={errors.fachverfahren} />
      <TextField name="schnittstellenstandard" label={FIELD_LABEL.interfaceStandard} hint="Freitext, z. B. XBau 2.3 oder FIT-Connect." defaultValue={values.schnittstellenstandard} error={errors.schnittstellenstandard} />
      <SelectField name="schnittstellenstatus" label={FIELD_LABEL.interfaceStatus} options={enumOptions(InterfaceStatus)} empty="– unbekannt –" defaultValue={values.schnittstellenstatus} error={errors.schnittstellenstatus} />
      <SelectField name="ende_zu_ende" label={FIELD_LABEL.endToEnd} hint="Kommt ein Antrag ohne Abtippen im Fachverfahren an?" options={yesNo} empty="– unbekannt –" defaultValue={values.ende_zu_ende} error={errors.ende_zu_ende} />
      <SelectField name="interne_verarbeitung" label={FIELD_LABEL.internalProcessing} options={enumOptions(InternalProcessing)} empty="– unbekannt –" defaultValue={values.interne_verarbeitung} error={errors.interne_verarbeitung} />
    </Section>
  )
}

export function FundingSection({ values, errors, open }: Omit<GroupProps, 'references'> & { open: boolean }) {
  const brief = [Funding.label(Funding.fromValue(values.finanzierung ?? '')) || null, values.kontakt || null].filter(Boolean).join(' · ')
  return (
    <Section title="Finanzierung und Kontakt" brief={brief || 'keine Angaben'} open={open}>
      <SelectField name="finanzierung" label={FIELD_LABEL.funding} options={enumOptions(Funding)} empty="– unbekannt –" defaultValue={values.finanzierung} error={errors.finanzierung} />
      <Narrow>
        <TextField name="einmalkosten_eur" label={FIELD_LABEL.costOneOff} hint="Betrag wie 1234,50; nicht negativ." inputMode="decimal" defaultValue={values.einmalkosten_eur} error={errors.einmalkosten_eur} />
      </Narrow>
      <Narrow>
        <TextField name="jahreskosten_eur" label={FIELD_LABEL.costAnnual} hint="Betrag wie 1234,50; nicht negativ." inputMode="decimal" defaultValue={values.jahreskosten_eur} error={errors.jahreskosten_eur} />
      </Narrow>
      <Narrow>
        <TextField name="antraege_pro_jahr" label={FIELD_LABEL.applicationsPerYear} hint="Ganze Zahl, z. B. 1200." inputMode="numeric" defaultValue={values.antraege_pro_jahr} error={errors.antraege_pro_jahr} />
      </Narrow>
      <TextField name="kontakt" label={FIELD_LABEL.contact} hint="Eine Stelle oder Rolle, z. B. Fachdienst Bauordnung, Tel. …" defaultValue={values.kontakt} error={errors.kontakt} />
      <Wide>
        <TextField name="finanzierungsnotiz" label={FIELD_LABEL.fundingNote} multiline defaultValue={values.finanzierungsnotiz} error={errors.finanzierungsnotiz} />
      </Wide>
      <Wide>
        <TextField name="notiz" label={FIELD_LABEL.note} multiline defaultValue={values.notiz} error={errors.notiz} />
      </Wide>
    </Section>
  )
}

/** A native disclosure: works without JavaScript; `open` when it holds something to look at. */
function Section({ title, brief, open, children }: { title: string; brief: string; open: boolean; children: ReactNode }) {
  return (
    <details className="status-section" open={open}>
      <summary className="status-section__summary">
        <span className="status-section__title">{title}</span> <span className="status-section__brief">{brief}</span>
      </summary>
      <div className="status-grid">{children}</div>
    </details>
  )
}

function Narrow({ children }: { children: ReactNode }) {
  return <div className="status-field--narrow">{children}</div>
}

function Wide({ children }: { children: ReactNode }) {
  return <div className="status-field--wide">{children}</div>
}
