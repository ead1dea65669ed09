import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { fieldErrors, type FieldErrors } from '~/components/form'
import { OnlineServiceForm } from '~/components/online-service-form'
import { OnlineServiceInput, onlineServiceFormValues } from '~/domain/online-service'
import { getOnlineServiceForEdit, listMemberCounties, updateOnlineService } from '~/models/online-service.server'
import { requireCoordinator } from '~/guards/auth.server'
import { echo, notFound, parseParams } from '~/utils/http.server'
import { PathId } from '~/domain/id'
import { readFormValues } from '~/utils/form.server'
import { requestJob } from '~/utils/job-requests.server'

const Params = z.object({ id: PathId })
const missing = 'Diesen Online-Dienst gibt es nicht. Wählen Sie ihn aus der Liste der Online-Dienste.'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? 'Online-Dienst'} bearbeiten – OZG-Radar` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCoordinator(request)
  const { id } = parseParams(Params, params)
  const [row, counties] = await Promise.all([getOnlineServiceForEdit(id), listMemberCounties()])
  if (!row) throw notFound(missing)
  return { id, name: row.name, values: onlineServiceFormValues(row), counties }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCoordinator(request)
  const { id } = parseParams(Params, params)
  const values = await readFormValues(request)
  const parsed = OnlineServiceInput.safeParse(values)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: echo(values) }, { status: 400 })
  const result = await updateOnlineService(id, parsed.data, user)
  if (!result) throw notFound(missing)
  if (!result.ok) return data({ errors: result.errors as FieldErrors, values: echo(values) }, { status: 400 })
  // Becoming available may notify waiting counties („jetzt verfügbar“): now, not at the next tick.
  requestJob('notification-events')
  return redirect(`/online-dienste/${id}?gespeichert=1`)
}

export default function EditOnlineService() {
  const { id, name, values, counties } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="kern-stack">
      <p className="kern-body">
        <Link className="kern-link" to={`/online-dienste/${id}`}>
          Zurück zu {name}
        </Link>
      </p>
      <h1 className="kern-heading-large">{name} bearbeiten</h1>
      <OnlineServiceForm values={actionData?.values ?? values} errors={actionData?.errors ?? {}} counties={counties} submitLabel="Speichern" />
    </div>
  )
}
