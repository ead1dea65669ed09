// The step both password links (invitation, reset) end with when their form is sent: check the
// new password, use the link, answer. Each route passes how its link is used and the status of
// a link that no longer works (an invitation: 409, a reset link: 410).
import { data, redirect } from '@remix-run/node'
import { NewPasswordInput } from '~/domain/invitation'
import { fieldErrors, type FieldErrors } from './form'

export type PasswordLinkActionData<S extends string> = { errors: FieldErrors; state?: S; message?: string }

/** 400 with the fields' errors, or the link's answer: 404 for an unknown link, `refused` for one that no longer works. */
export async function setPasswordByLink<S extends string>(
  form: Record<string, string>,
  use: (password: string) => Promise<{ ok: true } | { ok: false; state: S }>,
  answer: { message: (state: S) => string; refused: 409 | 410 },
) {
  const parsed = NewPasswordInput.safeParse(form)
  if (!parsed.success) return data<PasswordLinkActionData<S>>({ errors: fieldErrors(parsed.error) }, { status: 400 })
  const result = await use(parsed.data.password)
  if (!result.ok) {
    return data<PasswordLinkActionData<S>>({ errors: {}, state: result.state, message: answer.message(result.state) }, { status: result.state === 'unknown' ? 404 : answer.refused })
  }
  return redirect('/anmelden?passwort=gesetzt')
}
