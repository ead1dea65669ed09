import { Form } from '@remix-run/react'
import { ErrorSummary, type FieldErrors } from './form'

export type MeetingFormValues = { datum?: string; titel?: string; notizen?: string; zeitraum_ab?: string }

function Field({
  name,
  label,
  hint,
  error,
  defaultValue,
  type = 'text',
}: {
  name: string
  label: string
  hint?: string
  error?: string
  defaultValue?: string
  type?: 'text' | 'textarea'
}) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined
  const className = `kern-form-input__input ${error ? 'kern-form-input__input--error' : ''}`
  return (
    <div className={`kern-form-input ${error ? 'kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={name}>
        {label}
      </label>
      {hint ? (
        <p className="kern-hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="kern-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      {type === 'textarea' ? (
        <textarea className={className} id={name} name={name} rows={5} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      ) : (
        <input className={className} id={name} name={name} type="text" defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      )}
    </div>
  )
}

/** Create and edit form of a meeting; typed values come back on an error. */
export function MeetingForm({ errors, values, submitLabel, busy }: { errors: FieldErrors; values: MeetingFormValues; submitLabel: string; busy: boolean }) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form method="post" className="kern-stack" noValidate>
        <Field name="datum" label="Datum der Sitzung" hint="Zum Beispiel 01.03.2026." error={errors.datum} defaultValue={values.datum} />
        <Field name="titel" label="Titel" hint="Zum Beispiel „Community-Treffen Frühjahr“." error={errors.titel} defaultValue={values.titel} />
        <Field
          name="zeitraum_ab"
          label="Bericht ab (optional)"
          hint="Leer lassen: Der Bericht umfasst alles seit der vorigen Sitzung."
          error={errors.zeitraum_ab}
          defaultValue={values.zeitraum_ab}
        />
        <Field name="notizen" label="Notizen (optional)" error={errors.notizen} defaultValue={values.notizen} type="textarea" />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
            <span className="kern-label">{submitLabel}</span>
          </button>
        </div>
      </Form>
    </>
  )
}
