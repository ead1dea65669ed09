// The one rule for ids and whole numbers that come from outside (path, query, form): digits only,
// within a PostgreSQL integer column. A larger number would reach the database and fail there.
import { z } from 'zod'
import './zod-config'

/** The largest value of a PostgreSQL `integer` (int4) column, which every id column is. */
export const MAX_INT4 = 2_147_483_647

/** A positive int4 from `17`, `"17"` or `" 17 "`; anything else (also `1e3`, `-1`, `0`) is null. */
export function parseId(raw: unknown): number | null {
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : null
  if (s === null || !/^[0-9]{1,10}$/.test(s)) return null
  const n = Number(s)
  return n >= 1 && n <= MAX_INT4 ? n : null
}

/** A required id; `message` names the field in German. */
export function idSchema(message: string) {
  return z.unknown().transform((raw, ctx) => {
    const id = parseId(raw)
    if (id === null) {
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    return id
  })
}

/** An id that may be missing: absent or '' is undefined. */
export function optionalIdSchema(message: string) {
  return z.preprocess((v) => (v === '' || v === null ? undefined : v), idSchema(message).optional())
}

/** A path id (`/hersteller/:id`): its message is never shown, since a bad one is a 404. */
export const PathId = idSchema('Diese Nummer gibt es nicht.')

/** A 1-based page number in the query; '' or absent is page 1. */
export function pageSchema(message: string) {
  return z.preprocess((v) => (v === '' || v === null ? undefined : v), idSchema(message).default(1))
}
