import type { z } from 'zod'

export type FieldErrors = Partial<Record<string, string>>

/** The first message per field, keyed by the form field's name. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const result: FieldErrors = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form')
    result[key] ??= issue.message
  }
  return result
}

/** The summary at the top of a form; each entry links to its field, as GOV.UK does. */
export function ErrorSummary({ errors, title = 'Bitte korrigieren Sie die markierten Angaben' }: { errors: FieldErrors; title?: string }) {
  const entries = Object.entries(errors).filter(([, message]) => message)
  if (entries.length === 0) return null
  return (
    <div className="kern-alert kern-alert--danger" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title" id="error-summary-title">
          {title}
        </span>
      </div>
      <div className="kern-alert__body">
        <ul className="kern-list">
          {entries.map(([field, message]) => (
            <li key={field}>
              {field === '_form' ? (
                message
              ) : (
                <a className="kern-link" href={`#${field}`}>
                  {message}
                </a>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}
