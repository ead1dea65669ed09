import { data } from '@remix-run/node'
import type { z } from 'zod'
import { env } from './env.server'

// Expected problems are thrown responses with a German sentence; the root ErrorBoundary shows them.
export type ErrorBody = { message: string }

export function notFound(message = 'Diese Seite gibt es nicht. Prüfen Sie die Adresse oder gehen Sie zur Übersicht.') {
  return data<ErrorBody>({ message }, { status: 404 })
}

export function forbidden(message = 'Dafür fehlt Ihnen die Berechtigung.') {
  return data<ErrorBody>({ message }, { status: 403 })
}

export function badRequest(message: string) {
  return data<ErrorBody>({ message }, { status: 400 })
}

/** Parses route params; an invalid key is a 404, since no such page exists. */
export function parseParams<T extends z.ZodType>(schema: T, params: unknown): z.infer<T> {
  const result = schema.safeParse(params)
  if (!result.success) throw notFound()
  return result.data
}

/** Parses search params; an invalid filter is a 400 with the schema's German message. */
export function parseSearchParams<T extends z.ZodType>(schema: T, request: Request): z.infer<T> {
  const url = new URL(request.url)
  const raw: Record<string, string | string[]> = {}
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key)
    raw[key] = all.length > 1 ? all : all[0]
  }
  const result = schema.safeParse(raw)
  if (!result.success) {
    throw badRequest(result.error.issues.map((i) => i.message).join(' '))
  }
  return result.data
}

/** At most this many characters of one typed value go back to the browser: the longest text a form takes (meeting notes) is 10,000. */
export const MAX_ECHO_CHARS = 10_000

/**
 * The typed values sent back with an error, each cut to MAX_ECHO_CHARS: a form is never cleared,
 * but a huge field is not mirrored back (twice: in the page and in its hydration data).
 */
export function echo<T extends Record<string, unknown>>(values: T): T {
  const cut = Object.entries(values).map(([key, value]) => [key, typeof value === 'string' && value.length > MAX_ECHO_CHARS ? value.slice(0, MAX_ECHO_CHARS) : value])
  return Object.fromEntries(cut) as T
}

/** The address users reach the app at, for links in mails: PUBLIC_URL, else this request's origin. */
export function publicOrigin(request: Request): string {
  return (env().PUBLIC_URL ?? new URL(request.url).origin).replace(/\/+$/, '')
}
