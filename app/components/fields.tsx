// Labelled KERN form fields with the error beside the field (aria-describedby) — used by the
// status row form, the county page's bulk and basic-component forms and the user admin.
import type { ReactNode } from 'react'

type Common = { name: string; label: string; hint?: string; error?: string; id?: string; hideLabel?: boolean }

function describedBy(id: string, hint?: string, error?: string) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return ids || undefined
}

function Wrapper({ id, label, hint, error, hideLabel, children }: { id: string; label: string; hint?: string; error?: string; hideLabel?: boolean; children: ReactNode }) {
  return (
    <div className={`kern-form-input ${error ? 'kern-form-input--error' : ''}`}>
      <label className={hideLabel ? 'kern-label visually-hidden' : 'kern-label'} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="kern-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  )
}

export function TextField({ name, label, hint, error, id = name, hideLabel, defaultValue, type = 'text', inputMode, autoComplete, multiline, rows = 3, required, maxLength }: Common & {
  defaultValue?: string
  type?: string
  inputMode?: 'numeric' | 'decimal' | 'text' | 'email'
  autoComplete?: string
  multiline?: boolean
  /** Height of a multiline field. */
  rows?: number
  required?: boolean
  maxLength?: number
}) {
  const props = {
    id,
    name,
    defaultValue: defaultValue ?? '',
    required,
    maxLength,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint, error),
  }
  return (
    <Wrapper id={id} label={label} hint={hint} error={error} hideLabel={hideLabel}>
      {multiline ? (
        <textarea className={`kern-form-input__input ${error ? 'kern-form-input__input--error' : ''}`} rows={rows} {...props} />
      ) : (
        <input
          className={`kern-form-input__input ${error ? 'kern-form-input__input--error' : ''}`}
          type={type}
          inputMode={inputMode}
          autoComplete={autoComplete ?? 'off'}
          {...props}
        />
      )}
    </Wrapper>
  )
}

export type SelectOption = { value: string; label: string; group?: string }

export function SelectField({ name, label, hint, error, id = name, hideLabel, defaultValue, options, empty }: Common & {
  defaultValue?: string
  options: readonly SelectOption[]
  /** Text of the empty option; omitted: no empty option. */
  empty?: string
}) {
  const groups = [...new Set(options.map((o) => o.group ?? ''))]
  const render = (list: readonly SelectOption[]) =>
    list.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ))
  return (
    <Wrapper id={id} label={label} hint={hint} error={error} hideLabel={hideLabel}>
      <div className="kern-form-input__select-wrapper">
        <select
          className={`kern-form-input__select ${error ? 'kern-form-input__select--error' : ''}`}
          id={id}
          name={name}
          defaultValue={defaultValue ?? ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
        >
          {empty !== undefined ? <option value="">{empty}</option> : null}
          {groups.length > 1
            ? groups.map((g) => (
                <optgroup key={g} label={g || 'Weitere'}>
                  {render(options.filter((o) => (o.group ?? '') === g))}
                </optgroup>
              ))
            : render(options)}
        </select>
      </div>
    </Wrapper>
  )
}

/** Options of an enum set as the forms submit them: the German file word, shown by its label. */
export function enumOptions(set: { list: readonly { value: string; label: string }[] }): SelectOption[] {
  return set.list.map((o) => ({ value: o.value, label: o.label }))
}

/** A file input with its hint and error beside it (membership CSV, negotiation documents, imports). */
export function FileField({ name, label, accept, hint, error, id = name }: Common & { accept?: string }) {
  return (
    <Wrapper id={id} label={label} hint={hint} error={error}>
      <input className="kern-form-input__input" type="file" id={id} name={name} accept={accept} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} />
    </Wrapper>
  )
}
