// Document titles, one shape everywhere: „<object> – <section> – OZG-Radar“, and „Fehler: …“ in
// front while the page shows errors (a failed form, a refused request), so that a screen reader
// hears it first and the browser tab says so.
export const APP_NAME = 'OZG-Radar'
export const ERROR_PREFIX = 'Fehler: '

/** pageTitle(['Celle', 'Kreise']) → „Celle – Kreise – OZG-Radar“; empty parts are left out. */
export function pageTitle(parts: (string | null | undefined)[], options: { errors?: boolean } = {}): string {
  const title = [...parts.filter((p): p is string => !!p && p.trim() !== ''), APP_NAME].join(' – ')
  return options.errors ? withErrorPrefix(title) : title
}

/** „Fehler: “ once in front of a title. */
export function withErrorPrefix(title: string): string {
  return title.startsWith(ERROR_PREFIX) ? title : `${ERROR_PREFIX}${title}`
}

/** The `meta` export's answer for a title: `export const meta = () => metaTitle(['Profil'])`. */
export function metaTitle(parts: (string | null | undefined)[], options: { errors?: boolean } = {}) {
  return [{ title: pageTitle(parts, options) }]
}

/**
 * Whether data returned by an action (or a loader) carries errors for the user: an `errors`
 * object with at least one entry, or a `formError`/`error` message.
 */
export function hasUserErrors(data: unknown): boolean {
  if (!data || typeof data !== 'object') return false
  const { errors, formError, error } = data as { errors?: unknown; formError?: unknown; error?: unknown }
  if (typeof formError === 'string' && formError) return true
  if (typeof error === 'string' && error) return true
  if (Array.isArray(errors)) return errors.length > 0
  return !!errors && typeof errors === 'object' && Object.values(errors).some((v) => v !== undefined && v !== null && v !== '')
}
