import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { idSchema } from '~/domain/id'
import { useErrorTitle } from '~/components/error-title'
import { formatDate, plural } from '~/domain/format'
import { metaTitle } from '~/domain/page-title'
import { canCompleteTask } from '~/domain/permissions'
import { todayIso } from '~/domain/status'
import { listOpenTasks, setTaskDone } from '~/models/task.server'
import { requireUser } from '~/guards/auth.server'
import { readFormValues } from '~/utils/form.server'
import { forbidden, notFound } from '~/utils/http.server'

export const meta: MetaFunction = () => metaTitle(['Offene Aufgaben'])

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const tasks = await listOpenTasks()
  return {
    tasks: tasks.map((t) => ({ ...t, canComplete: canCompleteTask(user, t) })),
    today: todayIso(),
  }
}

const DoneForm = z.object({ aufgabe: idSchema('Wählen Sie eine Aufgabe.') })

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = DoneForm.safeParse(await readFormValues(request))
  if (!parsed.success) return data({ message: 'Diese Aufgabe gibt es nicht. Laden Sie die Seite neu.' }, { status: 400 })
  const result = await setTaskDone(parsed.data.aufgabe, true, user)
  if (result === 'not_found') throw notFound('Diese Aufgabe gibt es nicht (mehr).')
  if (result === 'forbidden') throw forbidden('Sie dürfen nur Aufgaben Ihres Kreises oder Ihre eigenen als erledigt markieren.')
  return redirect(`/aufgaben?erledigt=${parsed.data.aufgabe}`)
}

type Task = ReturnType<typeof useLoaderData<typeof loader>>['tasks'][number]

function TaskRow({ t, today }: { t: Task; today: string }) {
  const overdue = t.dueDate < today
  return (
    <tr className="kern-table__row">
      <th scope="row" className="kern-table__cell">
        {t.title}
      </th>
      <td className="kern-table__cell">{[t.ownerCounty, t.ownerUser].filter(Boolean).join(', ')}</td>
      <td className={`kern-table__cell ${overdue ? 'is-overdue' : ''}`}>
        {formatDate(t.dueDate)}
        {overdue ? ' (überfällig)' : ''}
      </td>
      <td className="kern-table__cell">
        {t.meetingId ? (
          <Link className="kern-link" to={`/sitzungen/${t.meetingId}`}>
            {t.meetingTitle}
          </Link>
        ) : (
          '–'
        )}
      </td>
      <td className="kern-table__cell">
        {t.canComplete ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="aufgabe" value={t.id} />
            <button type="submit" className="kern-btn kern-btn--secondary kern-btn--x-small" aria-label={`Erledigt: ${t.title}`}>
              <span className="kern-label">Erledigt</span>
            </button>
          </Form>
        ) : (
          'offen'
        )}
      </td>
    </tr>
  )
}

function OwnerTasks({ ownerName, list, today }: { ownerName: string; list: Task[]; today: string }) {
  const headingId = `owner-${list[0].id}`
  return (
    <section className="kern-stack" aria-labelledby={headingId}>
      <h2 className="kern-heading-medium" id={headingId}>
        {ownerName} ({plural(list.length, 'Aufgabe', 'Aufgaben')})
      </h2>
      {/* A scroll box on small screens: focusable, so that the keyboard can scroll it. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Offene Aufgaben: ${ownerName}`}>
        <table className="kern-table kern-table--small kern-table--striped">
          <caption className="visually-hidden">Offene Aufgaben: {ownerName}</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Aufgabe</th>
              <th scope="col" className="kern-table__header">Verantwortlich</th>
              <th scope="col" className="kern-table__header">Fällig</th>
              <th scope="col" className="kern-table__header">Aus Sitzung</th>
              <th scope="col" className="kern-table__header">Erledigt?</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {list.map((t) => (
              <TaskRow key={t.id} t={t} today={today} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

export default function Tasks() {
  const { tasks, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  useErrorTitle(!!actionData)
  // Grouped by owner: a county (and person), or a person alone; each group by due date.
  const groups = new Map<string, typeof tasks>()
  for (const t of tasks) {
    const key = t.ownerCounty ?? t.ownerUser ?? '–'
    groups.set(key, [...(groups.get(key) ?? []), t])
  }
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large" tabIndex={-1}>
        Offene Aufgaben
      </h1>
      <p className="kern-body">
        Aufgaben aus den Sitzungen, die noch nicht erledigt sind – nach Verantwortlichen und Fälligkeit. Die Bearbeitung eines Kreises markiert die
        Aufgaben ihres Kreises und ihre eigenen als erledigt; offene Aufgaben stehen im Bericht der nächsten Sitzung.
      </p>
      {search.get('erledigt') && !actionData ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Die Aufgabe ist als erledigt markiert.</p>
          </div>
        </div>
      ) : null}
      {actionData ? (
        <div className="kern-alert kern-alert--danger" role="alert">
          <div className="kern-alert__body">
            <p className="kern-body">{actionData.message}</p>
          </div>
        </div>
      ) : null}
      {tasks.length === 0 ? <p className="kern-body">Es gibt keine offenen Aufgaben.</p> : null}
      {[...groups.entries()].map(([ownerName, list]) => (
        <OwnerTasks key={ownerName} ownerName={ownerName} list={list} today={today} />
      ))}
    </div>
  )
}
