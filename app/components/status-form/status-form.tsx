// The row form: the three fields a county changes most on top, two sections below, and a bar
// that stays in view with „Speichern“ and „Stand bestätigen“ (docs/decisions/022-…).
import { Form } from '@remix-run/react'
import { TextField } from '~/components/fields'
import type { FieldErrors } from '~/components/form'
import type { StatusFormValues, StatusInputField } from '~/domain/status'
import { CoreFields, DetailFields, FUNDING_FIELDS, FundingSection, INTERFACE_FIELDS, InterfaceSection, type StatusReferences } from './status-fields'

export type StatusFormInput = Partial<StatusFormValues & { kommentar: string; version: string }>

export function StatusForm({
  values,
  errors,
  references,
  version,
  busy,
  changedElsewhere = [],
}: {
  values: StatusFormInput
  errors: FieldErrors
  references: StatusReferences
  version: string
  busy: boolean
  /** Fields another person changed meanwhile (after a conflict): their sections open. */
  changedElsewhere?: string[]
}) {
  const needsLook = (fields: StatusInputField[]) => fields.some((f) => errors[f] || changedElsewhere.includes(f))
  return (
    <Form method="post" className="status-form" noValidate aria-labelledby="status-form-title">
      <h2 className="kern-heading-medium" id="status-form-title">
        Stand bearbeiten
      </h2>
      <input type="hidden" name="version" value={version} />
      <fieldset className="kern-fieldset status-group">
        <legend className="kern-heading-small">Umsetzung</legend>
        <div className="kern-fieldset__body">
          <CoreFields values={values} errors={errors} references={references} />
          <DetailFields values={values} errors={errors} />
        </div>
      </fieldset>
      <InterfaceSection values={values} errors={errors} references={references} open={needsLook(INTERFACE_FIELDS)} />
      <FundingSection values={values} errors={errors} open={needsLook(FUNDING_FIELDS)} />
      <div className="status-field--wide">
        <TextField
          name="kommentar"
          label="Kommentar zur Änderung (optional)"
          hint="Erscheint in der Historie, z. B. „laut Abstimmung mit dem Fachdienst“."
          defaultValue={values.kommentar}
          error={errors.kommentar}
        />
      </div>
      <p className="kern-hint" id="status-actions-hint">
        „Speichern“ übernimmt Ihre Änderungen; damit gilt der Stand auch als bestätigt. Hat sich nichts geändert, bestätigt „Stand bestätigen“, dass die Zeile aktuell ist.
      </p>
      <div className="status-actions">
        <button type="submit" name="aktion" value="speichern" className="kern-btn kern-btn--primary" disabled={busy}>
          <span className="kern-label">Speichern</span>
        </button>
        <button type="submit" name="aktion" value="bestaetigen" className="kern-btn kern-btn--secondary" disabled={busy} aria-describedby="status-actions-hint">
          <span className="kern-label">Stand bestätigen</span>
        </button>
      </div>
    </Form>
  )
}
