import { Link } from '@remix-run/react'
import { StatusChip } from '~/components/status-chip'
import { TableScroll } from '~/components/table-scroll'
import { Approach, Connection, type ApproachCode, type StageCode } from '~/domain/enums'
import { countOf, formatPercent } from '~/domain/kpi'
import { plural } from '~/domain/format'
import { isOnline } from '~/domain/rules'
import type { getServiceDetail } from '~/models/service-detail.server'

// „Nachnutzung: wer kann helfen?“ on the service page: who offers it online, whom to ask.
type Detail = NonNullable<Awaited<ReturnType<typeof getServiceDetail>>>

export function ReuseSection({ service, reuse, counties, communitySolutions, contacts }: Pick<Detail, 'service' | 'reuse' | 'counties' | 'communitySolutions' | 'contacts'>) {
  const contactsOf = (countyId: number) => contacts.filter((c) => c.countyId === countyId)
  const online = counties.filter(isOnline)
  return (
    <section aria-labelledby="reuse-heading">
      <h2 className="kern-heading-medium" id="reuse-heading">
        Nachnutzung: wer kann helfen?
      </h2>
      <dl className="kpis">
        <div className="kpi" data-kpi="reuse-online">
          <dt>Online</dt>
          <dd>
            {formatPercent(reuse.online, reuse.applicable)}
            <small>{countOf(reuse.online, reuse.applicable)} zuständigen Kreisen</small>
          </dd>
        </div>
        <div className="kpi" data-kpi="reuse-awaiting">
          <dt>Warten auf einen EfA-Dienst</dt>
          <dd>
            {reuse.awaitingEfa}
            <small>Kreise mit Umsetzungsweg „offen“ und Planung „warten auf EfA“ (von {reuse.pending} offenen)</small>
          </dd>
        </div>
      </dl>
      {online.length ? (
        <TableScroll label="Kreise, die die Leistung online anbieten">
          <table className="kern-table kern-table--small">
            <caption className="kern-title">Kreise, die die Leistung online anbieten – fragen Sie dort nach</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Kreis</th>
                <th scope="col" className="kern-table__header">Umsetzungsstand</th>
                <th scope="col" className="kern-table__header">Online-Dienst</th>
                <th scope="col" className="kern-table__header">Ende-zu-Ende</th>
                <th scope="col" className="kern-table__header">Kontakt</th>
                <th scope="col" className="kern-table__header">Ansprechpersonen</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {online.map((c) => (
                <tr key={c.ags} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link className="kern-link" to={`/kreise/${c.ags}/leistungen/${service.ozgId}`}>
                      {c.name}
                    </Link>
                  </th>
                  <td className="kern-table__cell">
                    <StatusChip approach={c.approach as ApproachCode} stage={c.stage as StageCode} />
                  </td>
                  <td className="kern-table__cell">
                    {c.onlineServiceId ? (
                      <Link className="kern-link" to={`/online-dienste/${c.onlineServiceId}`}>
                        {c.onlineServiceName}
                      </Link>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td className="kern-table__cell">{c.endToEnd === null ? '–' : c.endToEnd ? 'ja' : 'nein'}</td>
                  <td className="kern-table__cell">{c.contact ?? '–'}</td>
                  <td className="kern-table__cell">
                    <ContactList contacts={contactsOf(c.countyId)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="kern-body">Noch kein Kreis der Community bietet diese Leistung online an.</p>
      )}
      {communitySolutions.map((s) => (
        <CommunitySolution key={s.id} solution={s} ozgId={service.ozgId} leadContacts={contacts.filter((c) => counties.find((k) => k.ags === s.leadAgs)?.countyId === c.countyId)} />
      ))}
    </section>
  )
}

/** A community solution of the service: its lead, who adopted it and who has not yet. */
function CommunitySolution({ solution: s, ozgId, leadContacts }: { solution: Detail['communitySolutions'][number]; ozgId: string; leadContacts: Detail['contacts'] }) {
  return (
    <div className="kern-stack" data-community-solution={s.id}>
      <h3 className="kern-heading-small">
        Community-Lösung „{s.name}“ – Federführung: {s.leadName ?? '–'}
      </h3>
      {s.leadAgs ? (
        <div className="kern-body">
          Ansprechpersonen der Federführung: <ContactList contacts={leadContacts} />
        </div>
      ) : null}
      <p className="kern-body">
        Übernommen von {plural(s.adopted.length, 'Kreis', 'Kreisen')}
        {s.adopted.length ? ': ' : '.'}
        {s.adopted.map((a, i) => (
          <span key={a.ags}>
            {i ? ', ' : ''}
            <Link className="kern-link" to={`/kreise/${a.ags}/leistungen/${ozgId}`}>
              {a.name}
            </Link>
            {a.connection ? ` (${Connection.label(a.connection as never)})` : ''}
          </span>
        ))}
      </p>
      <p className="kern-body">
        Noch nicht übernommen ({s.notYet.length}): {s.notYet.length ? s.notYet.map((n) => `${n.name} (${Approach.label(n.approach) || '–'})`).join(', ') : 'keiner'}
      </p>
    </div>
  )
}

function ContactList({ contacts }: { contacts: { id: number; name: string; role: string | null; email: string | null; phone: string | null }[] }) {
  if (contacts.length === 0) return <>–</>
  return (
    <ul className="contact-list">
      {contacts.map((p) => (
        <li key={p.id}>
          {p.name}
          {p.role ? `, ${p.role}` : ''}
          {p.email ? (
            <>
              {' · '}
              <a className="kern-link" href={`mailto:${p.email}`}>
                {p.email}
              </a>
            </>
          ) : null}
          {p.phone ? ` · Tel. ${p.phone}` : ''}
        </li>
      ))}
    </ul>
  )
}
