// Who leads or answers for something: a county, a person, or both — used by the negotiation form
// and the meeting page's to-do form.
import { SelectField } from './fields'
import type { FieldErrors } from './form'

export type CountyChoice = { ags: string; name: string }
export type PersonChoice = { id: number; name: string; county: string | null }

/** Two selects named `<prefix>_kreis` and `<prefix>_person`, labelled "<label>: Kreis" and "<label>: Person". */
export function CountyPersonFields({
  prefix,
  label,
  hint,
  empty,
  counties,
  people,
  values,
  errors,
}: {
  prefix: string
  label: string
  /** Shown under the county select. */
  hint: string
  empty: { county: string; person: string }
  counties: readonly CountyChoice[]
  people: readonly PersonChoice[]
  values: Partial<Record<string, string | string[]>>
  errors: FieldErrors
}) {
  const county = `${prefix}_kreis`
  const person = `${prefix}_person`
  const value = (name: string) => {
    const v = values[name]
    return typeof v === 'string' ? v : undefined
  }
  return (
    <>
      <SelectField name={county} label={`${label}: Kreis`} hint={hint} options={counties.map((c) => ({ value: c.ags, label: c.name }))} empty={empty.county} defaultValue={value(county)} error={errors[county]} />
      <SelectField
        name={person}
        label={`${label}: Person`}
        options={people.map((p) => ({ value: String(p.id), label: p.county ? `${p.name} (${p.county})` : p.name }))}
        empty={empty.person}
        defaultValue={value(person)}
        error={errors[person]}
      />
    </>
  )
}
