// The one rule for text from outside (form fields, file cells, search words): PostgreSQL cannot
// store the NUL character, and no person types it, so it is refused at the field.
import { z } from 'zod'
import './zod-config'

export const NUL_MESSAGE = 'Der Text enthält ein unsichtbares Steuerzeichen (NUL), das nicht gespeichert werden kann. Entfernen Sie es und versuchen Sie es erneut.'

export function hasNul(value: string): boolean {
  return value.includes('\u0000')
}

/** A string without NUL; chain `.trim()`, `.max()` … as on `z.string()`. */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine((v) => !hasNul(v), NUL_MESSAGE)
}

/** A file name as we keep and show it: no path, no control characters, at most 200 characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\\/]/g, '_').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200)
}

/**
 * For z.preprocess: an empty form field or search parameter ('' or, from `searchParams.get`,
 * null) counts as not given, so `.optional()` and `.default()` apply instead of a type error.
 */
export function emptyToUndefined(value: unknown): unknown {
  return value === '' || value === null ? undefined : value
}
