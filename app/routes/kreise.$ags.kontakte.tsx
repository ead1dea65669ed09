// /kreise/:ags/kontakte — the county's named contacts; its editor and the coordination keep them.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { TextField } from '~/components/fields'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { ContactId, ContactInput } from '~/domain/contact'
import { canEditCounty } from '~/domain/permissions'
import { addContact, ContactForbiddenError, deleteContact, listContacts, updateContact } from '~/models/contact.server'
import { getCountyByAgs } from '~/models/status.server'
import { requireUser } from '~/guards/auth.server'
import { readFormValues } from '~/utils/form.server'
import { badRequest, forbidden, notFound, parseParams } from '~/utils/http.server'
import { agsSchema } from '~/domain/rules'

const Params = z.object({ ags: agsSchema() })

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Ansprechpersonen ${data?.county.name ?? ''} – OZG-Radar` }]

async function loadCounty(params: unknown) {
  const { ags } = parseParams(Params, params)
  const county = await getCountyByAgs(ags)
  if (!county) throw notFound('Diesen Kreis gibt es in der Community nicht. Prüfen Sie den AGS.')
  return county
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const county = await loadCounty(params)
  return { county: { ags: county.ags, name: county.name }, contacts: await listContacts([county.id]), canEdit: canEditCounty(user, county.id) }
}

type ActionData = { key: string; errors: FieldErrors; values: Record<string, string> }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const county = await loadCounty(params)
  if (!canEditCounty(user, county.id)) throw forbidden('Ansprechpersonen eines Kreises pflegen nur seine Bearbeitung und die Koordination.')
  const form = await readFormValues(request)
  const parsedId = ContactId.safeParse(form.id)
  if (!parsedId.success) throw badRequest('Diese Ansprechperson gibt es nicht.')
  const id = parsedId.data ?? null
  try {
    if (form.intent === 'loeschen' && id) {
      await deleteContact(county.id, id, user)
      return redirect(`/kreise/${county.ags}/kontakte?geloescht=1`)
    }
    const values = { name: form.name ?? '', role: form.role ?? '', email: form.email ?? '', phone: form.phone ?? '' }
    const parsed = ContactInput.safeParse(values)
    const key = id ? String(id) : 'neu'
    if (!parsed.success) return data<ActionData>({ key, errors: fieldErrors(parsed.error), values }, { status: 400 })
    if (id) {
      if (!(await updateContact(county.id, id, parsed.data, user))) throw notFound('Diese Ansprechperson gibt es nicht mehr.')
    } else {
      await addContact(county.id, parsed.data, user)
    }
    return redirect(`/kreise/${county.ags}/kontakte?gespeichert=1`)
  } catch (error) {
    if (error instanceof ContactForbiddenError) throw forbidden(error.message)
    throw error
  }
}

function ContactFields({ prefix, values, errors }: { prefix: string; values: Record<string, string>; errors: FieldErrors }) {
  return (
    <>
      <TextField name="name" id={`${prefix}-name`} label="Name" defaultValue={values.name} error={errors.name} />
      <TextField name="role" id={`${prefix}-role`} label="Funktion" hint="z. B. Fachdienst Bauordnung, OZG-Koordination" defaultValue={values.role} error={errors.role} />
      <TextField name="email" id={`${prefix}-email`} label="E-Mail" type="email" defaultValue={values.email} error={errors.email} />
      <TextField name="phone" id={`${prefix}-phone`} label="Telefon" type="tel" defaultValue={values.phone} error={errors.phone} />
    </>
  )
}

const prefixed = (errors: FieldErrors, prefix: string): FieldErrors => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === '_form' ? k : `${prefix}-${k}`, v]))

export default function ContactsPage() {
  const { county, contacts, canEdit } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const errorsFor = (key: string) => (actionData?.key === key ? actionData.errors : {})
  return (
    <div className="kern-stack">
      <p className="kern-body">
        <Link className="kern-link" to={`/kreise/${county.ags}`}>
          ← {county.name}
        </Link>
      </p>
      <h1 className="kern-heading-large">Ansprechpersonen {county.name}</h1>
      {params.get('gespeichert') || params.get('geloescht') ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">{params.get('geloescht') ? 'Die Ansprechperson ist entfernt.' : 'Die Ansprechperson ist gespeichert.'}</p>
          </div>
        </div>
      ) : null}
      <p className="kern-body">Die Seiten der Leistungen nennen diese Personen, wenn ein anderer Kreis nach der Nachnutzung fragen will.</p>
      {contacts.length === 0 ? <p className="kern-body">Noch keine Ansprechperson eingetragen.</p> : null}
      {contacts.map((c) =>
        canEdit ? (
          <section key={c.id} aria-label={`Ansprechperson ${c.name}`} className="kern-stack contact-card">
            <ErrorSummary errors={prefixed(errorsFor(String(c.id)), `c${c.id}`)} />
            <Form method="post" className="kern-stack" noValidate>
              <input type="hidden" name="id" value={c.id} />
              <ContactFields
                prefix={`c${c.id}`}
                values={actionData?.key === String(c.id) ? actionData.values : { name: c.name, role: c.role ?? '', email: c.email ?? '', phone: c.phone ?? '' }}
                errors={errorsFor(String(c.id))}
              />
              <div className="button-row">
                <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
                  <span className="kern-label">Speichern: {c.name}</span>
                </button>
                <button type="submit" name="intent" value="loeschen" className="kern-btn kern-btn--tertiary" disabled={busy}>
                  <span className="kern-label">Entfernen: {c.name}</span>
                </button>
              </div>
            </Form>
          </section>
        ) : (
          <dl key={c.id} className="contact-card">
            <dt>{c.name}</dt>
            <dd>
              {[c.role, c.email, c.phone].filter(Boolean).join(' · ') || '–'}
            </dd>
          </dl>
        ),
      )}
      {canEdit ? (
        <section aria-labelledby="new-contact" className="kern-stack">
          <h2 className="kern-heading-medium" id="new-contact">
            Ansprechperson hinzufügen
          </h2>
          <ErrorSummary errors={prefixed(errorsFor('neu'), 'neu')} />
          <Form method="post" className="kern-stack" noValidate>
            <ContactFields prefix="neu" values={actionData?.key === 'neu' ? actionData.values : {}} errors={errorsFor('neu')} />
            <div>
              <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
                <span className="kern-label">Ansprechperson hinzufügen</span>
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
