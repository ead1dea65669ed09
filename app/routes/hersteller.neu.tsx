import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { fieldErrors, type FieldErrors } from '~/components/form'
import { VendorForm } from '~/components/vendor-forms'
import { VendorInput } from '~/domain/vendor'
import { createVendor } from '~/models/vendor.server'
import { requireCoordinator } from '~/guards/auth.server'
import { echo } from '~/utils/http.server'
import { readFormValues } from '~/utils/form.server'

export const meta: MetaFunction = () => [{ title: 'Hersteller anlegen – OZG-Radar' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCoordinator(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCoordinator(request)
  const values = await readFormValues(request)
  const parsed = VendorInput.safeParse(values)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: echo(values) }, { status: 400 })
  const result = await createVendor(parsed.data, user)
  if (!result.ok) return data({ errors: result.errors as FieldErrors, values: echo(values) }, { status: 400 })
  return redirect(`/hersteller/${result.id}?gespeichert=1`)
}

export default function NewVendor() {
  const actionData = useActionData<typeof action>()
  return (
    <div className="kern-stack">
      <p className="kern-body">
        <Link className="kern-link" to="/hersteller">
          Alle Hersteller
        </Link>
      </p>
      <h1 className="kern-heading-large">Hersteller anlegen</h1>
      <VendorForm values={actionData?.values ?? {}} errors={actionData?.errors ?? {}} submitLabel="Anlegen" />
    </div>
  )
}
