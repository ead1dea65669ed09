import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { optionalIdSchema } from '~/domain/id'
import {
  formatDateTime,
  formatDay,
  digestShown,
  lastDay,
  MarkReadInput,
  NOTIFICATION_KIND_LABEL,
  type DigestPayload,
  type NowAvailablePayload,
} from '~/domain/notification'
import { countUnreadNotifications, listNotifications, markNotificationsRead, type NotificationRow } from '~/models/notification.server'
import { requireUser } from '~/guards/auth.server'
import { readFormValues } from '~/utils/form.server'
import { badRequest, notFound } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Benachrichtigungen – OZG-Radar' }]

const ListQuery = z.object({ vor: optionalIdSchema('Diese Seite der Benachrichtigungen gibt es nicht.') })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const query = ListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!query.success) throw badRequest('Diese Seite der Benachrichtigungen gibt es nicht. Beginnen Sie bei den neuesten.')
  const [list, unread] = await Promise.all([listNotifications(user.id, query.data.vor), countUnreadNotifications(user.id)])
  return { ...list, unread, paged: !!query.data.vor }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = MarkReadInput.safeParse(await readFormValues(request))
  if (!parsed.success) throw badRequest('Diese Anfrage verstehen wir nicht. Laden Sie die Seite neu und versuchen Sie es noch einmal.')
  const changed = await markNotificationsRead(user, parsed.data.intent === 'gelesen' ? parsed.data.id : undefined)
  if (parsed.data.intent === 'gelesen' && changed === 0) throw notFound('Diese Benachrichtigung gibt es nicht oder sie ist schon gelesen.')
  const back = new URL(request.url)
  return redirect(back.pathname + back.search)
}

function DigestDetails({ payload }: { payload: DigestPayload }) {
  const period = payload.frequency === 'daily' ? formatDay(payload.from) : `${formatDay(payload.from)} bis ${formatDay(lastDay(payload.to))}`
  return (
    <details>
      <summary className="kern-link">
        {payload.total === 1 ? 'Die Änderung' : `Die ${payload.total} Änderungen`} anzeigen ({period})
      </summary>
      <ul className="kern-list notification-changes">
        {payload.items.map((i, index) => (
          <li key={index}>
            <Link className="kern-link" to={`/kreise/${i.ags}/leistungen/${i.ozgId}`}>
              {i.countyName} ({i.ags}) · {i.ozgId} {i.serviceName}
            </Link>
            <br />
            <span className="kern-body--small">
              {formatDateTime(i.changedAt)}
              {i.byName ? `, ${i.byName}` : ''}
            </span>
            <ul className="kern-list">
              {i.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </li>
        ))}
        {(payload.negotiations ?? []).map((i, index) => (
          <li key={`v${index}`}>
            <Link className="kern-link" to={`/verhandlungen/${i.negotiationId}`}>
              Verhandlung {i.title}
            </Link>
            <br />
            <span className="kern-body--small">
              {formatDateTime(i.changedAt)}
              {i.byName ? `, ${i.byName}` : ''}
            </span>
            <ul className="kern-list">
              <li>{i.line}</li>
            </ul>
          </li>
        ))}
      </ul>
      {payload.total > digestShown(payload) ? (
        <p className="kern-body">… und {payload.total - digestShown(payload)} weitere; alle sehen Sie auf den Seiten der Kreise und Verhandlungen.</p>
      ) : null}
    </details>
  )
}

function Body({ n }: { n: NotificationRow }) {
  if (n.kind === 'digest') return <DigestDetails payload={n.payload as DigestPayload} />
  if (n.kind === 'now_available') {
    const p = n.payload as NowAvailablePayload
    return (
      <>
        <p className="kern-body">
          {p.countyName} ({p.ags}) wartet darauf bei {p.services.length === 1 ? 'dieser Leistung' : `diesen ${p.services.length} Leistungen`}:{' '}
          {p.services.map((s) => `${s.ozgId} ${s.name}`).join(', ')}.
        </p>
        {n.link ? (
          <p className="kern-body">
            <Link className="kern-link" to={n.link}>
              Zum Online-Dienst {p.onlineServiceName}
            </Link>
          </p>
        ) : null}
      </>
    )
  }
  return n.link ? (
    <p className="kern-body">
      <Link className="kern-link" to={n.link}>
        {n.kind === 'task_reminder' ? 'Zu den Aufgaben' : 'Die nicht bestätigten Leistungen anzeigen'}
      </Link>
    </p>
  ) : null
}

export default function Notifications() {
  const { items, more, unread, paged } = useLoaderData<typeof loader>()
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Benachrichtigungen</h1>
      <p className="kern-body">
        {unread === 0 ? 'Sie haben keine ungelesenen Benachrichtigungen.' : unread === 1 ? 'Sie haben 1 ungelesene Benachrichtigung.' : `Sie haben ${unread} ungelesene Benachrichtigungen.`}{' '}
        Was Sie abonnieren und wie oft E-Mails kommen, stellen Sie im{' '}
        <Link className="kern-link" to="/profil#benachrichtigungen">
          Profil
        </Link>{' '}
        ein.
      </p>
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="alle-gelesen" />
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">Alle als gelesen markieren</span>
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? <p className="kern-body">{paged ? 'Keine älteren Benachrichtigungen.' : 'Noch keine Benachrichtigungen.'}</p> : null}
      <ol className="notification-list" aria-label="Benachrichtigungen, neueste zuerst">
        {items.map((n) => (
          <li key={n.id} className={n.readAt ? 'notification' : 'notification notification--unread'}>
            <article aria-labelledby={`n-${n.id}`}>
              <h2 className="kern-heading-small" id={`n-${n.id}`}>
                {!n.readAt ? (
                  <span className="kern-badge kern-badge--info notification__new">
                    <span className="kern-label kern-label--small">Neu</span>
                  </span>
                ) : null}{' '}
                {n.title}
              </h2>
              <p className="kern-body kern-body--small">
                {NOTIFICATION_KIND_LABEL[n.kind]} · {formatDateTime(n.createdAt)}
                {n.readAt ? ' · gelesen' : ''}
              </p>
              <Body n={n as unknown as NotificationRow} />
              {!n.readAt ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="gelesen" />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="kern-btn kern-btn--tertiary kern-btn--x-small">
                    <span className="kern-label">
                      Als gelesen markieren<span className="visually-hidden"> ({n.title})</span>
                    </span>
                  </button>
                </Form>
              ) : null}
            </article>
          </li>
        ))}
      </ol>
      {more ? (
        <p className="kern-body">
          <Link className="kern-link" to={`?vor=${items[items.length - 1].id}`}>
            Ältere Benachrichtigungen
          </Link>
        </p>
      ) : null}
    </div>
  )
}
