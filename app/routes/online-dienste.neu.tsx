import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { fieldErrors, type FieldErrors } from '~/components/form'
import { OnlineServiceForm } from '~/components/online-service-form'
import { OnlineServiceInput } from '~/domain/online-service'
import { createOnlineService, listMemberCounties } from '~/models/online-service.server'
import { requireCoordinator } from '~/guards/auth.server'
import { echo } from '~/utils/http.server'
import { readFormValues } from '~/utils/form.server'

export const meta: MetaFunction = () => [{ title: 'Online-Dienst anlegen – OZG-Radar' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCoordinator(request)
  return { counties: await listMemberCounties() }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCoordinator(request)
  const values = await readFormValues(request)
  const parsed = OnlineServiceInput.safeParse(values)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: echo(values) }, { status: 400 })
  const result = await createOnlineService(parsed.data, user)
  if (!result.ok) return data({ errors: result.errors as FieldErrors, values: echo(values) }, { status: 400 })
  return redirect(`/online-dienste/${result.id}?gespeichert=1`)
}

export default function NewOnlineService() {
  const { counties } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="kern-stack">
      <p className="kern-body">
        <Link className="kern-link" to="/online-dienste">
          Alle Online-Dienste
        </Link>
      </p>
      <h1 className="kern-heading-large">Online-Dienst anlegen</h1>
      <OnlineServiceForm values={actionData?.values ?? {}} errors={actionData?.errors ?? {}} counties={counties} submitLabel="Anlegen" />
    </div>
  )
}
