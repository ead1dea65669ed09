// The Themenfeld select of the filter forms (dashboard, catalogue, matrix, comparison, lists):
// „Alle Themenfelder“ first, the error beside the field.
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
  return (
    <div className={`kern-form-input ${error ? 'kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {error ? (
        <p className="kern-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <div className="kern-form-input__select-wrapper">
        <select className="kern-form-input__select" id={id} name={name} defaultValue={defaultValue ?? ''} aria-describedby={error ? `${id}-error` : undefined}>
          <option value="">{allLabel}</option>
          {themes.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}
