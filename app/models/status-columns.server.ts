// The statuses table's value columns, derived from the field table (app/domain/status-fields.ts):
// every reader that diffs or rewrites rows selects these, and the export the file's share of them.
import { statuses } from '../../db/schema'
import { STATUS_VALUE_FIELDS, type StatusField } from '~/domain/status'
import { STATUS_FILE_FIELDS } from '~/domain/status-csv'
import type { StatusFieldEntry } from '~/domain/status-fields'

type Columns = typeof statuses
/** The editable columns of a status row, by field name. */
export const valueColumns = Object.fromEntries(STATUS_VALUE_FIELDS.map((f) => [f, statuses[f]])) as { [F in StatusField]: Columns[F] }

// Not as they are in the file: references (names instead of ids) and the fields not in the file.
type FileValueField = Exclude<StatusField, Extract<StatusFieldEntry, { type: 'reference' } | { inFile: false }>['name']>
/** The value columns a status list file holds as they are; references come as names instead. */
export const fileValueColumns = Object.fromEntries(
  STATUS_FILE_FIELDS.filter((f) => f.type !== 'reference').map((f) => [f.name, statuses[f.name as FileValueField]]),
) as { [F in FileValueField]: Columns[F] }
