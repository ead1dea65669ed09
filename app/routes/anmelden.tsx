import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { useErrorTitle } from '~/components/error-title'
import { TextField } from '~/components/fields'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { hasUserErrors, metaTitle } from '~/domain/page-title'
import { describeWait } from '~/domain/rate-limit'
import { safeRedirect } from '~/domain/redirect'
import { attemptLogin } from '~/models/session.server'
import { echo } from '~/utils/http.server'
import { readFormValues } from '~/utils/form.server'
import { text } from '~/domain/text'
import { assertSameOrigin, getUser, startSession } from '~/guards/auth.server'
import { clientAddress } from '~/utils/client-address.server'

export const meta: MetaFunction = () => metaTitle(['Anmelden'])

// Remix sends an action's headers with the page only through this: a refused sign-in (429) tells
// the client when it may try again.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

// The e-mail becomes part of a counter key (an indexed column): RFC 5321's 254 characters bound it.
const LoginInput = z.object({
  email: text()
    .trim()
    .min(1, 'Geben Sie Ihre E-Mail-Adresse ein.')
    .max(254, 'Eine E-Mail-Adresse hat höchstens 254 Zeichen.')
    .email('Geben Sie eine E-Mail-Adresse wie name@kreis.de ein.'),
  password: text().min(1, 'Geben Sie Ihr Passwort ein.').max(1000, 'Das Passwort ist zu lang.'),
  weiter: z.string().optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get('weiter')))
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const form = await readFormValues(request)
  const values = { email: String(form.email ?? ''), weiter: String(form.weiter ?? '') }
  const parsed = LoginInput.safeParse(form)
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), values: echo(values) }, { status: 400 })
  }
  const result = await attemptLogin(parsed.data.email, parsed.data.password, clientAddress(request, context))
  if (!result.ok && result.reason === 'throttled') {
    const message = `Zu viele fehlgeschlagene Anmeldeversuche. Warten Sie ${describeWait(result.retryAfterSeconds)} und versuchen Sie es dann erneut.`
    return data({ errors: { password: message } as FieldErrors, values: echo(values) }, { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } })
  }
  if (!result.ok) {
    const message = 'E-Mail-Adresse oder Passwort sind falsch. Prüfen Sie beides und versuchen Sie es erneut.'
    return data({ errors: { password: message } as FieldErrors, values: echo(values) }, { status: 401 })
  }
  const setCookie = await startSession(result.userId, request)
  return redirect(safeRedirect(parsed.data.weiter), { headers: { 'Set-Cookie': setCookie } })
}

export default function Login() {
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const errors = actionData?.errors ?? {}
  useErrorTitle(hasUserErrors(actionData))
  return (
    <div className="kern-stack login">
      <h1 className="kern-heading-large" tabIndex={-1}>
        Anmelden
      </h1>
      <p className="kern-body">Melden Sie sich mit Ihrem OZG-Radar-Konto an.</p>
      {params.get('passwort') === 'gesetzt' ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Ihr Passwort ist gesetzt. Melden Sie sich jetzt damit an.</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" className="kern-stack" noValidate>
        <input type="hidden" name="weiter" value={safeRedirect(actionData?.values.weiter ?? params.get('weiter'))} />
        <TextField name="email" label="E-Mail-Adresse" type="email" autoComplete="username" defaultValue={actionData?.values.email} error={errors.email} required />
        <TextField name="password" label="Passwort" type="password" autoComplete="current-password" error={errors.password} required />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={navigation.state === 'submitting'}>
            <span className="kern-label">Anmelden</span>
          </button>
        </div>
      </Form>
      <p className="kern-body">
        <Link className="kern-link" to="/passwort-vergessen">
          Passwort vergessen?
        </Link>
      </p>
    </div>
  )
}
