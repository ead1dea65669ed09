import { Form } from '@remix-run/react'
import { enumOptions, SelectField, TextField } from '~/components/fields'
import { ErrorSummary, type FieldErrors } from '~/components/form'
import { TableScroll } from '~/components/table-scroll'
import { BasicComponent, BasicComponentStatus } from '~/domain/enums'

type Row = { component: string; status: string; provider: string | null; note: string | null; version: number }
type ActionData = { errors: FieldErrors; values: Record<string, string>; conflicts?: string[] }

function EditCells({ row, label, actionData }: { row: Row; label: string; actionData?: ActionData }) {
  const errors = actionData?.errors ?? {}
  const v = (field: string, fallback: string) => actionData?.values[`${field}_${row.component}`] ?? fallback
  return (
    <>
      <td className="kern-table__cell">
        <input type="hidden" name={`version_${row.component}`} value={v('version', String(row.version))} />
        <SelectField name={`status_${row.component}`} label={`Status ${label}`} hideLabel options={enumOptions(BasicComponentStatus)} defaultValue={v('status', BasicComponentStatus.value(row.status as never))} error={errors[`status_${row.component}`]} />
      </td>
      <td className="kern-table__cell">
        <TextField name={`anbieter_${row.component}`} label={`Anbieter ${label}`} hideLabel defaultValue={v('anbieter', row.provider ?? '')} error={errors[`anbieter_${row.component}`]} />
      </td>
      <td className="kern-table__cell">
        <TextField name={`notiz_${row.component}`} label={`Notiz ${label}`} hideLabel defaultValue={v('notiz', row.note ?? '')} error={errors[`notiz_${row.component}`]} />
      </td>
    </>
  )
}

function BasicComponentsTable({ rows, canEdit, actionData }: { rows: Row[]; canEdit: boolean; actionData?: ActionData }) {
  return (
    <TableScroll label="Basisdienste">
      <table className="kern-table">
        <caption className="visually-hidden">Basisdienste und ihr Status</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Basisdienst</th>
            <th scope="col" className="kern-table__header">Status</th>
            <th scope="col" className="kern-table__header">Anbieter</th>
            <th scope="col" className="kern-table__header">Notiz</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => {
            const label = BasicComponent.label(r.component as never)
            return (
              <tr key={r.component} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {label}
                  {actionData?.conflicts?.includes(r.component) ? <strong> – inzwischen geändert: {BasicComponentStatus.label(r.status as never)}</strong> : null}
                </th>
                {canEdit ? (
                  <EditCells row={r} label={label} actionData={actionData} />
                ) : (
                  <>
                    <td className="kern-table__cell">{BasicComponentStatus.label(r.status as never)}</td>
                    <td className="kern-table__cell">{r.provider ?? '–'}</td>
                    <td className="kern-table__cell">{r.note ?? ''}</td>
                  </>
                )}
              </tr>
            )
          })}
        </tbody>
      </table>
    </TableScroll>
  )
}

/** The county-wide basic components, collapsed below the list; open after a save or an error. */
export function BasicComponentsSection({ rows, canEdit, actionData, justSaved, submitting }: { rows: Row[]; canEdit: boolean; actionData?: ActionData; justSaved: boolean; submitting: boolean }) {
  const table = <BasicComponentsTable rows={rows} canEdit={canEdit} actionData={actionData} />
  return (
    <section aria-labelledby="basisdienste" className="kern-stack">
      <h2 className="kern-heading-medium" id="basisdienste" tabIndex={-1}>
        Basisdienste
      </h2>
      <details className="disclosure" open={Boolean(actionData) || justSaved}>
        <summary className="kern-link">{canEdit ? `${rows.length} Basisdienste anzeigen und bearbeiten` : `${rows.length} Basisdienste anzeigen`}</summary>
        {canEdit ? (
          <Form method="post" className="kern-stack basic-components" noValidate>
            <input type="hidden" name="intent" value="basisdienste" />
            <ErrorSummary errors={actionData?.errors ?? {}} />
            {table}
            <div>
              <button type="submit" className="kern-btn kern-btn--secondary" disabled={submitting}>
                <span className="kern-label">Basisdienste speichern</span>
              </button>
            </div>
          </Form>
        ) : (
          table
        )}
      </details>
    </section>
  )
}
