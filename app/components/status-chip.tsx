import type { ApproachCode, StageCode } from '~/domain/enums'
import { statusChips, statusCode, type StatusCode } from '~/domain/status-chip'

type Props =
  | { code: StatusCode; approach?: never; stage?: never; compact?: boolean }
  | { code?: never; approach: ApproachCode | null | undefined; stage: StageCode | null | undefined; compact?: boolean }

/** A status row as colour + E/A + stage symbol + words; `compact` keeps the words for screen readers only. */
export function StatusChip(props: Props) {
  const chip = statusChips[props.code ?? statusCode(props.approach, props.stage)]
  return (
    <span className={`status-chip ${chip.className}`}>
      <span className="status-chip__symbol" aria-hidden="true">
        {chip.symbol}
      </span>
      <span className={props.compact ? 'visually-hidden' : 'status-chip__label'}>{chip.label}</span>
    </span>
  )
}
