import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { fieldErrors, type FieldErrors } from '~/components/form'
import { VendorForm } from '~/components/vendor-forms'
import { VendorInput } from '~/domain/vendor'
import { getVendor, updateVendor } from '~/models/vendor.server'
import { requireCoordinator } from '~/guards/auth.server'
import { echo, notFound, parseParams } from '~/utils/http.server'
import { PathId } from '~/domain/id'
import { readFormValues } from '~/utils/form.server'

const Params = z.object({ id: PathId })
const missing = 'Diesen Hersteller gibt es nicht. Wählen Sie ihn aus der Liste der Hersteller.'

export const meta: MetaFunction = () => [{ title: 'Hersteller bearbeiten – OZG-Radar' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCoordinator(request)
  const { id } = parseParams(Params, params)
  const detail = await getVendor(id)
  if (!detail) throw notFound(missing)
  const { vendor } = detail
  return { id, name: vendor.name, values: { name: vendor.name, website: vendor.website ?? '', notiz: vendor.note ?? '' } }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCoordinator(request)
  const { id } = parseParams(Params, params)
  const values = await readFormValues(request)
  const parsed = VendorInput.safeParse(values)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: echo(values) }, { status: 400 })
  const result = await updateVendor(id, parsed.data, user)
  if (!result) throw notFound(missing)
  if (!result.ok) return data({ errors: result.errors as FieldErrors, values: echo(values) }, { status: 400 })
  return redirect(`/hersteller/${id}?gespeichert=1`)
}

export default function EditVendor() {
  const { id, name, values } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="kern-stack">
      <p className="kern-body">
        <Link className="kern-link" to={`/hersteller/${id}`}>
          Zurück zu {name}
        </Link>
      </p>
      <h1 className="kern-heading-large">{name} bearbeiten</h1>
      <VendorForm values={actionData?.values ?? values} errors={actionData?.errors ?? {}} submitLabel="Speichern" />
    </div>
  )
}
