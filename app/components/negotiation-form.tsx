// Create and edit form of a shared negotiation; typed values come back on an error.
import { Form } from '@remix-run/react'
import { NegotiationStage } from '~/domain/enums'
import { CountyPersonFields } from './county-person-fields'
import { enumOptions, SelectField, TextField } from './fields'
import { ErrorSummary, type FieldErrors } from './form'

export type NegotiationFormValues = Partial<Record<'hersteller' | 'fachverfahren' | 'schnittstellenstandard' | 'stufe' | 'federfuehrung_kreis' | 'federfuehrung_person' | 'naechster_schritt' | 'faellig' | 'notiz', string>> & {
  kreise?: string[]
}
export type NegotiationFormOptions = {
  vendors: { id: number; name: string }[]
  fachverfahren: { id: number; name: string; vendor: string }[]
  counties: { ags: string; name: string }[]
  people: { id: number; name: string; county: string | null }[]
}

/** The participating counties as checkboxes, in columns. */
function CountyChecks({ counties, chosen: chosenList, error }: { counties: NegotiationFormOptions['counties']; chosen: string[]; error?: string }) {
  const chosen = new Set(chosenList)
  return (
    <fieldset className={`kern-fieldset ${error ? 'kern-fieldset--error' : ''}`} aria-describedby={error ? 'kreise-error' : undefined}>
      <legend className="kern-label" id="kreise">
        Beteiligte Kreise
      </legend>
      {error ? (
        <p className="kern-error" id="kreise-error">
          {error}
        </p>
      ) : null}
      <div className="checkbox-columns">
        {counties.map((c) => (
          <div className="kern-form-check" key={c.ags}>
            <input className="kern-form-check__checkbox" type="checkbox" id={`kreis-${c.ags}`} name="kreise" value={c.ags} defaultChecked={chosen.has(c.ags)} />
            <label className="kern-label" htmlFor={`kreis-${c.ags}`}>
              {c.name}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  )
}

export function NegotiationForm({
  errors,
  values,
  options,
  submitLabel,
  busy,
  intent,
}: {
  errors: FieldErrors
  values: NegotiationFormValues
  options: NegotiationFormOptions
  submitLabel: string
  busy: boolean
  intent?: string
}) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form method="post" className="kern-stack" noValidate>
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
        <SelectField name="hersteller" label="Hersteller" options={options.vendors.map((v) => ({ value: String(v.id), label: v.name }))} empty="– bitte wählen –" defaultValue={values.hersteller} error={errors.hersteller} />
        <SelectField
          name="fachverfahren"
          label="Fachverfahren"
          hint="Oder leer lassen und einen Schnittstellenstandard angeben, wenn über mehrere Produkte des Herstellers verhandelt wird."
          options={options.fachverfahren.map((f) => ({ value: String(f.id), label: f.name, group: f.vendor }))}
          empty="– kein bestimmtes Fachverfahren –"
          defaultValue={values.fachverfahren}
          error={errors.fachverfahren}
        />
        <TextField name="schnittstellenstandard" label="Schnittstellenstandard (optional)" hint="Zum Beispiel XBau 2.3 oder FIT-Connect." defaultValue={values.schnittstellenstandard} error={errors.schnittstellenstandard} />
        <CountyChecks counties={options.counties} chosen={values.kreise ?? []} error={errors.kreise} />
        <SelectField name="stufe" label="Stand" options={enumOptions(NegotiationStage)} defaultValue={values.stufe ?? 'vorbereitung'} error={errors.stufe} />
        <CountyPersonFields
          prefix="federfuehrung"
          label="Verhandelt für die Community"
          hint="Der Kreis muss an der Verhandlung teilnehmen."
          empty={{ county: '– keiner –', person: '– niemand bestimmt –' }}
          counties={options.counties}
          people={options.people}
          values={values}
          errors={errors}
        />
        <TextField name="naechster_schritt" label="Nächster Schritt (optional)" defaultValue={values.naechster_schritt} error={errors.naechster_schritt} />
        <TextField name="faellig" label="Fällig am (optional)" hint="Zum Beispiel 01.03.2026." defaultValue={values.faellig} error={errors.faellig} />
        <TextField name="notiz" label="Notiz (optional)" multiline defaultValue={values.notiz} error={errors.notiz} />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
            <span className="kern-label">{submitLabel}</span>
          </button>
        </div>
      </Form>
    </>
  )
}

/** Form data → the form's values (kreise may repeat). */
export function negotiationFormValues(form: FormData): NegotiationFormValues & Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const [key, value] of form.entries()) {
    if (key === 'kreise') continue
    if (typeof value === 'string') values[key] = value
  }
  values.kreise = form.getAll('kreise').filter((v): v is string => typeof v === 'string')
  return values as NegotiationFormValues & Record<string, unknown>
}
