// /passwort-vergessen — asks for a reset link. The answer is the same whether the address has an
// account or not, and whether the request was throttled.
import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { TextField } from '~/components/fields'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { RESET_MINUTES, ResetRequestInput } from '~/domain/invitation'
import { requestPasswordReset } from '~/models/invitation.server'
import { assertSameOrigin } from '~/guards/auth.server'
import { readFormValues } from '~/utils/form.server'
import { publicOrigin } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Passwort vergessen – OZG-Radar' }]

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const form = await readFormValues(request)
  const parsed = ResetRequestInput.safeParse(form)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) as FieldErrors, email: String(form.email ?? ''), done: false }, { status: 400 })
  await requestPasswordReset(parsed.data.email, publicOrigin(request))
  return data({ errors: {} as FieldErrors, email: parsed.data.email, done: true })
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  return (
    <div className="kern-stack login">
      <h1 className="kern-heading-large">Passwort vergessen</h1>
      {actionData?.done ? (
        <div className="kern-alert kern-alert--info" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">
              Wenn es zu {actionData.email} ein aktives Konto gibt, ist eine E-Mail mit einem Link unterwegs. Er gilt {RESET_MINUTES} Minuten und einmal. Kommt nichts an, prüfen Sie den Spam-Ordner oder wenden Sie sich an
              die Administration Ihrer Community.
            </p>
          </div>
        </div>
      ) : (
        <>
          <p className="kern-body">Geben Sie die E-Mail-Adresse Ihres Kontos ein. Sie bekommen einen Link, mit dem Sie ein neues Passwort festlegen.</p>
          <ErrorSummary errors={actionData?.errors ?? {}} />
          <Form method="post" className="kern-stack" noValidate>
            <TextField name="email" label="E-Mail-Adresse" type="email" autoComplete="username" defaultValue={actionData?.email} error={actionData?.errors.email} />
            <div>
              <button type="submit" className="kern-btn kern-btn--primary" disabled={navigation.state === 'submitting'}>
                <span className="kern-label">Link anfordern</span>
              </button>
            </div>
          </Form>
        </>
      )}
      <p className="kern-body">
        <Link className="kern-link" to="/anmelden">
          Zur Anmeldung
        </Link>
      </p>
    </div>
  )
}
