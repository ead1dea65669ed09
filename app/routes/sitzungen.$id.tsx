import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import chartsCss from '~/components/charts/charts.css?url'
import { ChartFigure } from '~/components/charts/chart-figure'
import { okabeIto } from '~/components/charts/palette'
import { fieldErrors } from '~/components/form'
import { MeetingForm } from '~/components/meeting-form'
import { Approach, InterfaceStatus, Stage, type ApproachCode, type InterfaceStatusCode, type StageCode } from '~/domain/enums'
import { germanDate, germanDateTime, periodText, REPORT_COLUMNS } from '~/domain/meeting-report'
import { MeetingInput, MeetingParams } from '~/domain/meeting'
import { canEditCatalogue } from '~/domain/permissions'
import { FIELD_LABEL, type StatusField } from '~/domain/status'
import { getMeeting, getMeetingReport, LIST_LIMIT, updateMeeting } from '~/models/meeting.server'
import { getCommunityName } from '~/models/settings.server'
import reportCss from '~/styles/meeting-report.css?url'
import { requireCoordinator, requireUser } from '~/guards/auth.server'
import { echo, notFound, parseParams } from '~/utils/http.server'
import { readFormValues } from '~/utils/form.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: chartsCss },
  { rel: 'stylesheet', href: reportCss },
]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.meeting.title ?? 'Sitzung'} – Sitzungen – OZG-Radar` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { id } = parseParams(MeetingParams, params)
  const meeting = await getMeeting(id)
  if (!meeting) throw notFound('Diese Sitzung gibt es nicht. Wählen Sie eine aus der Liste der Sitzungen.')
  const [report, communityName] = await Promise.all([getMeetingReport(meeting), getCommunityName()])
  return { meeting, report, communityName, canEdit: canEditCatalogue(user), listLimit: LIST_LIMIT }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCoordinator(request)
  const { id } = parseParams(MeetingParams, params)
  const values = await readFormValues(request)
  const parsed = MeetingInput.safeParse(values)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: echo(values) }, { status: 400 })
  if (!(await updateMeeting(id, parsed.data, user))) throw notFound('Diese Sitzung gibt es nicht mehr.')
  return redirect(`/sitzungen/${id}?gespeichert=1`)
}

const approach = (code: string | null) => (code ? Approach.label(code as ApproachCode) : '–')

function Capped({ shown, total, limit }: { shown: number; total?: number; limit: number }) {
  if (shown < limit) return null
  return (
    <p className="kern-body kern-body--small">
      Die ersten {limit}{total !== undefined ? ` von ${total}` : ''} Einträge; vollständig im CSV- und Markdown-Export.
    </p>
  )
}

export default function MeetingReportPage() {
  const { meeting, report, communityName, canEdit, listLimit } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const names = report.counties.map((c) => c.name)
  const community = report.community
  const changedNames = (fields: string[]) => fields.map((f) => FIELD_LABEL[f as StatusField] ?? f).join(', ')

  return (
    <div className="kern-stack">
      <p className="kern-body no-print">
        <Link className="kern-link" to="/sitzungen">
          ← Alle Sitzungen
        </Link>
      </p>
      {communityName ? <p className="kern-body meeting-community">{communityName}</p> : null}
      <h1 className="kern-heading-large">{meeting.title}</h1>
      {searchParams.get('gespeichert') && !actionData ? (
        <div className="kern-alert kern-alert--success no-print" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Die Änderungen an der Sitzung sind gespeichert.</p>
          </div>
        </div>
      ) : null}
      <p className="kern-body">
        Sitzung am {germanDate(meeting.heldOn)}. Berichtszeitraum: {periodText(report)}.
      </p>
      <div className="report-actions">
        <a className="kern-link" href={`/sitzungen/${meeting.id}/markdown`} download>
          Bericht als Markdown
        </a>
        <a className="kern-link" href={`/sitzungen/${meeting.id}/csv`} download>
          Bericht als CSV
        </a>
        <span className="kern-body kern-body--small">Drucken (A4) über die Druckfunktion des Browsers, Strg+P.</span>
      </div>
      {meeting.notes ? (
        <section className="report-section" aria-labelledby="notes-heading">
          <h2 className="kern-heading-medium" id="notes-heading">
            Notizen
          </h2>
          <p className="kern-body report-notes">{meeting.notes}</p>
        </section>
      ) : null}

      <section className="report-section kern-stack" aria-labelledby="overview-heading">
        <h2 className="kern-heading-medium" id="overview-heading">
          Community im Überblick
        </h2>
        <dl className="kpis">
          {REPORT_COLUMNS.map((c) => (
            <div className="kpi" key={c.key}>
              <dt>{c.label}</dt>
              <dd>
                {community[c.key]}
                <small>{c.counts}</small>
              </dd>
            </div>
          ))}
        </dl>
        <ChartFigure
          id="chart-changes"
          type="bar"
          horizontal
          title="Was sich im Berichtszeitraum getan hat, je Kreis"
          summary={`Im Berichtszeitraum: ${community.newlyOnline} Leistungen neu online, ${community.approachChanges} Wechsel des Umsetzungswegs, ${community.newNegotiations} neue Schnittstellenverhandlungen.`}
          counts="Anzahl im Berichtszeitraum."
          labels={names}
          rowHeader="Kreis"
          series={[
            { label: 'Neu online', data: report.counties.map((c) => c.newlyOnline), color: okabeIto.bluishGreen },
            { label: 'Wechsel des Umsetzungswegs', data: report.counties.map((c) => c.approachChanges), color: okabeIto.orange, pattern: 'diagonal' },
            { label: 'Neue Schnittstellenverhandlungen', data: report.counties.map((c) => c.newNegotiations), color: okabeIto.blue, pattern: 'dots' },
          ]}
        />
        <ChartFigure
          id="chart-open"
          type="bar"
          horizontal
          stacked
          title="Offene Punkte je Kreis"
          summary={`Heute offen: ${community.openNegotiations} Schnittstellenverhandlungen, ${community.awaitingEfa} Leistungen warten auf EfA, ${community.fundingUnclear} mit ungeklärter Finanzierung.`}
          counts="Anzahl Leistungen, Stand heute."
          labels={names}
          rowHeader="Kreis"
          series={[
            { label: 'Offene Schnittstellenverhandlungen', data: report.counties.map((c) => c.openNegotiations), color: okabeIto.blue },
            { label: 'Warten auf EfA', data: report.counties.map((c) => c.awaitingEfa), color: okabeIto.skyBlue, pattern: 'diagonal' },
            { label: 'Finanzierung ungeklärt', data: report.counties.map((c) => c.fundingUnclear), color: okabeIto.vermillion, pattern: 'cross' },
          ]}
          extraColumn={{ header: 'Länger als 180 Tage nicht bestätigt', values: report.counties.map((c) => `${c.stale} von ${c.applicable}`) }}
        />
      </section>

      <section className="report-section kern-stack" aria-labelledby="changed-heading">
        <h2 className="kern-heading-medium" id="changed-heading">
          Geänderte Zeilen ({community.changedRows})
        </h2>
        {report.changedRows.length === 0 ? (
          <p className="kern-body">Im Berichtszeitraum wurde keine Zeile geändert.</p>
        ) : (
          <div className="table-scroll">
            <table className="kern-table kern-table--striped">
              <caption className="kern-title">Zeilen mit Änderungen im Berichtszeitraum, zuletzt geänderte zuerst</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">Kreis</th>
                  <th scope="col" className="kern-table__header">Leistung</th>
                  <th scope="col" className="kern-table__header">Geänderte Felder</th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">Änderungen</th>
                  <th scope="col" className="kern-table__header">Zuletzt</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {report.changedRows.map((r) => (
                  <tr className="kern-table__row" key={`${r.ags}-${r.ozgId}`}>
                    <td className="kern-table__cell">{r.county}</td>
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
        )}
        <Capped shown={report.changedRows.length} total={community.changedRows} limit={listLimit} />
      </section>

      <RowList
        id="online"
        title={`Neu online (${community.newlyOnline})`}
        empty="Keine Leistung ist im Berichtszeitraum online gegangen."
        headers={['Kreis', 'Leistung', 'Umsetzungsweg / Online-Dienst', 'Datum']}
        rows={report.newlyOnline.map((r) => ({ key: `${r.ags}-${r.ozgId}`, cells: [r.county, `${r.ozgId} ${r.service}`, `${approach(r.approach)}${r.onlineService ? ` – ${r.onlineService}` : ''}`, germanDateTime(r.changedAt)] }))}
        limit={listLimit}
      />
      <RowList
        id="approach"
        title={`Wechsel des Umsetzungswegs (${community.approachChanges})`}
        empty="Kein Kreis hat im Berichtszeitraum den Umsetzungsweg einer Leistung geändert."
        headers={['Kreis', 'Leistung', 'Von → nach', 'Datum']}
        rows={report.approachChanges.map((r, i) => ({ key: `${r.ags}-${r.ozgId}-${i}`, cells: [r.county, `${r.ozgId} ${r.service}`, `${approach(r.from)} → ${approach(r.to)}`, germanDateTime(r.changedAt)] }))}
        limit={listLimit}
      />
      <RowList
        id="negotiations"
        title={`Schnittstellenverhandlungen: ${community.newNegotiations} neu, ${community.openNegotiations} offen`}
        empty="Es gibt keine offenen Schnittstellenverhandlungen."
        headers={['Kreis', 'Leistung', 'Stand', 'Fachverfahren (Hersteller)']}
        rows={report.negotiations.map((r) => ({
          key: `${r.ags}-${r.ozgId}`,
          cells: [
            r.county,
            `${r.ozgId} ${r.service}`,
            `${InterfaceStatus.label(r.interfaceStatus as InterfaceStatusCode)}${r.isNew ? ' (neu)' : ''}`,
            r.fachverfahren ? `${r.fachverfahren}${r.vendor ? ` (${r.vendor})` : ''}` : '–',
          ],
        }))}
        limit={listLimit}
        note="Neue Verhandlungen (im Berichtszeitraum begonnen) stehen oben."
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
      />
      <RowList
        id="funding"
        title={`Finanzierung ungeklärt (${community.fundingUnclear})`}
        empty="Bei keiner Leistung ist die Finanzierung ungeklärt."
        headers={['Kreis', 'Leistung', 'Umsetzungsweg, Fortschritt']}
        rows={report.fundingUnclear.map((r) => ({ key: `${r.ags}-${r.ozgId}`, cells: [r.county, `${r.ozgId} ${r.service}`, `${approach(r.approach)}, ${Stage.label(r.stage as StageCode)}`] }))}
        limit={listLimit}
      />

      {canEdit ? (
        <details className="report-edit" open={actionData ? true : undefined}>
          <summary className="kern-link">Sitzung bearbeiten</summary>
          <MeetingForm
            errors={actionData?.errors ?? {}}
            values={
              actionData?.values ?? {
                datum: germanDate(meeting.heldOn),
                titel: meeting.title,
                notizen: meeting.notes ?? '',
                zeitraum_ab: meeting.coversFrom ? germanDate(meeting.coversFrom) : '',
              }
            }
            submitLabel="Änderungen speichern"
            busy={navigation.state === 'submitting'}
          />
        </details>
      ) : null}
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
}: {
  headerIndex?: number
  id: string
  title: string
  empty: string
  headers: string[]
  rows: { key: string; cells: string[] }[]
  limit: number
  note?: string
}) {
  return (
    <section className="report-section kern-stack" aria-labelledby={`${id}-heading`}>
      <h2 className="kern-heading-medium" id={`${id}-heading`}>
        {title}
      </h2>
      {note && rows.length > 0 ? <p className="kern-body kern-body--small">{note}</p> : null}
      {rows.length === 0 ? (
        <p className="kern-body">{empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="kern-table kern-table--striped">
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
