// /admin/benutzer — every account, open invitations, and the invitation form (a form to create an
// account with a typed password stays for special cases). (Index route so that
// /admin/benutzer/:id is a sibling page, not nested in this one.)
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { enumOptions, SelectField, TextField } from '~/components/fields'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { Role } from '~/domain/enums'
import { INVITATION_DAYS, InvitationInput } from '~/domain/invitation'
import { NewUserInput } from '~/domain/user'
import { inviteUser, listOpenInvitations } from '~/models/invitation.server'
import { createUser, listCountyChoices, listUsers } from '~/models/user.server'
import { requireAdmin } from '~/guards/auth.server'
import { echo, publicOrigin } from '~/utils/http.server'
import { readFormValues } from '~/utils/form.server'
import { isMailConfigured } from '~/utils/mail.server'

export const meta: MetaFunction = () => [{ title: 'Benutzer – OZG-Radar' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const [users, counties, invitations] = await Promise.all([listUsers(), listCountyChoices(), listOpenInvitations()])
  return { users, counties, invitations, mailConfigured: isMailConfigured() }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const form = await readFormValues(request)
  if (form.intent === 'einladen') {
    const values = { email: String(form.email ?? ''), name: String(form.name ?? ''), role: String(form.role ?? ''), kreis: String(form.kreis ?? '') }
    const parsed = InvitationInput.safeParse(form)
    // The field ids of this form carry a prefix (the direct form below has the plain names).
    const prefixed = (errors: FieldErrors): FieldErrors => Object.fromEntries(Object.entries(errors).map(([k, v]) => [`invite-${k}`, v]))
    if (!parsed.success) return data({ intent: 'einladen' as const, errors: prefixed(fieldErrors(parsed.error)), values: echo(values) }, { status: 400 })
    const result = await inviteUser(parsed.data, admin, publicOrigin(request))
    if (!result.ok) return data({ intent: 'einladen' as const, errors: prefixed({ [result.field]: result.message }), values: echo(values) }, { status: 400 })
    return data({ intent: 'eingeladen' as const, invited: result, errors: {} as FieldErrors, values: undefined })
  }
  const values = { email: String(form.email ?? ''), name: String(form.name ?? ''), role: String(form.role ?? ''), kreis: String(form.kreis ?? '') }
  const parsed = NewUserInput.safeParse(form)
  if (!parsed.success) return data({ intent: 'anlegen' as const, errors: fieldErrors(parsed.error), values: echo(values) }, { status: 400 })
  const result = await createUser(parsed.data, admin)
  if (!result.ok) return data({ intent: 'anlegen' as const, errors: { [result.field]: result.message } as FieldErrors, values: echo(values) }, { status: 400 })
  return redirect(`/admin/benutzer?angelegt=${encodeURIComponent(parsed.data.email)}`)
}

type PageData = Awaited<ReturnType<typeof loader>>
type Invited = Awaited<ReturnType<typeof inviteUser>> | undefined

function InvitedNotice({ invited }: { invited: Invited }) {
  return (
    <>
      {invited?.ok ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            {invited.mailed ? (
              <p className="kern-body">Die Einladung an {invited.email} ist per E-Mail verschickt. Der Link gilt {INVITATION_DAYS} Tage.</p>
            ) : (
              <>
                <p className="kern-body">
                  Die Einladung für {invited.email} ist angelegt. Es ist kein E-Mail-Versand eingerichtet (SMTP_URL): Geben Sie diesen Link auf einem sicheren Weg weiter. Er gilt einmal und {INVITATION_DAYS} Tage und wird
                  nur jetzt angezeigt.
                </p>
                <p className="kern-body">
                  <code className="handover-link">{invited.link}</code>
                </p>
              </>
            )}
          </div>
        </div>
      ) : null}
    </>
  )
}

function InvitationTable({ invitations }: { invitations: PageData['invitations'] }) {
  return (
    <>
      {invitations.length ? (
        <div className="table-scroll">
          <table className="kern-table kern-table--small">
            <caption className="kern-title">Offene Einladungen ({invitations.length})</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">E-Mail</th>
                <th scope="col" className="kern-table__header">Rolle</th>
                <th scope="col" className="kern-table__header">Kreis</th>
                <th scope="col" className="kern-table__header">Gültig bis</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {invitations.map((i) => (
                <tr key={i.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">{i.email}</th>
                  <td className="kern-table__cell">{Role.label(i.role)}</td>
                  <td className="kern-table__cell">{i.countyName ?? '–'}</td>
                  <td className="kern-table__cell">{i.expired ? 'abgelaufen – neu einladen' : new Date(i.expiresAt).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  )
}

function UserTable({ users }: { users: PageData['users'] }) {
  return (
    <div className="table-scroll">
      <table className="kern-table kern-table--striped">
        <caption className="kern-title">Alle Konten ({users.length})</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">E-Mail</th>
            <th scope="col" className="kern-table__header">Name</th>
            <th scope="col" className="kern-table__header">Rolle</th>
            <th scope="col" className="kern-table__header">Kreis</th>
            <th scope="col" className="kern-table__header">Status</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {users.map((u) => (
            <tr key={u.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`/admin/benutzer/${u.id}`}>
                  {u.email}
                </Link>
                {u.isDemo ? ' (Demo)' : ''}
              </th>
              <td className="kern-table__cell">{u.name}</td>
              <td className="kern-table__cell">{Role.label(u.role)}</td>
              <td className="kern-table__cell">{u.countyName ? `${u.countyName} (${u.countyAgs})` : '–'}</td>
              <td className="kern-table__cell">{u.isActive ? 'aktiv' : 'deaktiviert'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

// Kept apart from the invitation: only when an invitation is not possible.
function NewUserSection({ errors, values, countyOptions, busy }: { errors: FieldErrors; values: Record<string, string> | undefined; countyOptions: { value: string; label: string }[]; busy: boolean }) {
  return (
    <section aria-labelledby="new-user" className="kern-stack">
      <h2 className="kern-heading-medium" id="new-user">
        Konto direkt anlegen (mit Passwort)
      </h2>
      <p className="kern-body">Nur wenn eine Einladung nicht möglich ist: Sie legen das erste Passwort fest und geben es sicher weiter.</p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="kern-stack" noValidate>
        <input type="hidden" name="intent" value="anlegen" />
        <TextField name="email" label="E-Mail-Adresse" type="email" autoComplete="off" defaultValue={values?.email} error={errors.email} />
        <TextField name="name" label="Name (optional)" defaultValue={values?.name} error={errors.name} />
        <SelectField name="role" label="Rolle" options={enumOptions(Role).map((o) => ({ value: Role.list.find((r) => r.value === o.value)!.code, label: o.label }))} defaultValue={values?.role ?? 'viewer'} error={errors.role} />
        <SelectField name="kreis" label="Kreis" hint="Pflicht für die Bearbeitung (eigener Kreis); für Lesende der Heimatkreis." options={countyOptions} empty="– kein Kreis –" defaultValue={values?.kreis} error={errors.kreis} />
        <TextField name="password" label="Erstes Passwort" type="password" autoComplete="new-password" hint="Mindestens 12 Zeichen." error={errors.password} />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
            <span className="kern-label">Konto anlegen</span>
          </button>
        </div>
      </Form>
    </section>
  )
}

export default function UsersPage() {
  const { users, counties, invitations, mailConfigured } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const errors = actionData?.intent === 'anlegen' ? actionData.errors : {}
  const values = actionData?.intent === 'anlegen' ? actionData.values : undefined
  const inviteErrors = actionData?.intent === 'einladen' ? actionData.errors : {}
  const inviteValues = actionData?.intent === 'einladen' ? actionData.values : undefined
  const invited = actionData?.intent === 'eingeladen' ? actionData.invited : undefined
  const roleOptions = Role.list.map((r) => ({ value: r.code, label: r.label }))
  const created = params.get('angelegt')
  const countyOptions = counties.map((c) => ({ value: c.ags, label: `${c.name} (${c.ags})` }))
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Benutzer</h1>
      {created ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Das Konto {created} ist angelegt. Teilen Sie das Passwort auf einem sicheren Weg mit.</p>
          </div>
        </div>
      ) : null}
      <InvitedNotice invited={invited} />

      <section aria-labelledby="invite-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="invite-heading">
          Person einladen
        </h2>
        <p className="kern-body">
          Die Person bekommt einen Link, mit dem sie ihr Passwort selbst festlegt ({INVITATION_DAYS} Tage gültig, einmal verwendbar).
          {mailConfigured ? ' Der Link geht per E-Mail hinaus.' : ' Ohne E-Mail-Versand (SMTP_URL) zeigt diese Seite den Link zum Weitergeben.'}
        </p>
        <ErrorSummary errors={inviteErrors} />
        <Form method="post" className="kern-stack" noValidate>
          <input type="hidden" name="intent" value="einladen" />
          <TextField name="email" id="invite-email" label="E-Mail-Adresse der Person" type="email" autoComplete="off" defaultValue={inviteValues?.email} error={inviteErrors['invite-email']} />
          <TextField name="name" id="invite-name" label="Name der Person (optional)" defaultValue={inviteValues?.name} error={inviteErrors['invite-name']} />
          <SelectField name="role" id="invite-role" label="Rolle der Person" options={roleOptions} defaultValue={inviteValues?.role ?? 'editor'} error={inviteErrors['invite-role']} />
          <SelectField name="kreis" id="invite-kreis" label="Kreis der Person" hint="Pflicht für die Bearbeitung (eigener Kreis); für Lesende der Heimatkreis." options={countyOptions} empty="– kein Kreis –" defaultValue={inviteValues?.kreis} error={inviteErrors['invite-kreis']} />
          <div>
            <button type="submit" className="kern-btn kern-btn--primary" disabled={navigation.state === 'submitting'}>
              <span className="kern-label">Einladung senden</span>
            </button>
          </div>
        </Form>
        <InvitationTable invitations={invitations} />
      </section>

      <UserTable users={users} />

      <NewUserSection errors={errors} values={values} countyOptions={countyOptions} busy={navigation.state === 'submitting'} />
    </div>
  )
}
