import { Form } from '@remix-run/react'
import { TextField } from './fields'
import { ErrorSummary, type FieldErrors } from './form'

export type MeetingFormValues = { datum?: string; titel?: string; notizen?: string; zeitraum_ab?: string }

/** Create and edit form of a meeting; typed values come back on an error. */
export function MeetingForm({ errors, values, submitLabel, busy }: { errors: FieldErrors; values: MeetingFormValues; submitLabel: string; busy: boolean }) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form method="post" className="kern-stack" noValidate>
        <TextField name="datum" label="Datum der Sitzung" hint="Zum Beispiel 01.03.2026." error={errors.datum} defaultValue={values.datum} />
        <TextField name="titel" label="Titel" hint="Zum Beispiel „Community-Treffen Frühjahr“." error={errors.titel} defaultValue={values.titel} />
        <TextField
          name="zeitraum_ab"
          label="Bericht ab (optional)"
          hint="Leer lassen: Der Bericht umfasst alles seit der vorigen Sitzung."
          error={errors.zeitraum_ab}
          defaultValue={values.zeitraum_ab}
        />
        <TextField name="notizen" label="Notizen (optional)" error={errors.notizen} defaultValue={values.notizen} multiline rows={5} />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
            <span className="kern-label">{submitLabel}</span>
          </button>
        </div>
      </Form>
    </>
  )
}
