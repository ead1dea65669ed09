import { Form, useSearchParams } from '@remix-run/react'
import { enumOptions, SelectField, TextField } from '~/components/fields'
import { ErrorSummary, type FieldErrors } from '~/components/form'
import { Approach, InterfaceStatus, Stage } from '~/domain/enums'
import { INTERFACE_STATUS_UNSET } from '~/domain/status'

type Props = {
  themes: readonly { id: number; name: string }[]
  vendorOptions: { vendors: readonly { id: number; name: string }[]; fachverfahren: readonly { id: number; name: string; vendor: string }[] }
  errors: FieldErrors
  staleAfterDays: number
  sort: { sortierung: string; richtung: string }
}

/** The list's filters as a GET form: the URL is the state, so a filter can be shared as a link. */
export function RowFilters({ themes, vendorOptions, errors, staleAfterDays, sort }: Props) {
  const [params] = useSearchParams()
  const value = (k: string) => params.get(k) ?? ''
  const select = (name: string, label: string, options: { value: string; label: string; group?: string }[]) => (
    <SelectField name={name} label={label} options={options} empty="alle" defaultValue={value(name)} error={errors[name]} id={`filter-${name}`} />
  )
  return (
    <>
      <ErrorSummary errors={errors} title="Der Filter ist ungültig" />
      <Form method="get" className="field-grid" role="search" aria-label="Leistungen filtern">
        {select('umsetzungsweg', 'Umsetzungsweg', enumOptions(Approach))}
        {select('fortschritt', 'Fortschritt', enumOptions(Stage))}
        {select('themenfeld', 'Themenfeld', themes.map((t) => ({ value: String(t.id), label: t.name })))}
        {select('schnittstellenstatus', 'Schnittstellenstatus', [...enumOptions(InterfaceStatus), { value: INTERFACE_STATUS_UNSET.value, label: INTERFACE_STATUS_UNSET.label }])}
        {select('hersteller', 'Hersteller', vendorOptions.vendors.map((v) => ({ value: String(v.id), label: v.name })))}
        {select('fachverfahren', 'Fachverfahren', vendorOptions.fachverfahren.map((f) => ({ value: String(f.id), label: f.name, group: f.vendor })))}
        {select('veraltet', 'Bestätigung', [
          { value: 'ja', label: `veraltet (über ${staleAfterDays} Tage nicht bestätigt)` },
          { value: 'nein', label: 'aktuell bestätigt' },
        ])}
        <TextField name="q" label="Suche (Name oder OZG-ID)" type="search" defaultValue={value('q')} error={errors.q} id="filter-q" />
        <input type="hidden" name="sortierung" value={sort.sortierung} />
        <input type="hidden" name="richtung" value={sort.richtung} />
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">Filtern</span>
          </button>
        </div>
      </Form>
    </>
  )
}
