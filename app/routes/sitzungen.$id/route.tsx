import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import chartsCss from '~/components/charts/charts.css?url'
import { ChartFigure, type ChartSeries } from '~/components/charts/chart-figure'
import { okabeIto } from '~/components/charts/palette'
import { fieldErrors, type FieldErrors } from '~/components/form'
import { MeetingForm } from '~/components/meeting-form'
import { Approach, InterfaceStatus, NegotiationStage, Stage, type ApproachCode, type InterfaceStatusCode, type NegotiationStageCode, type StageCode } from '~/domain/enums'
import { germanDate, germanDateTime, periodText, REPORT_COLUMNS } from '~/domain/meeting-report'
import { MeetingInput, MeetingParams } from '~/domain/meeting'
import { canEditCatalogue } from '~/domain/permissions'
import { FIELD_LABEL, type StatusField } from '~/domain/status'
import { AgendaItemInput, DecisionInput, TaskInput } from '~/domain/task'
import { getMeeting, getMeetingDecisions, getMeetingReport, GROUP_LIMIT, LIST_LIMIT, updateMeeting, type ReportExpand } from '~/models/meeting.server'
import { addAgendaItem, addDecision, createTask, getMeetingFormOptions } from '~/models/task.server'
import reportCss from '~/styles/meeting-report.css?url'
import { getCommunityName } from '~/models/settings.server'
import { requireCoordinator, requireUser } from '~/guards/auth.server'
import { echo, notFound, parseParams, parseSearchParams } from '~/utils/http.server'
import { readFormValues } from '~/utils/form.server'
import { AgendaItemForm, DecisionForm, TaskForm } from './decision-forms'

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

const approach = (code: string | null) => (code ? Approach.label(code as ApproachCode) : '–')
const stageLabel = (code: string | null) => (code ? NegotiationStage.label(code as NegotiationStageCode) : '–')
const owner = (t: { ownerCounty: string | null; ownerUser: string | null }) => [t.ownerCounty, t.ownerUser].filter(Boolean).join(', ')

/** Series that are zero for every county say nothing: left out, and named below the chart. */
function nonZero(series: ChartSeries[]) {
  const shown = series.filter((s) => s.data.some((v) => v !== 0))
  const hidden = series.filter((s) => !s.data.some((v) => v !== 0)).map((s) => s.label)
  return { shown, hidden }
}

function Capped({ shown, total, limit }: { shown: number; total?: number; limit: number }) {
  if (shown < limit) return null
  return (
    <p className="kern-body kern-body--small">
      Die ersten {limit}
      {total !== undefined ? ` von ${total}` : ''} Einträge; vollständig im CSV- und Markdown-Export.
    </p>
  )
}

export default function MeetingReportPage() {
  const { meeting, report, communityName, decisions, options, expand, canEdit, listLimit, groupLimit } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const busy = navigation.state === 'submitting'
  const community = report.community
  const changedNames = (fields: string[]) => fields.map((f) => FIELD_LABEL[f as StatusField] ?? f).join(', ')
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : {})
  const valuesFor = (intent: string) => (actionData?.intent === intent ? actionData.values : {})
  const summaryColumns = REPORT_COLUMNS.filter((c) => report.counties.some((county) => county[c.key] !== 0))
  const zeroColumns = REPORT_COLUMNS.filter((c) => !summaryColumns.includes(c))
  const expandLink = (alle: string, anchor: string) => `?${new URLSearchParams({ alle })}#${anchor}`
  const names = report.counties.map((c) => c.name)
  const changes = nonZero([
    { label: 'Neu online', data: report.counties.map((c) => c.newlyOnline), color: okabeIto.bluishGreen },
    { label: 'Wechsel des Umsetzungswegs', data: report.counties.map((c) => c.approachChanges), color: okabeIto.orange, pattern: 'diagonal' },
    { label: 'Neue Schnittstellenverhandlungen', data: report.counties.map((c) => c.newNegotiations), color: okabeIto.blue, pattern: 'dots' },
  ])
  const open = nonZero([
    { label: 'Offene Schnittstellenverhandlungen', data: report.counties.map((c) => c.openNegotiations), color: okabeIto.blue },
    { label: 'Warten auf EfA', data: report.counties.map((c) => c.awaitingEfa), color: okabeIto.skyBlue, pattern: 'diagonal' },
    { label: 'Finanzierung ungeklärt', data: report.counties.map((c) => c.fundingUnclear), color: okabeIto.vermillion, pattern: 'cross' },
  ])
  // Shared negotiations and the status rows' open interfaces, by vendor.
  const vendorIds = [...new Set([...decisions.sharedNegotiations.map((n) => n.vendorId), ...report.negotiationVendors.map((v) => v.vendorId)])]
  const vendorName = (id: number) =>
    decisions.sharedNegotiations.find((n) => n.vendorId === id)?.vendor ?? report.negotiationVendors.find((v) => v.vendorId === id)?.vendor ?? 'Ohne Fachverfahren'
  vendorIds.sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : vendorName(a).localeCompare(vendorName(b), 'de')))
  const dueShared = decisions.sharedNegotiations.filter((n) => n.isDue)

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

      <section className="report-section kern-stack" aria-labelledby="summary-heading">
        <h2 className="kern-heading-medium" id="summary-heading">
          Überblick je Kreis
        </h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Überblick je Kreis">
          <table className="kern-table kern-table--small kern-table--striped report-summary">
            <caption className="visually-hidden">Je Kreis: online, Änderungen im Berichtszeitraum und offene Punkte</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Kreis</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Online (von zuständigen)</th>
                {summaryColumns.map((c) => (
                  <th scope="col" className="kern-table__header kern-table__header--numeric" key={c.key}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {report.counties.map((c) => (
                <tr className="kern-table__row" key={c.ags}>
                  <th scope="row" className="kern-table__cell">
                    {c.name}
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {c.online} von {c.applicable}
                  </td>
                  {summaryColumns.map((col) => (
                    <td className="kern-table__cell kern-table__cell--numeric" key={col.key}>
                      {c[col.key]}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  Community
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">
                  <strong>
                    {community.online} von {community.applicable}
                  </strong>
                </td>
                {summaryColumns.map((col) => (
                  <td className="kern-table__cell kern-table__cell--numeric" key={col.key}>
                    <strong>{community[col.key]}</strong>
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
        <p className="kern-body kern-body--small">
          {summaryColumns.map((c) => `${c.label}: ${c.counts}.`).join(' ')}
          {zeroColumns.length ? ` Ohne Spalten, die in jedem Kreis 0 sind: ${zeroColumns.map((c) => c.label).join(', ')}.` : ''}
        </p>
      </section>

      {meeting.notes ? (
        <section className="report-section" aria-labelledby="notes-heading">
          <h2 className="kern-heading-medium" id="notes-heading">
            Notizen
          </h2>
          <p className="kern-body report-notes">{meeting.notes}</p>
        </section>
      ) : null}

      <section className="report-section kern-stack" aria-labelledby="beschluesse">
        <h2 className="kern-heading-medium" id="beschluesse">
          Tagesordnung, Beschlüsse und Aufgaben
        </h2>
        <h3 className="kern-heading-small">Tagesordnung</h3>
        {decisions.agenda.length === 0 ? (
          <p className="kern-body">Noch kein Tagesordnungspunkt.</p>
        ) : (
          <ol className="kern-list agenda">
            {decisions.agenda.map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong>
                {a.serviceOzgId ? (
                  <>
                    {' · Leistung '}
                    <Link className="kern-link" to={`/leistungen/${a.serviceOzgId}`}>
                      {a.serviceOzgId} {a.serviceName}
                    </Link>
                  </>
                ) : null}
                {a.onlineServiceId ? (
                  <>
                    {' · Online-Dienst '}
                    <Link className="kern-link" to={`/online-dienste/${a.onlineServiceId}`}>
                      {a.onlineServiceName}
                    </Link>
                  </>
                ) : null}
                {a.negotiationId ? (
                  <>
                    {' · Verhandlung '}
                    <Link className="kern-link" to={`/verhandlungen/${a.negotiationId}`}>
                      {a.negotiationTitle}
                    </Link>
                  </>
                ) : null}
                {a.note ? <span className="report-notes"> – {a.note}</span> : null}
              </li>
            ))}
          </ol>
        )}
        {canEdit && options ? <AgendaItemForm errors={errorsFor('top')} values={valuesFor('top')} options={{ ...options, agenda: decisions.agenda }} busy={busy} /> : null}

        <h3 className="kern-heading-small">Beschlüsse ({decisions.decisions.length})</h3>
        {decisions.decisions.length === 0 ? (
          <p className="kern-body">Noch kein Beschluss.</p>
        ) : (
          <ol className="kern-list">
            {decisions.decisions.map((d) => (
              <li key={d.id} className="report-notes">
                {d.agendaPosition ? `(TOP ${d.agendaPosition}) ` : ''}
                {d.text}
              </li>
            ))}
          </ol>
        )}
        {canEdit && options ? <DecisionForm errors={errorsFor('beschluss')} values={valuesFor('beschluss')} options={{ ...options, agenda: decisions.agenda }} busy={busy} /> : null}

        <h3 className="kern-heading-small">Aufgaben aus dieser Sitzung ({decisions.tasks.length})</h3>
        <TaskTable
          caption="Aufgaben aus dieser Sitzung"
          rows={decisions.tasks.map((t) => ({ id: t.id, title: t.title, owner: owner(t), dueDate: t.dueDate, status: t.doneAt ? 'erledigt' : 'offen' }))}
          empty="Noch keine Aufgabe."
        />
        {canEdit && options ? <TaskForm errors={errorsFor('aufgabe')} values={valuesFor('aufgabe')} options={{ ...options, agenda: decisions.agenda }} busy={busy} /> : null}
      </section>

      <section className="report-section kern-stack" aria-labelledby="carried-heading">
        <h2 className="kern-heading-medium" id="carried-heading">
          Offen aus früheren Sitzungen
        </h2>
        <TaskTable
          caption="Offene Aufgaben aus früheren Sitzungen, nach Fälligkeit"
          rows={decisions.carriedTasks.map((t) => ({
            id: t.id,
            title: t.title,
            owner: owner(t),
            dueDate: t.dueDate,
            status: t.isOverdue ? 'offen, überfällig' : 'offen',
            from: t.meetingTitle ? `${t.meetingTitle} (${germanDate(t.meetingHeldOn!)})` : '–',
          }))}
          empty="Keine offenen Aufgaben aus früheren Sitzungen."
          withOrigin
        />
        <p className="kern-body">
          {dueShared.length === 0
            ? 'Keine Verhandlung ist bis zu dieser Sitzung fällig.'
            : `Bis zu dieser Sitzung fällig: ${dueShared.map((n) => `${n.vendor}${n.subject ? ` – ${n.subject}` : ''} (${germanDate(n.dueDate!)}: ${n.nextStep ?? 'nächster Schritt offen'})`).join('; ')}.`}
        </p>
      </section>

      <section className="report-section kern-stack" aria-labelledby="vendors-heading">
        <h2 className="kern-heading-medium" id="vendors-heading">
          Verhandlungen nach Hersteller
        </h2>
        <p className="kern-body kern-body--small">
          Gemeinsame Verhandlungen mit Stand und Fortschritt im Berichtszeitraum, darunter die Zeilen der Kreise mit offener Schnittstelle (in
          Verhandlung, Entwicklung oder Test) – je Hersteller die ersten {groupLimit}, neue zuerst.
        </p>
        {vendorIds.length === 0 ? <p className="kern-body">Es gibt keine offenen Verhandlungen.</p> : null}
        {vendorIds.map((vendorId) => {
          const shared = decisions.sharedNegotiations.filter((n) => n.vendorId === vendorId)
          const counts = report.negotiationVendors.find((v) => v.vendorId === vendorId)
          const rows = report.negotiations.filter((r) => r.vendorId === vendorId)
          const anchor = `hersteller-${vendorId}`
          return (
            <div className="report-group kern-stack" key={vendorId}>
              <h3 className="kern-heading-small" id={anchor}>
                {vendorName(vendorId)}
                {counts ? ` – ${counts.open} offene Schnittstellen${counts.new ? `, ${counts.new} neu` : ''}` : ''}
              </h3>
              {shared.length ? (
                <ul className="kern-list">
                  {shared.map((n) => (
                    <li key={n.id}>
                      <Link className="kern-link" to={`/verhandlungen/${n.id}`}>
                        {n.subject || n.vendor}
                      </Link>
                      : {stageLabel(n.stage)} · {n.countyCount} Kreise{n.lead ? ` · verhandelt: ${n.lead}` : ''}
                      {n.progress.length ? ` · im Zeitraum: ${n.progress.map((p) => (p.from ? `${stageLabel(p.from)} → ${stageLabel(p.to)}` : `begonnen (${stageLabel(p.to)})`)).join(', ')}` : ' · im Zeitraum unverändert'}
                      {n.nextStep ? ` · nächster Schritt: ${n.nextStep}` : ''}
                      {n.dueDate ? ` (fällig ${germanDate(n.dueDate)}${n.isDue ? ', fällig bis zur Sitzung' : ''})` : ''}
                    </li>
                  ))}
                </ul>
              ) : null}
              {rows.length ? (
                <div className="table-scroll">
                  <table className="kern-table kern-table--small">
                    <caption className="visually-hidden">Offene Schnittstellen mit {vendorName(vendorId)}</caption>
                    <thead className="kern-table__header">
                      <tr className="kern-table__row">
                        <th scope="col" className="kern-table__header">Kreis</th>
                        <th scope="col" className="kern-table__header">Leistung</th>
                        <th scope="col" className="kern-table__header">Stand</th>
                        <th scope="col" className="kern-table__header">Fachverfahren</th>
                      </tr>
                    </thead>
                    <tbody className="kern-table__body">
                      {rows.map((r) => (
                        <tr className="kern-table__row" key={`${r.ags}-${r.ozgId}`}>
                          <td className="kern-table__cell">{r.county}</td>
                          <th scope="row" className="kern-table__cell">
                            {r.ozgId} {r.service}
                          </th>
                          <td className="kern-table__cell">
                            {InterfaceStatus.label(r.interfaceStatus as InterfaceStatusCode)}
                            {r.isNew ? ' (neu)' : ''}
                          </td>
                          <td className="kern-table__cell">{r.fachverfahren ?? '–'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              {counts && counts.open > rows.length ? (
                <p className="kern-body no-print">
                  <Link className="kern-link" to={expandLink(`hersteller-${vendorId}`, anchor)}>
                    alle {counts.open} anzeigen<span className="visually-hidden"> ({vendorName(vendorId)})</span>
                  </Link>
                </p>
              ) : null}
              {counts && counts.open > rows.length ? <p className="print-only kern-body kern-body--small">… und {counts.open - rows.length} weitere (vollständig im Export).</p> : null}
              {expand.vendorId === vendorId && counts && counts.open > groupLimit ? (
                <p className="kern-body no-print">
                  <Link className="kern-link" to={`?#${anchor}`}>
                    nur die ersten {groupLimit} anzeigen
                  </Link>
                </p>
              ) : null}
            </div>
          )
        })}
      </section>

      <section className="report-section kern-stack" aria-labelledby="changed-heading">
        <h2 className="kern-heading-medium" id="changed-heading">
          Änderungen nach Kreis ({community.changedRows} Zeilen)
        </h2>
        {community.changedRows === 0 ? <p className="kern-body">Im Berichtszeitraum wurde keine Zeile geändert.</p> : null}
        {report.counties
          .filter((c) => c.changedRows > 0)
          .map((c) => {
            const rows = report.changedRows.filter((r) => r.ags === c.ags)
            const anchor = `aenderungen-${c.ags}`
            return (
              <div className="report-group kern-stack" key={c.ags}>
                <h3 className="kern-heading-small" id={anchor}>
                  {c.name}: {c.changedRows} geänderte Zeilen{c.newlyOnline ? `, ${c.newlyOnline} neu online` : ''}
                </h3>
                <div className="table-scroll">
                  <table className="kern-table kern-table--small">
                    <caption className="visually-hidden">Geänderte Zeilen in {c.name}, zuletzt geänderte zuerst</caption>
                    <thead className="kern-table__header">
                      <tr className="kern-table__row">
                        <th scope="col" className="kern-table__header">Leistung</th>
                        <th scope="col" className="kern-table__header">Geänderte Felder</th>
                        <th scope="col" className="kern-table__header kern-table__header--numeric">Änderungen</th>
                        <th scope="col" className="kern-table__header">Zuletzt</th>
                      </tr>
                    </thead>
                    <tbody className="kern-table__body">
                      {rows.map((r) => (
                        <tr className="kern-table__row" key={r.ozgId}>
                          <th scope="row" className="kern-table__cell">
                            <Link className="kern-link" to={`/kreise/${r.ags}/leistungen/${r.ozgId}`}>
                              {r.ozgId} {r.service}
                            </Link>
                          </th>
                          <td className="kern-table__cell">{changedNames(r.fields)}</td>
                          <td className="kern-table__cell kern-table__cell--numeric">{r.changeCount}</td>
                          <td className="kern-table__cell">{germanDateTime(r.lastChangedAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {c.changedRows > rows.length ? (
                  <>
                    <p className="kern-body no-print">
                      <Link className="kern-link" to={expandLink(`kreis-${c.ags}`, anchor)}>
                        alle {c.changedRows} anzeigen<span className="visually-hidden"> ({c.name})</span>
                      </Link>
                    </p>
                    <p className="print-only kern-body kern-body--small">… und {c.changedRows - rows.length} weitere (vollständig im Export).</p>
                  </>
                ) : null}
              </div>
            )
          })}
      </section>

      <section className="report-section kern-stack" aria-labelledby="overview-heading">
        <h2 className="kern-heading-medium" id="overview-heading">
          Community im Überblick
        </h2>
        {changes.shown.length ? (
          <ChartFigure
            id="chart-changes"
            type="bar"
            horizontal
            title="Was sich im Berichtszeitraum getan hat, je Kreis"
            summary={`Im Berichtszeitraum: ${community.newlyOnline} Leistungen neu online, ${community.approachChanges} Wechsel des Umsetzungswegs, ${community.newNegotiations} neue Schnittstellenverhandlungen.`}
            counts={`Anzahl im Berichtszeitraum.${changes.hidden.length ? ` Nicht gezeigt, weil überall 0: ${changes.hidden.join(', ')}.` : ''}`}
            labels={names}
            rowHeader="Kreis"
            series={changes.shown}
          />
        ) : (
          <p className="kern-body">Im Berichtszeitraum ist keine Leistung online gegangen, kein Umsetzungsweg gewechselt und keine Verhandlung begonnen worden.</p>
        )}
        {open.shown.length ? (
          <ChartFigure
            id="chart-open"
            type="bar"
            horizontal
            stacked
            title="Offene Punkte je Kreis"
            summary={`Heute offen: ${community.openNegotiations} Schnittstellenverhandlungen, ${community.awaitingEfa} Leistungen warten auf EfA, ${community.fundingUnclear} mit ungeklärter Finanzierung.`}
            counts={`Anzahl Leistungen, Stand heute.${open.hidden.length ? ` Nicht gezeigt, weil überall 0: ${open.hidden.join(', ')}.` : ''}`}
            labels={names}
            rowHeader="Kreis"
            series={open.shown}
            extraColumn={{ header: 'Länger als 180 Tage nicht bestätigt', values: report.counties.map((c) => `${c.stale} von ${c.applicable}`) }}
          />
        ) : null}
      </section>

      <RowList
        id="online"
        title={`Neu online (${community.newlyOnline})`}
        empty="Keine Leistung ist im Berichtszeitraum online gegangen."
        headers={['Kreis', 'Leistung', 'Umsetzungsweg / Online-Dienst', 'Datum']}
        rows={report.newlyOnline.map((r) => ({ key: `${r.ags}-${r.ozgId}`, cells: [r.county, `${r.ozgId} ${r.service}`, `${approach(r.approach)}${r.onlineService ? ` – ${r.onlineService}` : ''}`, germanDateTime(r.changedAt)] }))}
        limit={listLimit}
        screenOnly
      />
      <RowList
        id="approach"
        title={`Wechsel des Umsetzungswegs (${community.approachChanges})`}
        empty="Kein Kreis hat im Berichtszeitraum den Umsetzungsweg einer Leistung geändert."
        headers={['Kreis', 'Leistung', 'Von → nach', 'Datum']}
        rows={report.approachChanges.map((r, i) => ({ key: `${r.ags}-${r.ozgId}-${i}`, cells: [r.county, `${r.ozgId} ${r.service}`, `${approach(r.from)} → ${approach(r.to)}`, germanDateTime(r.changedAt)] }))}
        limit={listLimit}
        screenOnly
      />
      <RowList
        id="efa"
        title={`Leistungen, die auf EfA warten (${report.awaitingEfa.length}${report.awaitingEfa.length >= listLimit ? '+' : ''})`}
        empty="Kein Kreis wartet auf einen EfA-Dienst."
        headers={['Leistung', 'Kreise', 'Welche']}
        rows={report.awaitingEfa.map((r) => ({ key: r.ozgId, cells: [`${r.ozgId} ${r.service}`, String(r.countyCount), r.counties] }))}
        headerIndex={0}
        limit={listLimit}
        note="Sortiert nach der Zahl der wartenden Kreise: Hier lohnt gemeinsames Nachfragen beim Land."
        screenOnly
      />
      <RowList
        id="funding"
        title={`Finanzierung ungeklärt (${community.fundingUnclear})`}
        empty="Bei keiner Leistung ist die Finanzierung ungeklärt."
        headers={['Kreis', 'Leistung', 'Umsetzungsweg, Fortschritt']}
        rows={report.fundingUnclear.map((r) => ({ key: `${r.ags}-${r.ozgId}`, cells: [r.county, `${r.ozgId} ${r.service}`, `${approach(r.approach)}, ${Stage.label(r.stage as StageCode)}`] }))}
        limit={listLimit}
        screenOnly
      />

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

function TaskTable({ caption, rows, empty, withOrigin }: { caption: string; rows: { id: number; title: string; owner: string; dueDate: string; status: string; from?: string }[]; empty: string; withOrigin?: boolean }) {
  if (rows.length === 0) return <p className="kern-body">{empty}</p>
  return (
    <div className="table-scroll">
      <table className="kern-table kern-table--small">
        <caption className="visually-hidden">{caption}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Aufgabe</th>
            <th scope="col" className="kern-table__header">Verantwortlich</th>
            <th scope="col" className="kern-table__header">Fällig</th>
            <th scope="col" className="kern-table__header">Stand</th>
            {withOrigin ? <th scope="col" className="kern-table__header">Aus Sitzung</th> : null}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((t) => (
            <tr className="kern-table__row" key={t.id}>
              <th scope="row" className="kern-table__cell">
                {t.title}
              </th>
              <td className="kern-table__cell">{t.owner}</td>
              <td className="kern-table__cell">{germanDate(t.dueDate)}</td>
              <td className="kern-table__cell">{t.status}</td>
              {withOrigin ? <td className="kern-table__cell">{t.from}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function RowList({
  id,
  title,
  empty,
  headers,
  rows,
  limit,
  note,
  headerIndex = 1,
  screenOnly,
}: {
  headerIndex?: number
  id: string
  title: string
  empty: string
  headers: string[]
  rows: { key: string; cells: string[] }[]
  limit: number
  note?: string
  /** Long flat lists that the printed Sitzungsvorlage leaves out: its changes are grouped per
   *  county above, the complete lists are in the exports. */
  screenOnly?: boolean
}) {
  return (
    <section className={`report-section kern-stack ${screenOnly ? 'no-print' : ''}`} aria-labelledby={`${id}-heading`}>
      <h2 className="kern-heading-medium" id={`${id}-heading`}>
        {title}
      </h2>
      {note && rows.length > 0 ? <p className="kern-body kern-body--small">{note}</p> : null}
      {rows.length === 0 ? (
        <p className="kern-body">{empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="kern-table kern-table--striped kern-table--small">
            <caption className="visually-hidden">{title}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                {headers.map((h) => (
                  <th scope="col" className="kern-table__header" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {rows.map((r) => (
                <tr className="kern-table__row" key={r.key}>
                  {r.cells.map((cell, i) =>
                    i === headerIndex ? (
                      <th scope="row" className="kern-table__cell" key={i}>
                        {cell}
                      </th>
                    ) : (
                      <td className="kern-table__cell" key={i}>
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Capped shown={rows.length} limit={limit} />
    </section>
  )
}
