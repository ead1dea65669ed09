// /admin/benutzer — every account, and a form to add one. (Index route so that
// /admin/benutzer/:id is a sibling page, not nested in this one.)
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { enumOptions, SelectField, TextField } from '~/components/fields'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { Role } from '~/domain/enums'
import { NewUserInput } from '~/domain/user'
import { createUser, listCountyChoices, listUsers } from '~/models/user.server'
import { requireAdmin } from '~/guards/auth.server'
import { echo } from '~/utils/http.server'
import { readFormValues } from '~/utils/form.server'

export const meta: MetaFunction = () => [{ title: 'Benutzer – OZG-Radar' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const [users, counties] = await Promise.all([listUsers(), listCountyChoices()])
  return { users, counties }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const form = await readFormValues(request)
  const values = { email: String(form.email ?? ''), name: String(form.name ?? ''), role: String(form.role ?? ''), kreis: String(form.kreis ?? '') }
  const parsed = NewUserInput.safeParse(form)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: echo(values) }, { status: 400 })
  const result = await createUser(parsed.data, admin)
  if (!result.ok) return data({ errors: { [result.field]: result.message } as FieldErrors, values: echo(values) }, { status: 400 })
  return redirect(`/admin/benutzer?angelegt=${encodeURIComponent(parsed.data.email)}`)
}

export default function UsersPage() {
  const { users, counties } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const errors = actionData?.errors ?? {}
  const values = actionData?.values
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
                <td className="kern-table__cell">{Role.label(u.role as never)}</td>
                <td className="kern-table__cell">{u.countyName ? `${u.countyName} (${u.countyAgs})` : '–'}</td>
                <td className="kern-table__cell">{u.isActive ? 'aktiv' : 'deaktiviert'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="new-user" className="kern-stack">
        <h2 className="kern-heading-medium" id="new-user">
          Konto anlegen
        </h2>
        <ErrorSummary errors={errors} />
        <Form method="post" className="kern-stack" noValidate>
          <TextField name="email" label="E-Mail-Adresse" type="email" autoComplete="off" defaultValue={values?.email} error={errors.email} />
          <TextField name="name" label="Name (optional)" defaultValue={values?.name} error={errors.name} />
          <SelectField name="role" label="Rolle" options={enumOptions(Role).map((o) => ({ value: Role.list.find((r) => r.value === o.value)!.code, label: o.label }))} defaultValue={values?.role ?? 'viewer'} error={errors.role} />
          <SelectField name="kreis" label="Kreis" hint="Pflicht für die Bearbeitung (eigener Kreis); für Lesende der Heimatkreis." options={countyOptions} empty="– kein Kreis –" defaultValue={values?.kreis} error={errors.kreis} />
          <TextField name="password" label="Erstes Passwort" type="password" autoComplete="new-password" hint="Mindestens 12 Zeichen." error={errors.password} />
          <div>
            <button type="submit" className="kern-btn kern-btn--primary" disabled={navigation.state === 'submitting'}>
              <span className="kern-label">Konto anlegen</span>
            </button>
          </div>
        </Form>
      </section>
    </div>
  )
}
