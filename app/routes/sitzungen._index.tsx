import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { fieldErrors } from '~/components/form'
import { MeetingForm } from '~/components/meeting-form'
import { germanDate } from '~/domain/meeting-report'
import { DEFAULT_REPORT_DAYS, MeetingInput } from '~/domain/meeting'
import { canEditCatalogue } from '~/domain/permissions'
import { createMeeting, listMeetings } from '~/models/meeting.server'
import { requireCoordinator, requireUser } from '~/guards/auth.server'
import { echo } from '~/utils/http.server'
import { readFormValues } from '~/utils/form.server'

export const meta: MetaFunction = () => [{ title: 'Sitzungen – OZG-Radar' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { meetings: await listMeetings(), canCreate: canEditCatalogue(user) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCoordinator(request)
  const values = await readFormValues(request)
  const parsed = MeetingInput.safeParse(values)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: echo(values) }, { status: 400 })
  const id = await createMeeting(parsed.data, user)
  return redirect(`/sitzungen/${id}`)
}

export default function Meetings() {
  const { meetings, canCreate } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Sitzungen</h1>
      <p className="kern-body">
        Der Bericht einer Sitzung zeigt alles seit der vorigen Sitzung: neu online gegangene Leistungen, Wechsel des Umsetzungswegs,
        neue und offene Schnittstellenverhandlungen, Leistungen, die auf EfA warten, ungeklärte Finanzierung und lange nicht bestätigte
        Zeilen – je Kreis und für die Community.
      </p>
      {canCreate ? (
        <section className="kern-stack" aria-labelledby="new-meeting">
          <h2 className="kern-heading-medium" id="new-meeting">
            Neue Sitzung anlegen
          </h2>
          <MeetingForm errors={actionData?.errors ?? {}} values={actionData?.values ?? {}} submitLabel="Sitzung anlegen" busy={navigation.state === 'submitting'} />
        </section>
      ) : null}
      {meetings.length === 0 ? (
        <p className="kern-body">Es gibt noch keine Sitzung.</p>
      ) : (
        <div className="table-scroll">
          <table className="kern-table kern-table--striped">
            <caption className="kern-title">Sitzungen ({meetings.length}), neueste zuerst</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Datum</th>
                <th scope="col" className="kern-table__header">Titel</th>
                <th scope="col" className="kern-table__header">Bericht ab</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {meetings.map((m, i) => (
                <tr key={m.id} className="kern-table__row">
                  <td className="kern-table__cell">{germanDate(m.heldOn)}</td>
                  <th scope="row" className="kern-table__cell">
                    <Link className="kern-link" to={`/sitzungen/${m.id}`}>
                      {m.title}
                    </Link>
                  </th>
                  <td className="kern-table__cell">
                    {/* The oldest meeting has no previous one: its report covers the days before it. */}
                    {m.coversFrom ? germanDate(m.coversFrom) : i === meetings.length - 1 ? `${DEFAULT_REPORT_DAYS} Tage davor` : 'vorige Sitzung'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
