// A labelled file input with its hint and error beside it (imports, membership CSV, documents).
export function FileField({ name, label, accept, hint, error, id = name, required }: { name: string; label: string; accept?: string; hint?: string; error?: string; id?: string; required?: boolean }) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className={`kern-form-input ${error ? 'kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
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
      <input className="kern-form-input__input" type="file" id={id} name={name} accept={accept} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
    </div>
  )
}
