import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { attemptLogin } from '~/models/session.server'
import { assertSameOrigin, getUser, safeRedirect, startSession } from '~/utils/auth.server'

export const meta: MetaFunction = () => [{ title: 'Anmelden – OZG-Radar' }]

const LoginInput = z.object({
  email: z.string().trim().min(1, 'Geben Sie Ihre E-Mail-Adresse ein.').email('Geben Sie eine E-Mail-Adresse wie name@kreis.de ein.'),
  password: z.string().min(1, 'Geben Sie Ihr Passwort ein.'),
  weiter: z.string().optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get('weiter')))
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const form = Object.fromEntries(await request.formData())
  const values = { email: String(form.email ?? ''), weiter: String(form.weiter ?? '') }
  const parsed = LoginInput.safeParse(form)
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), values }, { status: 400 })
  }
  const address = request.headers.get('X-Forwarded-For')?.split(',')[0].trim() || request.headers.get('X-Real-IP') || 'unbekannt'
  const result = await attemptLogin(parsed.data.email, parsed.data.password, address)
  if (!result.ok) {
    const message =
      result.reason === 'throttled'
        ? 'Zu viele fehlgeschlagene Anmeldeversuche. Warten Sie eine Minute und versuchen Sie es dann erneut.'
        : 'E-Mail-Adresse oder Passwort sind falsch. Prüfen Sie beides und versuchen Sie es erneut.'
    return data({ errors: { password: message } as FieldErrors, values }, { status: result.reason === 'throttled' ? 429 : 401 })
  }
  const setCookie = await startSession(result.userId)
  return redirect(safeRedirect(parsed.data.weiter), { headers: { 'Set-Cookie': setCookie } })
}

export default function Login() {
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const errors = actionData?.errors ?? {}
  return (
    <div className="kern-stack login">
      <h1 className="kern-heading-large">Anmelden</h1>
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
        <input type="hidden" name="weiter" value={actionData?.values.weiter ?? params.get('weiter') ?? '/'} />
        <div className={`kern-form-input ${errors.email ? 'kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor="email">
            E-Mail-Adresse
          </label>
          {errors.email ? (
            <p className="kern-error" id="email-error">
              {errors.email}
            </p>
          ) : null}
          <input
            className={`kern-form-input__input ${errors.email ? 'kern-form-input__input--error' : ''}`}
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            defaultValue={actionData?.values.email}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? 'email-error' : undefined}
            required
          />
        </div>
        <div className={`kern-form-input ${errors.password ? 'kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor="password">
            Passwort
          </label>
          {errors.password ? (
            <p className="kern-error" id="password-error">
              {errors.password}
            </p>
          ) : null}
          <input
            className={`kern-form-input__input ${errors.password ? 'kern-form-input__input--error' : ''}`}
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? 'password-error' : undefined}
            required
          />
        </div>
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
