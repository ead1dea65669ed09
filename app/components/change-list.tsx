import { displayValue, FIELD_LABEL, type DisplayNames, type StatusDiff, type StatusField } from '~/domain/status'

/** One history record's changes: „Fortschritt: In Umsetzung → Online“. */
export function ChangeList({ changes, names }: { changes: StatusDiff; names?: DisplayNames }) {
  return (
    <ul className="kern-list change-list">
      {Object.entries(changes).map(([field, change]) => (
        <li key={field}>
          {FIELD_LABEL[field as StatusField] ?? field}: {displayValue(field, change?.from, names)} → {displayValue(field, change?.to, names)}
        </li>
      ))}
    </ul>
  )
}

export const changeSourceLabel: Record<string, string> = {
  form: 'Formular',
  bulk: 'Sammeländerung',
  import: 'Import',
  api: 'API',
  seed: 'Demodaten',
  catalogue: 'Katalog',
}
