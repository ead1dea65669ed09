// The API's description (OpenAPI 3.1). Public on purpose: it contains no data, and client
// generators and API consoles fetch it before they have a token.
import {
  Approach,
  Connection,
  CountyKind,
  Funding,
  InterfaceStatus,
  InternalProcessing,
  PendingPlan,
  Responsibility,
  Stage,
} from '~/domain/enums'
import { STATUS_CSV_COLUMNS } from '~/domain/status-csv'
import { DEFAULT_LIMIT, MAX_LIMIT } from '~/domain/api'

const words = (set: { list: readonly { value: string }[] }) => set.list.map((o) => o.value)
const nullableEnum = (set: { list: readonly { value: string }[] }, description: string) => ({
  type: ['string', 'null'],
  enum: [...words(set), null],
  description,
})

const statusProperties: Record<string, object> = {
  ags: { type: 'string', pattern: '^([0-9]{5}|[0-9]{8})$', description: 'Amtlicher Gemeindeschlüssel des Kreises' },
  kreis: { type: 'string' },
  ozg_id: { type: 'string', pattern: '^[0-9]{5}$' },
  leistung: { type: 'string' },
  umsetzungsweg: { type: 'string', enum: words(Approach) },
  planung: nullableEnum(PendingPlan, 'Nur bei Umsetzungsweg „offen“'),
  online_dienst: { type: ['string', 'null'], description: 'Name des Online-Dienstes' },
  anbindung: nullableEnum(Connection, 'Stand der Anbindung an den Online-Dienst'),
  fortschritt: { type: 'string', enum: words(Stage) },
  reifegrad: { type: ['integer', 'null'], minimum: 0, maximum: 7 },
  online_seit: { type: ['string', 'null'], format: 'date' },
  zieltermin: { type: ['string', 'null'], format: 'date' },
  fachverfahren: { type: ['string', 'null'] },
  hersteller: { type: ['string', 'null'] },
  schnittstellenstandard: { type: ['string', 'null'], examples: ['XBau 2.3'] },
  schnittstellenstatus: nullableEnum(InterfaceStatus, 'Stand der Schnittstelle zum Fachverfahren'),
  ende_zu_ende: { type: ['boolean', 'null'] },
  interne_verarbeitung: nullableEnum(InternalProcessing, 'Wie der Antrag ins Fachverfahren gelangt'),
  finanzierung: nullableEnum(Funding, 'Finanzierung'),
  einmalkosten_eur: { type: ['number', 'null'], minimum: 0 },
  jahreskosten_eur: { type: ['number', 'null'], minimum: 0 },
  finanzierungsnotiz: { type: ['string', 'null'] },
  antraege_pro_jahr: { type: ['integer', 'null'], minimum: 0 },
  kontakt: { type: ['string', 'null'] },
  notiz: { type: ['string', 'null'] },
}

const pagingParameters = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 }, description: 'Nicht zusammen mit seite' },
  { name: 'seite', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'Seite zu je limit Einträgen' },
]

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
})

const list = (item: string) => ({
  type: 'object',
  required: ['data', 'pagination'],
  properties: { data: { type: 'array', items: { $ref: `#/components/schemas/${item}` } }, pagination: { $ref: '#/components/schemas/Pagination' } },
})

function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'OZG-Radar API',
      version: '1.0.0',
      description:
        'Lesender Zugriff auf Kreise, Leistungen, Umsetzungsstände und Kennzahlen. Werte in den deutschen Wörtern des CSV-Formats. Authentifizierung mit einem persönlichen API-Token (Profilseite) im Header „Authorization: Bearer <Token>“.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
    paths: {
      '/counties': {
        get: {
          summary: 'Mitgliedskreise mit Anzahl Leistungen je Umsetzungsweg',
          responses: {
            '200': { description: 'Alle Mitgliedskreise', content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/County' } } } } } } },
            '401': errorResponse('Kein oder ungültiger Token'),
          },
        },
      },
      '/services': {
        get: {
          summary: 'Leistungskatalog',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Name oder Anfang der OZG-ID' },
            { name: 'themenfeld', in: 'query', schema: { type: 'integer' } },
            { name: 'ausgesondert', in: 'query', schema: { type: 'string', enum: ['ja', 'nein'] }, description: 'ja: auch ausgesonderte Leistungen' },
            ...pagingParameters,
          ],
          responses: {
            '200': { description: 'Eine Seite Leistungen', content: { 'application/json': { schema: list('Service') } } },
            '400': errorResponse('Ungültige Parameter'),
            '401': errorResponse('Kein oder ungültiger Token'),
          },
        },
      },
      '/statuses': {
        get: {
          summary: 'Umsetzungsstände (Kreis × Leistung), filterbar wie die Kreisseite',
          parameters: [
            { name: 'kreis', in: 'query', schema: { type: 'string', pattern: '^([0-9]{5}|[0-9]{8})$' } },
            { name: 'umsetzungsweg', in: 'query', schema: { type: 'string', enum: words(Approach) } },
            { name: 'fortschritt', in: 'query', schema: { type: 'string', enum: words(Stage) } },
            { name: 'themenfeld', in: 'query', schema: { type: 'integer' } },
            { name: 'schnittstellenstatus', in: 'query', schema: { type: 'string', enum: words(InterfaceStatus) } },
            { name: 'veraltet', in: 'query', schema: { type: 'string', enum: ['ja', 'nein'] }, description: 'Seit mehr als 180 Tagen nicht bestätigt' },
            ...pagingParameters,
          ],
          responses: {
            '200': { description: 'Eine Seite Umsetzungsstände', content: { 'application/json': { schema: list('Status') } } },
            '400': errorResponse('Ungültige Parameter'),
            '401': errorResponse('Kein oder ungültiger Token'),
            '404': errorResponse('Unbekannter Kreis'),
          },
        },
      },
      '/summary': {
        get: {
          summary: 'Kennzahlen je Kreis, dieselben Zahlen wie die Übersicht',
          parameters: [{ name: 'themenfeld', in: 'query', schema: { type: 'integer' } }],
          responses: {
            '200': { description: 'Kennzahlen', content: { 'application/json': { schema: { $ref: '#/components/schemas/Summary' } } } },
            '401': errorResponse('Kein oder ungültiger Token'),
          },
        },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'Persönlicher API-Token (ozgr_…)' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['status', 'message'],
              properties: { status: { type: 'integer' }, message: { type: 'string' }, details: { type: 'array', items: { type: 'string' } } },
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
        Status: { type: 'object', required: [...STATUS_CSV_COLUMNS], properties: statusProperties },
        Summary: { type: 'object', description: 'Kennzahlen je Kreis (siehe /summary)', additionalProperties: true },
      },
    },
  }
}

export function loader() {
  return Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } })
}
