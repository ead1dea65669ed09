import { useEffect, useRef, type MouseEvent } from 'react'
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

/** A summary link puts the focus into its field, its label in view (without JavaScript the link just jumps there). */
function focusField(event: MouseEvent<HTMLAnchorElement>, field: string) {
  const target = document.getElementById(field)
  if (!target) return
  event.preventDefault()
  ;(target.closest('.kern-form-input') ?? target).scrollIntoView({ block: 'start' })
  target.focus({ preventScroll: true })
}

/**
 * The summary at the top of a form; each entry links to its field, as GOV.UK does. With `focus`
 * it takes the focus and scrolls into view when it appears with new errors: by `autofocus` in
 * the server's page (no JavaScript), by an effect after a submission in the browser.
 */
export function ErrorSummary({ errors, title = 'Bitte korrigieren Sie die markierten Angaben', focus = false }: { errors: FieldErrors; title?: string; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null)
  const entries = Object.entries(errors).filter(([, message]) => message)
  useEffect(() => {
    if (!focus || !ref.current) return
    ref.current.scrollIntoView({ block: 'start' })
    ref.current.focus({ preventScroll: true })
  }, [focus, errors])
  if (entries.length === 0) return null
  return (
    <div ref={ref} className="kern-alert kern-alert--danger error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title" autoFocus={focus} data-focus-first={focus ? "" : undefined}>
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
                <a className="kern-link" href={`#${field}`} onClick={(event) => focusField(event, field)}>
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
