// The API's description (OpenAPI 3.1). Public on purpose: it contains no data, and client
// generators and API consoles fetch it before they have a token.
import {
  Approach,
  CountyKind,
  InterfaceStatus,
  Responsibility,
  Stage,
} from '~/domain/enums'
import { STATUS_CSV_COLUMNS } from '~/domain/status-csv'
import { DEFAULT_LIMIT, MAX_LIMIT, statusApiProperties } from '~/domain/api'
import { MAX_INT4 } from '~/domain/id'
import { apiLoader, apiMethodNotAllowed } from '~/guards/api.server'
import { AGS_PATTERN, DEFAULT_STALE_AFTER_DAYS } from '~/domain/rules'

const words = (set: { list: readonly { value: string }[] }) => set.list.map((o) => o.value)
const pagingParameters = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, maximum: MAX_INT4 }, description: 'Nicht zusammen mit seite' },
  { name: 'seite', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_INT4 }, description: 'Seite zu je limit Einträgen' },
]

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }

// Every error, whatever its status, comes in the same envelope with a German message; these are
// the statuses the API answers with and when.
const errorResponses = {
  BadRequest: { description: 'Ungültige Abfrageparameter; details nennt jeden einzelnen.', content: errorContent },
  Unauthorized: {
    description: 'Kein, ein unbekannter oder ein widerrufener Token.',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer realm="OZG-Radar API"' } },
    content: errorContent,
  },
  Forbidden: { description: 'Der Token berechtigt nicht zu dieser Abfrage.', content: errorContent },
  NotFound: { description: 'Den Endpunkt oder das angefragte Objekt gibt es nicht.', content: errorContent },
  MethodNotAllowed: {
    description: 'Die Schnittstelle ist nur lesend: POST, PUT, PATCH und DELETE werden abgelehnt.',
    headers: { Allow: { schema: { type: 'string' }, description: 'GET, HEAD' } },
    content: errorContent,
  },
  TooManyRequests: {
    description: 'Zu viele Anfragen mit diesem Token in kurzer Zeit.',
    headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Sekunden bis zur nächsten erlaubten Anfrage' } },
    content: errorContent,
  },
  ServerError: { description: 'Unerwarteter Fehler auf dem Server; er wurde protokolliert.', content: errorContent },
}
type ErrorName = keyof typeof errorResponses
const ERROR_STATUS: Record<ErrorName, string> = {
  BadRequest: '400',
  Unauthorized: '401',
  Forbidden: '403',
  NotFound: '404',
  MethodNotAllowed: '405',
  TooManyRequests: '429',
  ServerError: '500',
}

/** The error responses of an operation: those every authenticated endpoint has, plus `extra`. */
function errors(...extra: ErrorName[]) {
  const names: ErrorName[] = [...extra, 'Unauthorized', 'Forbidden', 'MethodNotAllowed', 'TooManyRequests', 'ServerError']
  return Object.fromEntries(
    (Object.keys(ERROR_STATUS) as ErrorName[]).filter((n) => names.includes(n)).map((n) => [ERROR_STATUS[n], { $ref: `#/components/responses/${n}` }]),
  )
}

const list = (item: string) => ({
  type: 'object',
  required: ['data', 'pagination'],
  properties: { data: { type: 'array', items: { $ref: `#/components/schemas/${item}` } }, pagination: { $ref: '#/components/schemas/Pagination' } },
})

/** The endpoints: each a GET with its parameters and responses. */
function paths() {
  return {
    '/counties': {
      get: {
        summary: 'Mitgliedskreise mit Anzahl Leistungen je Umsetzungsweg',
        responses: {
          '200': { description: 'Alle Mitgliedskreise', content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/County' } } } } } } },
          ...errors(),
        },
      },
    },
    '/services': {
      get: {
        summary: 'Leistungskatalog',
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Name oder Anfang der OZG-ID' },
          { name: 'themenfeld', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_INT4 } },
          { name: 'ausgesondert', in: 'query', schema: { type: 'string', enum: ['ja', 'nein'] }, description: 'ja: auch ausgesonderte Leistungen' },
          ...pagingParameters,
        ],
        responses: {
          '200': { description: 'Eine Seite Leistungen', content: { 'application/json': { schema: list('Service') } } },
          ...errors('BadRequest'),
        },
      },
    },
    '/statuses': {
      get: {
        summary: 'Umsetzungsstände (Kreis × Leistung), filterbar wie die Kreisseite',
        parameters: [
          { name: 'kreis', in: 'query', schema: { type: 'string', pattern: AGS_PATTERN.source } },
          { name: 'umsetzungsweg', in: 'query', schema: { type: 'string', enum: words(Approach) } },
          { name: 'fortschritt', in: 'query', schema: { type: 'string', enum: words(Stage) } },
          { name: 'themenfeld', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_INT4 } },
          { name: 'schnittstellenstatus', in: 'query', schema: { type: 'string', enum: words(InterfaceStatus) } },
          { name: 'veraltet', in: 'query', schema: { type: 'string', enum: ['ja', 'nein'] }, description: `Nie oder nicht innerhalb der Frist der Community bestätigt (Einstellung unter /admin/kreise, anfangs ${DEFAULT_STALE_AFTER_DAYS} Tage)` },
          ...pagingParameters,
        ],
        responses: {
          '200': { description: 'Eine Seite Umsetzungsstände', content: { 'application/json': { schema: list('Status') } } },
          ...errors('BadRequest', 'NotFound'),
        },
      },
    },
    '/summary': {
      get: {
        summary: 'Kennzahlen je Kreis, dieselben Zahlen wie die Übersicht',
        parameters: [{ name: 'themenfeld', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_INT4 } }],
        responses: {
          '200': { description: 'Kennzahlen', content: { 'application/json': { schema: { $ref: '#/components/schemas/Summary' } } } },
          ...errors('BadRequest'),
        },
      },
    },
  }
}

function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'OZG-Radar API',
      version: '1.0.0',
      description:
        'Lesender Zugriff auf Kreise, Leistungen, Umsetzungsstände und Kennzahlen. Werte in den deutschen Wörtern des CSV-Formats. Authentifizierung mit einem persönlichen API-Token (Profilseite) im Header „Authorization: Bearer <Token>“. Jeder Fehler (400, 401, 403, 404, 405, 429, 500) kommt als JSON im Format Error mit einer deutschen Meldung; unbekannte Pfade unter /api/v1 antworten mit 404.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
    paths: paths(),
    components: {
      responses: errorResponses,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'Persönlicher API-Token (ozgr_…)' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['status', 'message'],
              properties: {
                status: { type: 'integer', enum: [400, 401, 403, 404, 405, 429, 500], description: 'Derselbe Wert wie der HTTP-Status' },
                message: { type: 'string', description: 'Was passiert ist und was zu tun ist, auf Deutsch' },
                details: { type: 'array', items: { type: 'string' }, description: 'Bei 400: eine Meldung je ungültigem Parameter' },
              },
            },
          },
        },
        Pagination: {
          type: 'object',
          required: ['total', 'limit', 'offset', 'next'],
          properties: { total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, next: { type: ['string', 'null'] } },
        },
        County: {
          type: 'object',
          properties: {
            ags: { type: 'string' },
            name: { type: 'string' },
            art: { type: 'string', enum: words(CountyKind) },
            leistungen: { type: 'integer' },
            online: { type: 'integer' },
            eigen: { type: 'integer' },
            efa: { type: 'integer' },
            offen: { type: 'integer' },
            nicht_zustaendig: { type: 'integer' },
          },
        },
        Service: {
          type: 'object',
          properties: {
            ozg_id: { type: 'string' },
            ozg_leistung: { type: 'string' },
            lebenslage: { type: ['string', 'null'] },
            themenfeld: { type: 'string' },
            themenfeld_id: { type: 'integer' },
            zustaendigkeit: { type: 'array', items: { type: 'string', enum: words(Responsibility) } },
            gilt_fuer: { type: 'array', items: { type: 'string', enum: words(CountyKind) } },
            ausgesondert_am: { type: ['string', 'null'], format: 'date-time' },
          },
        },
        Status: { type: 'object', required: [...STATUS_CSV_COLUMNS], properties: statusApiProperties() },
        Summary: { type: 'object', description: 'Kennzahlen je Kreis (siehe /summary)', additionalProperties: true },
      },
    },
  }
}

export const loader = apiLoader(() => Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } }))

export const action = apiMethodNotAllowed
