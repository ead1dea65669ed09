import { DEFAULT_LIMIT, MAX_LIMIT } from '~/domain/api'
import { MAX_INT4 } from '~/domain/id'
// Helpers of the JSON API /api/v1: Bearer authentication, JSON errors with German messages and
// the pagination parameters. API routes are resource routes; they throw plain Responses, which
// Remix hands to the client unchanged.
import { z } from 'zod'
import type { SessionUser } from '~/domain/permissions'
import { API_WINDOW_SECONDS, describeWait } from '~/domain/rate-limit'
import { authenticateApiToken, consumeApiTokenQuota } from '~/models/api-token.server'
import { env } from '~/utils/env.server'
import { emptyToUndefined } from '~/domain/text'
import { noteRequestUser } from '~/utils/request-log.server'

export type ApiError = { error: { status: number; message: string; details?: string[] } }

export function apiError(status: number, message: string, details?: string[], headers?: HeadersInit): Response {
  const body: ApiError = { error: { status, message, ...(details?.length ? { details } : {}) } }
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } })
}

export function apiJson(body: unknown): Response {
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } })
}

/** The token's user; otherwise a thrown 401 that says how to authenticate. */
export async function requireApiUser(request: Request): Promise<SessionUser> {
  const header = request.headers.get('Authorization') ?? ''
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  const challenge = { 'WWW-Authenticate': 'Bearer realm="OZG-Radar API"' }
  if (!match) {
    throw apiError(
      401,
      'Anmeldung erforderlich: Senden Sie Ihren persönlichen API-Token im Header „Authorization: Bearer <Token>“. Tokens erstellen Sie auf Ihrer Profilseite.',
      undefined,
      challenge,
    )
  }
  const user = await authenticateApiToken(match[1])
  if (!user) {
    throw apiError(
      401,
      'Der API-Token ist unbekannt oder wurde widerrufen. Erstellen Sie auf Ihrer Profilseite einen neuen Token.',
      undefined,
      { ...challenge, 'WWW-Authenticate': 'Bearer realm="OZG-Radar API", error="invalid_token"' },
    )
  }
  noteRequestUser(user.id)
  const limit = env().API_RATE_LIMIT
  const quota = limit > 0 ? await consumeApiTokenQuota(user.tokenId, limit) : { allowed: true, retryAfterSeconds: 0 }
  if (!quota.allowed) {
    const wait = String(quota.retryAfterSeconds)
    throw apiError(429, `Zu viele Anfragen mit diesem Token: Erlaubt sind ${limit} Anfragen in ${describeWait(API_WINDOW_SECONDS)}. Warten Sie ${describeWait(quota.retryAfterSeconds)} und versuchen Sie es dann erneut.`, undefined, { 'Retry-After': wait })
  }
  return user
}

const intParam = (message: string, min: number, max?: number) =>
  z.preprocess(
    emptyToUndefined,
    (() => {
      const base = z.coerce.number({ message }).int(message).min(min, message)
      return (max === undefined ? base : base.max(max, message)).optional()
    })(),
  )


/** `limit` with `offset`, or `seite` (1-based) with `limit`. */
export const Pagination = z
  .object({
    limit: intParam(`limit ist eine ganze Zahl von 1 bis ${MAX_LIMIT}.`, 1, MAX_LIMIT),
    offset: intParam(`offset ist eine ganze Zahl von 0 bis ${MAX_INT4}.`, 0, MAX_INT4),
    seite: intParam(`seite ist eine ganze Zahl von 1 bis ${MAX_INT4}.`, 1, MAX_INT4),
  })
  .refine((p) => p.offset === undefined || p.seite === undefined, {
    message: 'Geben Sie entweder offset oder seite an, nicht beides.',
  })
  .transform((p) => {
    const limit = p.limit ?? DEFAULT_LIMIT
    const offset = p.offset ?? ((p.seite ?? 1) - 1) * limit
    return { limit, offset }
  })
export type Pagination = z.infer<typeof Pagination>

/** Search params as a plain object; every key once (the API takes single values). */
export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams)
}

/** Parses the query with a schema; a bad value is a thrown 400 with every German message. */
export function parseApiQuery<T extends z.ZodType>(schema: T, request: Request): z.infer<T> {
  const result = schema.safeParse(searchParamsObject(request))
  if (!result.success) {
    throw apiError(400, 'Die Abfrageparameter sind ungültig.', result.error.issues.map((i) => i.message))
  }
  return result.data
}

/** The list envelope of every paginated endpoint, with the link to the next page. */
export function page<T>(request: Request, data: T[], total: number, { limit, offset }: Pagination) {
  let next: string | null = null
  if (offset + data.length < total) {
    const url = new URL(request.url)
    url.searchParams.delete('seite')
    url.searchParams.set('limit', String(limit))
    url.searchParams.set('offset', String(offset + limit))
    next = url.pathname + url.search
  }
  return { data, pagination: { total, limit, offset, next } }
}

/** Filter and paging parsed together, so that one 400 names every bad parameter. */
export function parseFilterAndPaging<T extends z.ZodType>(schema: T, request: Request): [z.infer<T>, Pagination] {
  const raw = searchParamsObject(request)
  const filter = schema.safeParse(raw)
  const paging = Pagination.safeParse(raw)
  if (!filter.success || !paging.success) {
    const issues = [...(filter.error?.issues ?? []), ...(paging.error?.issues ?? [])]
    throw apiError(400, 'Die Abfrageparameter sind ungültig.', issues.map((i) => i.message))
  }
  return [filter.data, paging.data]
}

export const METHOD_NOT_ALLOWED = 'Die Schnittstelle ist nur lesend: Es sind nur GET-Anfragen erlaubt.'
export const UNEXPECTED_ERROR = 'Ein unerwarteter Fehler ist aufgetreten. Versuchen Sie es später noch einmal; der Fehler wurde protokolliert.'

/** Every API route's `action`: the API only reads, so any POST, PUT, PATCH or DELETE is a 405. */
export function apiMethodNotAllowed(): never {
  throw apiError(405, METHOD_NOT_ALLOWED, undefined, { Allow: 'GET, HEAD' })
}

/**
 * The API's boundary around a loader: thrown Responses (the envelope's 4xx) pass unchanged; any
 * other error is logged with its stack and answered as a 500 in the envelope, not as Remix's
 * text/plain "Unexpected Server Error".
 */
export function apiLoader<A extends { request: Request }>(handler: (args: A) => Promise<Response> | Response) {
  return async (args: A): Promise<Response> => {
    try {
      return await handler(args)
    } catch (error) {
      if (error instanceof Response) throw error
      const url = new URL(args.request.url)
      console.error(`API-Fehler bei ${args.request.method} ${url.pathname}`, error)
      return apiError(500, UNEXPECTED_ERROR)
    }
  }
}
