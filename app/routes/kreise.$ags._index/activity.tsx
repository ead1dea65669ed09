import { Link } from '@remix-run/react'
import { ChangeList, changeSourceLabel } from '~/components/change-list'
import { formatDateTime } from '~/domain/format'
import type { StatusDiff } from '~/domain/status'

type Activity = { id: number; changedAt: string | Date; byName: string | null; byEmail: string | null; source: string; ozgId: string; serviceName: string; changes: unknown; comment: string | null }

/** The latest changes to the county's rows, newest first. */
export function ActivitySection({ ags, activity }: { ags: string; activity: Activity[] }) {
  return (
    <section aria-labelledby="activity-title" className="kern-stack">
      <h2 className="kern-heading-medium" id="activity-title">
        Letzte Änderungen
      </h2>
      {activity.length === 0 ? (
        <p className="kern-body">Noch keine Änderungen.</p>
      ) : (
        <ol className="kern-list activity">
          {activity.map((a) => (
            <li key={a.id}>
              <strong>{formatDateTime(a.changedAt)}</strong> · {a.byName || a.byEmail || 'System'} · {changeSourceLabel[a.source] ?? a.source} ·{' '}
              <Link className="kern-link" to={`/kreise/${ags}/leistungen/${a.ozgId}`}>
                {a.serviceName} ({a.ozgId})
              </Link>
              <ChangeList changes={a.changes as StatusDiff} />
              {a.comment ? <p className="kern-body">Kommentar: {a.comment}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
