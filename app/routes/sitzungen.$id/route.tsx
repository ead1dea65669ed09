import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import chartsCss from '~/components/charts/charts.css?url'
import { fieldErrors, type FieldErrors } from '~/components/form'
import { MeetingForm } from '~/components/meeting-form'
import { germanDate, periodText } from '~/domain/meeting-report'
import { MeetingInput, MeetingParams } from '~/domain/meeting'
import { canEditCatalogue } from '~/domain/permissions'
import { AgendaItemInput, DecisionInput, TaskInput } from '~/domain/task'
import { getMeeting, getMeetingDecisions, getMeetingReport, GROUP_LIMIT, LIST_LIMIT, updateMeeting, type ReportExpand } from '~/models/meeting.server'
import { addAgendaItem, addDecision, createTask, getMeetingFormOptions } from '~/models/task.server'
import reportCss from '~/styles/meeting-report.css?url'
import { getCommunityName } from '~/models/settings.server'
import { requireCoordinator, requireUser } from '~/guards/auth.server'
import { echo, notFound, parseParams, parseSearchParams } from '~/utils/http.server'
import { readFormValues } from '~/utils/form.server'
import { ChangedRowsSection } from './changes'
import { CarriedSection, DecisionsSection } from './decisions'
import { ReportLists } from './row-lists'
import { ReportOverview, ReportSummary } from './summary'
import { VendorsSection } from './vendors'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: chartsCss },
  { rel: 'stylesheet', href: reportCss },
]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.meeting.title ?? 'Sitzung'} – Sitzungen – OZG-Radar` }]

// „alle N anzeigen“: ?alle=kreis-03351 or ?alle=hersteller-12 (0: rows without a Fachverfahren).
const ReportQuery = z.object({
  alle: z
    .string()
    .regex(/^(kreis-([0-9]{5}|[0-9]{8})|hersteller-[0-9]{1,9})$/, 'Diese Gruppe gibt es nicht. Öffnen Sie den Bericht neu.')
    .optional(),
})

function expandOf(alle: string | undefined): ReportExpand {
  if (!alle) return {}
  const [kind, key] = alle.split('-')
  return kind === 'kreis' ? { ags: key } : { vendorId: Number(key) }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { id } = parseParams(MeetingParams, params)
  const { alle } = parseSearchParams(ReportQuery, request)
  const meeting = await getMeeting(id)
  if (!meeting) throw notFound('Diese Sitzung gibt es nicht. Wählen Sie eine aus der Liste der Sitzungen.')
  const expand = expandOf(alle)
  const report = await getMeetingReport(meeting, LIST_LIMIT, { expand })
  const [decisions, options] = await Promise.all([getMeetingDecisions(meeting, report.period), canEditCatalogue(user) ? getMeetingFormOptions() : null])
  return { meeting, report, communityName: await getCommunityName(), decisions, options, expand, canEdit: canEditCatalogue(user), listLimit: LIST_LIMIT, groupLimit: GROUP_LIMIT }
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, string> }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCoordinator(request)
  const { id } = parseParams(MeetingParams, params)
  const values = await readFormValues(request)
  const intent = values.intent ?? 'sitzung'
  const fail = (errors: FieldErrors) => data<ActionData>({ intent, errors, values: echo(values) }, { status: 400 })
  const gone = () => notFound('Diese Sitzung gibt es nicht mehr.')
  if (intent === 'top' || intent === 'beschluss' || intent === 'aufgabe') {
    const parsed = intent === 'top' ? AgendaItemInput.safeParse(values) : intent === 'beschluss' ? DecisionInput.safeParse(values) : TaskInput.safeParse(values)
    if (!parsed.success) return fail(fieldErrors(parsed.error))
    const result =
      intent === 'top'
        ? await addAgendaItem(id, parsed.data as AgendaItemInput, user)
        : intent === 'beschluss'
          ? await addDecision(id, parsed.data as DecisionInput, user)
          : await createTask(id, parsed.data as TaskInput, user)
    if (!result) throw gone()
    if (!result.ok) return fail(result.errors)
    return redirect(`/sitzungen/${id}?gespeichert=${intent}#beschluesse`)
  }
  const parsed = MeetingInput.safeParse(values)
  if (!parsed.success) return fail(fieldErrors(parsed.error))
  if (!(await updateMeeting(id, parsed.data, user))) throw gone()
  return redirect(`/sitzungen/${id}?gespeichert=1`)
}

export default function MeetingReportPage() {
  const { meeting, report, communityName, decisions, options, expand, canEdit, listLimit, groupLimit } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const busy = navigation.state === 'submitting'
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : {})
  const valuesFor = (intent: string) => (actionData?.intent === intent ? actionData.values : {})

  return (
    <div className="kern-stack report">
      <p className="kern-body no-print">
        <Link className="kern-link" to="/sitzungen">
          ← Alle Sitzungen
        </Link>
      </p>
      <p className="print-only report-kind">Sitzungsvorlage</p>
      {communityName ? <p className="kern-body meeting-community">{communityName}</p> : null}
      <h1 className="kern-heading-large">{meeting.title}</h1>
      {searchParams.get('gespeichert') && !actionData ? (
        <div className="kern-alert kern-alert--success no-print" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Gespeichert.</p>
          </div>
        </div>
      ) : null}
      <p className="kern-body">
        Sitzung am {germanDate(meeting.heldOn)}. Berichtszeitraum: {periodText(report)}.
      </p>
      <div className="report-actions no-print">
        <a className="kern-link" href={`/sitzungen/${meeting.id}/markdown`} download>
          Bericht als Markdown
        </a>
        <a className="kern-link" href={`/sitzungen/${meeting.id}/csv`} download>
          Bericht als CSV
        </a>
        <span className="kern-body kern-body--small">Drucken als Sitzungsvorlage (A4) über die Druckfunktion des Browsers, Strg+P.</span>
      </div>

      <ReportSummary report={report} />
      {meeting.notes ? (
        <section className="report-section" aria-labelledby="notes-heading">
          <h2 className="kern-heading-medium" id="notes-heading">
            Notizen
          </h2>
          <p className="kern-body report-notes">{meeting.notes}</p>
        </section>
      ) : null}

      <DecisionsSection decisions={decisions} options={options} canEdit={canEdit} form={{ errorsFor, valuesFor, busy }} />
      <CarriedSection decisions={decisions} />
      <VendorsSection report={report} decisions={decisions} expand={expand} groupLimit={groupLimit} />
      <ChangedRowsSection report={report} />
      <ReportOverview report={report} />
      <ReportLists report={report} listLimit={listLimit} />
      {canEdit ? (
        <details className="report-edit no-print" open={actionData?.intent === 'sitzung' ? true : undefined}>
          <summary className="kern-link">Sitzung bearbeiten</summary>
          <MeetingForm
            errors={errorsFor('sitzung')}
            values={
              actionData?.intent === 'sitzung'
                ? actionData.values
                : {
                    datum: germanDate(meeting.heldOn),
                    titel: meeting.title,
                    notizen: meeting.notes ?? '',
                    zeitraum_ab: meeting.coversFrom ? germanDate(meeting.coversFrom) : '',
                  }
            }
            submitLabel="Änderungen speichern"
            busy={busy}
          />
        </details>
      ) : null}
    </div>
  )
}
