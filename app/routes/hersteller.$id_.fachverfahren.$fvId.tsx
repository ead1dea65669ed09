// Create (/hersteller/:id/fachverfahren/neu) or edit (/hersteller/:id/fachverfahren/:fvId).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { fieldErrors, type FieldErrors } from '~/components/form'
import { FachverfahrenForm } from '~/components/vendor-forms'
import { FachverfahrenInput } from '~/domain/vendor'
import { createFachverfahren, getFachverfahren, getVendor, updateFachverfahren } from '~/models/vendor.server'
import { requireCoordinator } from '~/guards/auth.server'
import { echo, notFound, parseParams } from '~/utils/http.server'
import { PathId } from '~/domain/id'
import { readFormValues } from '~/utils/form.server'

const Params = z.object({
  id: PathId,
  fvId: z.union([z.literal('neu'), PathId]),
})
const missing = 'Dieses Fachverfahren gibt es nicht. Wählen Sie es auf der Seite des Herstellers aus.'

export const meta: MetaFunction = () => [{ title: 'Fachverfahren – OZG-Radar' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCoordinator(request)
  const { id, fvId } = parseParams(Params, params)
  const detail = await getVendor(id)
  if (!detail) throw notFound(missing)
  if (fvId === 'neu') return { vendorId: id, vendorName: detail.vendor.name, isNew: true, values: {} as Record<string, string> }
  const row = await getFachverfahren(id, fvId)
  if (!row) throw notFound(missing)
  return {
    vendorId: id,
    vendorName: detail.vendor.name,
    isNew: false,
    values: { name: row.name, schnittstellenstandards: row.interfaceStandards ?? '', notiz: row.note ?? '' } as Record<string, string>,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCoordinator(request)
  const { id, fvId } = parseParams(Params, params)
  const values = await readFormValues(request)
  const parsed = FachverfahrenInput.safeParse(values)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: echo(values) }, { status: 400 })
  const result = fvId === 'neu' ? await createFachverfahren(id, parsed.data, user) : await updateFachverfahren(id, fvId, parsed.data, user)
  if (!result) throw notFound(missing)
  if (!result.ok) return data({ errors: result.errors as FieldErrors, values: echo(values) }, { status: 400 })
  return redirect(`/hersteller/${id}?gespeichert=1`)
}

export default function FachverfahrenPage() {
  const { vendorId, vendorName, isNew, values } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="kern-stack">
      <p className="kern-body">
        <Link className="kern-link" to={`/hersteller/${vendorId}`}>
          Zurück zu {vendorName}
        </Link>
      </p>
      <h1 className="kern-heading-large">{isNew ? `Fachverfahren von ${vendorName} anlegen` : `${values.name} bearbeiten`}</h1>
      <FachverfahrenForm values={actionData?.values ?? values} errors={actionData?.errors ?? {}} submitLabel={isNew ? 'Anlegen' : 'Speichern'} />
    </div>
  )
}
