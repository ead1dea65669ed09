// /admin/benutzer/:id — change role, county, name; disable; reset the password.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { SelectField, TextField } from '~/components/fields'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { Role } from '~/domain/enums'
import { PasswordResetInput, UserChangeInput } from '~/domain/user'
import { createResetLinkForUser } from '~/models/invitation.server'
import { getUserById, listCountyChoices, resetPassword, updateUser } from '~/models/user.server'
import { requireAdmin } from '~/guards/auth.server'
import { echo, notFound, parseParams, badRequest, publicOrigin } from '~/utils/http.server'
import { PathId } from '~/domain/id'
import { readFormValues } from '~/utils/form.server'

const Params = z.object({ id: PathId })

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.email ?? 'Benutzer'} – OZG-Radar` }]

async function load(params: unknown) {
  const { id } = parseParams(Params, params)
  const user = await getUserById(id)
  if (!user) throw notFound('Dieses Konto gibt es nicht.')
  return user
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const [user, counties] = await Promise.all([load(params), listCountyChoices()])
  return { user, counties }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const user = await load(params)
  const form = await readFormValues(request)
  if (form.intent === 'link') {
    const link = await createResetLinkForUser(user.id, admin, publicOrigin(request))
    if (!link) throw notFound('Dieses Konto gibt es nicht mehr.')
    return data({ intent: 'link' as const, errors: {} as FieldErrors, values: {} as Record<string, string>, reset: link })
  }
  if (form.intent === 'passwort') {
    const parsed = PasswordResetInput.safeParse(form)
    if (!parsed.success) return data({ intent: 'passwort', errors: fieldErrors(parsed.error), values: {} as Record<string, string> }, { status: 400 })
    const result = await resetPassword(user.id, parsed.data.password, admin)
    if (!result.ok) return data({ intent: 'passwort', errors: { [result.field]: result.message } as FieldErrors, values: {} as Record<string, string> }, { status: 400 })
    return redirect(`/admin/benutzer/${user.id}?gespeichert=passwort`)
  }
  if (form.intent !== 'konto') throw badRequest('Unbekannte Aktion: Laden Sie die Seite neu und senden Sie das Formular erneut ab.')
  const values = { name: String(form.name ?? ''), role: String(form.role ?? ''), kreis: String(form.kreis ?? ''), aktiv: String(form.aktiv ?? '') }
  const parsed = UserChangeInput.safeParse(form)
  if (!parsed.success) return data({ intent: 'konto', errors: fieldErrors(parsed.error), values: echo(values) }, { status: 400 })
  const result = await updateUser(user.id, parsed.data, admin)
  if (!result.ok) return data({ intent: 'konto', errors: { [result.field]: result.message } as FieldErrors, values: echo(values) }, { status: 400 })
  return redirect(`/admin/benutzer/${user.id}?gespeichert=konto`)
}

// A one-time link the person uses to set a password; shown here only when no mail goes out.
function ResetLinkSection({ resetLink, email, busy }: { resetLink: { link: string; mailed: boolean } | null; email: string; busy: boolean }) {
  return (
    <section aria-labelledby="reset-link" className="kern-stack">
      <h2 className="kern-heading-medium" id="reset-link">
        Link zum Zurücksetzen
      </h2>
      {resetLink ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            {resetLink.mailed ? (
              <p className="kern-body">Der Link ist per E-Mail an {email} verschickt.</p>
            ) : (
              <>
                <p className="kern-body">Kein E-Mail-Versand eingerichtet: Geben Sie diesen Link sicher weiter (einmal gültig, 60 Minuten):</p>
                <p className="kern-body">
                  <code className="handover-link">{resetLink.link}</code>
                </p>
              </>
            )}
          </div>
        </div>
      ) : null}
      <p className="kern-body">Die Person legt ihr Passwort selbst fest; danach sind alle ihre Sitzungen beendet und ihre API-Tokens widerrufen.</p>
      <Form method="post">
        <input type="hidden" name="intent" value="link" />
        <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
          <span className="kern-label">Link zum Zurücksetzen erzeugen</span>
        </button>
      </Form>
    </section>
  )
}

export default function UserPage() {
  const { user, counties } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const accountErrors = actionData?.intent === 'konto' ? actionData.errors : {}
  const passwordErrors = actionData?.intent === 'passwort' ? actionData.errors : {}
  const values = actionData?.intent === 'konto' ? actionData.values : { name: user.name, role: user.role, kreis: user.countyAgs ?? '', aktiv: user.isActive ? 'ja' : '' }
  const saved = params.get('gespeichert')
  const resetLink = actionData && 'reset' in actionData ? (actionData.reset as { link: string; mailed: boolean }) : null
  return (
    <div className="kern-stack">
      <p className="kern-body">
        <Link className="kern-link" to="/admin/benutzer">
          ← Alle Benutzer
        </Link>
      </p>
      <h1 className="kern-heading-large">{user.email}</h1>
      {saved ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">{saved === 'passwort' ? 'Das Passwort ist neu gesetzt; alle Sitzungen des Kontos sind beendet und seine API-Tokens widerrufen.' : 'Die Änderungen sind gespeichert.'}</p>
          </div>
        </div>
      ) : null}
      <section aria-labelledby="account" className="kern-stack">
        <h2 className="kern-heading-medium" id="account">
          Konto
        </h2>
        <ErrorSummary errors={accountErrors} />
        <Form method="post" className="kern-stack" noValidate>
          <input type="hidden" name="intent" value="konto" />
          <TextField name="name" label="Name" defaultValue={values.name} error={accountErrors.name} />
          <SelectField name="role" label="Rolle" options={Role.list.map((r) => ({ value: r.code, label: r.label }))} defaultValue={values.role} error={accountErrors.role} />
          <SelectField name="kreis" label="Kreis" hint="Pflicht für die Bearbeitung (eigener Kreis)." options={counties.map((c) => ({ value: c.ags, label: `${c.name} (${c.ags})` }))} empty="– kein Kreis –" defaultValue={values.kreis} error={accountErrors.kreis} />
          <div className="kern-form-check">
            <input className="kern-form-check__checkbox" type="checkbox" id="aktiv" name="aktiv" value="ja" defaultChecked={values.aktiv === 'ja'} />
            <label className="kern-label" htmlFor="aktiv">
              Konto aktiv (ohne Haken: deaktiviert, Anmelden nicht möglich; Sitzungen und API-Tokens enden)
            </label>
          </div>
          <div>
            <button type="submit" className="kern-btn kern-btn--primary" disabled={navigation.state === 'submitting'}>
              <span className="kern-label">Konto speichern</span>
            </button>
          </div>
        </Form>
      </section>
      <ResetLinkSection resetLink={resetLink} email={user.email} busy={navigation.state === 'submitting'} />
      <section aria-labelledby="reset" className="kern-stack">
        <h2 className="kern-heading-medium" id="reset">
          Passwort zurücksetzen
        </h2>
        <ErrorSummary errors={passwordErrors} />
        <Form method="post" className="kern-stack" noValidate>
          <input type="hidden" name="intent" value="passwort" />
          <TextField name="password" label="Neues Passwort" type="password" autoComplete="new-password" hint="Mindestens 12 Zeichen. Alle Sitzungen des Kontos werden beendet, seine API-Tokens widerrufen." error={passwordErrors.password} />
          <div>
            <button type="submit" className="kern-btn kern-btn--secondary" disabled={navigation.state === 'submitting'}>
              <span className="kern-label">Passwort setzen</span>
            </button>
          </div>
        </Form>
      </section>
    </div>
  )
}
