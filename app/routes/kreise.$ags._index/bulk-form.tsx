// The bulk change of the county page. Without script it is a plain fieldset below the list;
// with script it becomes a bar above the list that sticks to the top of the window once rows
// are ticked („3 ausgewählt – Werte setzen“) and opens the same fields.
import { useEffect, useState, type ReactNode } from 'react'
import { enumOptions, SelectField, TextField } from '~/components/fields'
import { ErrorSummary, type FieldErrors } from '~/components/form'
import { Approach, Funding, InterfaceStatus, Stage } from '~/domain/enums'
import { formatNumber, plural } from '~/domain/format'

export type BulkState = {
  errors: FieldErrors
  values: { umfang: string; umsetzungsweg: string; fortschritt: string; schnittstellenstatus: string; finanzierung: string; bestaetigen: string; kommentar: string }
  issues?: { ozgId: string; serviceName: string; message: string }[]
}

/** „Welche Zeilen?“ as a radio group; its error is tied to both radios. */
function ScopeChoice({ bulk, total }: { bulk?: BulkState; total: number }) {
  const error = bulk?.errors.ids ?? bulk?.errors.umfang
  const radio = (value: string, label: string, checked: boolean) => (
    <div className="kern-form-check">
      <input className="kern-form-check__radio" type="radio" id={`umfang-${value}`} name="umfang" value={value} defaultChecked={checked} aria-invalid={error ? true : undefined} aria-describedby={error ? 'umfang-error' : undefined} />
      <label className="kern-label" htmlFor={`umfang-${value}`}>
        {label}
      </label>
    </div>
  )
  return (
    <fieldset className={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`} aria-describedby={error ? 'umfang-error' : undefined}>
      <legend className="kern-label">Welche Zeilen?</legend>
      {error ? (
        <p className="kern-error field-error-clear" id="umfang-error">
          {error}
        </p>
      ) : null}
      <div className="kern-fieldset__body">
        {radio('auswahl', 'Die angekreuzten Zeilen', (bulk?.values.umfang ?? 'auswahl') !== 'filter')}
        {radio('filter', `Alle Zeilen dieses Filters (${plural(total, 'Zeile', 'Zeilen')}, alle Seiten)`, bulk?.values.umfang === 'filter')}
      </div>
    </fieldset>
  )
}

/** Every field of the bulk change; the summary links each error to its field. */
export function BulkFields({ bulk, total, submitting }: { bulk?: BulkState; total: number; submitting: boolean }) {
  const { ids, umfang, ...rest } = bulk?.errors ?? {}
  const summary: FieldErrors = { ...(ids || umfang ? { 'umfang-auswahl': ids ?? umfang } : {}), ...rest }
  const v = bulk?.values
  return (
    <div className="kern-stack bulk-fields">
      <div id="bulk-errors">
        <ErrorSummary errors={summary} />
      </div>
      {bulk?.issues?.length ? (
        <ul className="kern-list">
          {bulk.issues.map((i, n) => (
            <li key={n}>
              {i.ozgId} {i.serviceName}: {i.message}
            </li>
          ))}
        </ul>
      ) : null}
      <ScopeChoice bulk={bulk} total={total} />
      <div className="field-grid">
        <SelectField name="umsetzungsweg" label="Umsetzungsweg setzen" options={enumOptions(Approach)} empty="– nicht ändern –" defaultValue={v?.umsetzungsweg} error={rest.umsetzungsweg} />
        <SelectField name="fortschritt" label="Fortschritt setzen" options={enumOptions(Stage)} empty="– nicht ändern –" defaultValue={v?.fortschritt} error={rest.fortschritt} />
        <SelectField name="schnittstellenstatus" label="Schnittstellenstatus setzen" options={enumOptions(InterfaceStatus)} empty="– nicht ändern –" defaultValue={v?.schnittstellenstatus} error={rest.schnittstellenstatus} />
        <SelectField name="finanzierung" label="Finanzierung setzen" options={enumOptions(Funding)} empty="– nicht ändern –" defaultValue={v?.finanzierung} error={rest.finanzierung} />
      </div>
      <div className="kern-form-check">
        <input className="kern-form-check__checkbox" type="checkbox" id="bestaetigen" name="bestaetigen" value="ja" defaultChecked={v?.bestaetigen === 'ja'} />
        <label className="kern-label" htmlFor="bestaetigen">
          Als aktuell bestätigen
        </label>
      </div>
      <TextField name="kommentar" label="Kommentar (optional, steht in der Historie jeder Zeile)" defaultValue={v?.kommentar} error={rest.kommentar} id="bulk-kommentar" />
      <div>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={submitting}>
          <span className="kern-label">Ausgewählte Zeilen ändern</span>
        </button>
      </div>
    </div>
  )
}

/** The fieldset a page without script shows below the list. */
export function BulkFieldset({ children }: { children: ReactNode }) {
  return (
    <fieldset className="kern-fieldset bulk-form">
      <legend className="kern-heading-small">Mehrere Zeilen ändern</legend>
      <div className="kern-fieldset__body">{children}</div>
    </fieldset>
  )
}

/** The bar a page with script shows above the list; sticky while rows are ticked or it is open. */
export function BulkBar({ count, failure, children }: { count: number; failure?: object; children: ReactNode }) {
  const [open, setOpen] = useState(Boolean(failure))
  useEffect(() => {
    if (!failure) return
    setOpen(true)
    // The page now shows errors: say so first in the title, as the error pages do.
    if (!document.title.startsWith('Fehler: ')) document.title = `Fehler: ${document.title}`
    // After a failed save the summary takes the focus, as on the row form.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('#bulk-errors [role="alert"]')?.focus())
  }, [failure])
  return (
    <section className={`bulk-bar${count > 0 || open ? ' bulk-bar--sticky' : ''}`} aria-label="Mehrere Zeilen ändern">
      <div className="bulk-bar__head">
        <p className="kern-body bulk-bar__count" aria-live="polite">
          {count > 0 ? `${formatNumber(count)} ausgewählt –` : 'Keine Zeile ausgewählt'}
        </p>
        <button type="button" className="kern-btn kern-btn--secondary" aria-expanded={open} aria-controls="bulk-panel" onClick={() => setOpen(!open)}>
          <span className="kern-label">{count > 0 ? 'Werte setzen' : 'Mehrere Zeilen ändern'}</span>
        </button>
      </div>
      <div id="bulk-panel" hidden={!open}>
        {children}
      </div>
    </section>
  )
}
