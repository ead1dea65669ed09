import { Link } from '@remix-run/react'
import { StatusChip } from '~/components/status-chip'
import type { ApproachCode, StageCode } from '~/domain/enums'
import { formatDate, formatDateTime } from '~/domain/format'

export type RowHeading = {
  ags: string
  countyName: string
  ozgId: string
  serviceName: string
  theme: string
  approach: ApproachCode
  stage: StageCode
  version: number
  updatedAt: string | Date
  updatedByName: string | null
  updatedByEmail: string | null
  confirmedAt: string | Date | null
}

/** The page's heading and what the row says now: status chip, last change, last confirmation. */
export function RowFacts({ row }: { row: RowHeading }) {
  const by = row.updatedByName || row.updatedByEmail
  return (
    <div className="kern-stack status-head">
      <p className="kern-body">
        <Link className="kern-link" to={`/kreise/${row.ags}`}>
          ← Alle Leistungen von {row.countyName}
        </Link>
      </p>
      <h1 className="kern-heading-large">
        {row.serviceName} <span className="status-head__id">– {row.countyName}</span>
      </h1>
      <dl className="facts status-facts">
        <div>
          <dt>Stand</dt>
          <dd>
            <StatusChip approach={row.approach} stage={row.stage} />
          </dd>
        </div>
        <div>
          <dt>Leistung</dt>
          <dd>
            OZG-ID {row.ozgId} · {row.theme}
          </dd>
        </div>
        <div>
          <dt>Zuletzt geändert</dt>
          <dd>
            {formatDateTime(row.updatedAt)}
            {by ? ` von ${by}` : ''} · Version {row.version}
          </dd>
        </div>
        <div>
          <dt>Bestätigt</dt>
          <dd>{row.confirmedAt ? `am ${formatDate(row.confirmedAt)}` : 'noch nie'}</dd>
        </div>
      </dl>
    </div>
  )
}
