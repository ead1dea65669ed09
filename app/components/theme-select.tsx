// The Themenfeld select of the filter forms (dashboard, catalogue, matrix, comparison, lists):
// „Alle Themenfelder“ first, the error beside the field.
import { SelectField } from './fields'

type Theme = { id: number; name: string }

export function ThemeSelect({
  themes,
  defaultValue,
  error,
  id = 'themenfeld',
  name = 'themenfeld',
  label = 'Themenfeld',
  allLabel = 'Alle Themenfelder',
}: {
  themes: readonly Theme[]
  defaultValue?: string | number | null
  error?: string
  id?: string
  name?: string
  label?: string
  allLabel?: string
}) {
  const options = themes.map((t) => ({ value: String(t.id), label: t.name }))
  return <SelectField name={name} id={id} label={label} options={options} empty={allLabel} defaultValue={defaultValue === null || defaultValue === undefined ? '' : String(defaultValue)} error={error} />
}
