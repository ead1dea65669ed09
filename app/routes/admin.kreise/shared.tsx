// What the sections of /admin/kreise share: the action's answer per form and its messages.
import type { ReactNode } from 'react'
import { ErrorSummary, type FieldErrors } from '~/components/form'

export type Intent = 'name' | 'frist' | 'join' | 'csv' | 'manual' | 'leave'
export type ActionData = { intent: Intent; errors: FieldErrors; messages?: string[]; values?: Record<string, string> }

/** One form's share of the action's answer: its errors and typed values, or nothing. */
export type FormState = { errors: FieldErrors; values: Record<string, string | undefined>; busy: boolean }

export function formState(actionData: ActionData | undefined, intent: Intent, busy: boolean): FormState {
  const mine = actionData?.intent === intent
  return { errors: mine ? actionData.errors : {}, values: mine ? (actionData.values ?? {}) : {}, busy }
}

export function Success({ children }: { children: ReactNode }) {
  return (
    <div className="kern-alert kern-alert--success" role="status">
      <div className="kern-alert__body">
        <p className="kern-body">{children}</p>
      </div>
    </div>
  )
}

export function FormErrors({ data: actionData, intent }: { data: ActionData | undefined; intent: Intent }) {
  if (actionData?.intent !== intent) return null
  return (
    <>
      <ErrorSummary errors={actionData.errors} />
      {actionData.messages?.length ? (
        <ul className="kern-list" aria-label="Fehler">
          {actionData.messages.map((m) => (
            <li key={m} className="kern-error">
              {m}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  )
}

export function SubmitButton({ label, busy, primary = false }: { label: string; busy: boolean; primary?: boolean }) {
  return (
    <div>
      <button type="submit" className={`kern-btn ${primary ? 'kern-btn--primary' : 'kern-btn--secondary'}`} disabled={busy}>
        <span className="kern-label">{label}</span>
      </button>
    </div>
  )
}
