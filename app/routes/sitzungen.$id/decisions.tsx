// The coordination part of the report: agenda, decisions and to-dos of this meeting, and what is
// still open from earlier ones.
import { Link } from '@remix-run/react'
import type { FieldErrors } from '~/components/form'
import { germanDate } from '~/domain/meeting-report'
import { AgendaItemForm, DecisionForm, TaskForm } from './decision-forms'
import type { Decisions, ReportPageData } from './types'

const owner = (t: { ownerCounty: string | null; ownerUser: string | null }) => [t.ownerCounty, t.ownerUser].filter(Boolean).join(', ')

type FormState = { errorsFor: (intent: string) => FieldErrors; valuesFor: (intent: string) => Record<string, string>; busy: boolean }

export function DecisionsSection({ decisions, options, canEdit, form }: { decisions: Decisions; options: ReportPageData['options']; canEdit: boolean; form: FormState }) {
  const { errorsFor, valuesFor, busy } = form
  return (
    <section className="report-section kern-stack" aria-labelledby="beschluesse">
      <h2 className="kern-heading-medium" id="beschluesse">
        Tagesordnung, Beschlüsse und Aufgaben
      </h2>
      <h3 className="kern-heading-small">Tagesordnung</h3>
      <AgendaList agenda={decisions.agenda} />
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
  )
}

function AgendaList({ agenda }: { agenda: Decisions['agenda'] }) {
  return agenda.length === 0 ? (
    <p className="kern-body">Noch kein Tagesordnungspunkt.</p>
  ) : (
    <ol className="kern-list agenda">
      {agenda.map((a) => (
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
  )
}

export function CarriedSection({ decisions }: { decisions: Decisions }) {
  const dueShared = decisions.sharedNegotiations.filter((n) => n.isDue)
  return (
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
  )
}

function TaskTable({ caption, rows, empty, withOrigin }: { caption: string; rows: { id: number; title: string; owner: string; dueDate: string; status: string; from?: string }[]; empty: string; withOrigin?: boolean }) {
  if (rows.length === 0) return <p className="kern-body">{empty}</p>
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
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
