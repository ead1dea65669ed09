// The form that sets a password from an invitation or a reset link.
import { Form, useNavigation } from '@remix-run/react'
import { TextField } from './fields'
import { ErrorSummary, type FieldErrors } from './form'

export function NewPasswordForm({ errors, email, submitLabel }: { errors: FieldErrors; email?: string; submitLabel: string }) {
  const navigation = useNavigation()
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form method="post" className="kern-stack" noValidate>
        {/* Lets password managers store the new password under the right account. */}
        {email ? <input type="hidden" name="username" autoComplete="username" value={email} /> : null}
        <TextField name="password" label="Neues Passwort" type="password" autoComplete="new-password" hint="Mindestens 12 Zeichen. Ein Satz aus mehreren Wörtern ist leicht zu merken und sicher." error={errors.password} />
        <TextField name="passwordRepeat" label="Neues Passwort wiederholen" type="password" autoComplete="new-password" error={errors.passwordRepeat} />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={navigation.state === 'submitting'}>
            <span className="kern-label">{submitLabel}</span>
          </button>
        </div>
      </Form>
    </>
  )
}

/**
 * The body of a page reached by a password link: while the link is valid (`message` null) the
 * intro and the form, otherwise the alert saying why the link does not work.
 */
export function PasswordLinkForm({ message, intro, errors, email, submitLabel }: { message: string | null; intro: string; errors: FieldErrors; email?: string; submitLabel: string }) {
  if (message === null) {
    return (
      <>
        <p className="kern-body">{intro}</p>
        <NewPasswordForm errors={errors} email={email} submitLabel={submitLabel} />
      </>
    )
  }
  return (
    <div className="kern-alert kern-alert--danger" role="alert">
      <div className="kern-alert__body">
        <p className="kern-body">{message}</p>
      </div>
    </div>
  )
}
