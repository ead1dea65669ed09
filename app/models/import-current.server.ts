// What an import file is compared with: the reference data (counties, services, online
// services, Fachverfahren — one query each, not one per row) and the current status rows.
import { eq, sql, type SQL } from 'drizzle-orm'
import { counties, fachverfahren, onlineServices, services, statuses, vendors } from '../../db/schema'
import type { SessionUser } from '~/domain/permissions'
import { canEditCounty } from '~/domain/permissions'
import { STATUS_VALUE_FIELDS, toStatusValues, type FachverfahrenRef, type OnlineServiceRef, type StatusRowLike, type StatusValues } from '~/domain/status'
import { getDb, queryRows } from '~/utils/db.server'
import { valueColumns } from './status-columns.server'

export async function loadReferences() {
  const db = await getDb()
  const [countyRows, serviceRows, osRows, fvRows] = await Promise.all([
    db.select({ id: counties.id, ags: counties.ags, name: counties.name }).from(counties).where(eq(counties.isMember, true)),
    db.select({ id: services.id, ozgId: services.ozgId, name: services.name, retiredAt: services.retiredAt }).from(services),
    db.select({ id: onlineServices.id, name: onlineServices.name, kind: onlineServices.kind, maturityModel: onlineServices.maturityModel }).from(onlineServices),
    db
      .select({ id: fachverfahren.id, name: fachverfahren.name, vendor: vendors.name })
      .from(fachverfahren)
      .innerJoin(vendors, eq(vendors.id, fachverfahren.vendorId)),
  ])
  const osByName = new Map<string, OnlineServiceRef>(
    osRows.map((o) => [o.name.toLowerCase(), { id: o.id, name: o.name, kind: o.kind, maturityModel: o.maturityModel }]),
  )
  const fvByName = new Map<string, { id: number; name: string; vendor: string }[]>()
  for (const f of fvRows) {
    const key = f.name.toLowerCase()
    fvByName.set(key, [...(fvByName.get(key) ?? []), f])
  }
  return {
    countyByAgs: new Map(countyRows.map((c) => [c.ags, c])),
    serviceByOzgId: new Map(serviceRows.map((s) => [s.ozgId, s])),
    osNames: new Map(osRows.map((o) => [o.id, o.name])),
    fvById: new Map(fvRows.map((f) => [f.id, f])),
    fvNames: new Map(fvRows.map((f) => [f.id, f.name])),
    lookupOnlineService: (raw: string) => osByName.get(raw.toLowerCase()),
    // `hersteller` tells two Fachverfahren of the same name apart (DESIGN.md). The schema hands
    // lookups only its own columns, so the caller passes the row's vendor beside the name.
    lookupFachverfahren: (raw: string, vendorName: string): FachverfahrenRef | undefined => {
      const candidates = fvByName.get(raw.toLowerCase()) ?? []
      const vendor = vendorName.trim().toLowerCase()
      const matching = vendor ? candidates.filter((c) => c.vendor.toLowerCase() === vendor) : candidates
      return matching.length === 1 ? { id: matching[0].id, name: matching[0].name } : undefined
    },
  }
}
export type References = Awaited<ReturnType<typeof loadReferences>>

// ---------------------------------------------------------------------------------------------
// The current rows the file is compared with. They come as one text per county, a line per row
// holding the JSON array [service id, id, version, values…]: 400 strings instead of 230k row
// objects keep the garbage collector out of the way, and a row is parsed only when the file
// reaches it (and is garbage right after).
export type CurrentRow = { id: number; version: number; values: StatusValues }
/** A county's text and where each service's line starts in it. */
type CountyRows = { text: string; lineOf: Map<number, number> }

// The value columns in the field table's order after the three keys.
const countyRowsText = sql<string>`string_agg(json_build_array(${statuses.serviceId}, ${statuses.id}, ${statuses.version}, ${sql.join(
  STATUS_VALUE_FIELDS.map((f) => valueColumns[f]),
  sql`, `,
)})::text, chr(10))`

function indexCountyRows(text = ''): CountyRows {
  const lineOf = new Map<number, number>()
  for (let start = 0; start < text.length; ) {
    // Each line starts with "[<service id>,".
    const comma = text.indexOf(',', start)
    lineOf.set(Number(text.slice(start + 1, comma)), start)
    const end = text.indexOf('\n', comma)
    start = end === -1 ? text.length : end + 1
  }
  return { text, lineOf }
}

function currentRowOf(rows: CountyRows | undefined, serviceId: number): CurrentRow | undefined {
  const start = rows?.lineOf.get(serviceId)
  if (rows === undefined || start === undefined) return undefined
  const end = rows.text.indexOf('\n', start)
  return decodeCurrentRow(JSON.parse(end === -1 ? rows.text.slice(start) : rows.text.slice(start, end)) as unknown[])
}


// The order of countyRowsText. Dates are ISO strings in JSON; amounts come as numbers and get the
// column's two decimals back, as toStatusValues() writes them for any row.
function decodeCurrentRow(a: unknown[]): CurrentRow {
  const row: Record<string, unknown> = {}
  for (let k = 0; k < STATUS_VALUE_FIELDS.length; k++) row[STATUS_VALUE_FIELDS[k]] = a[k + 3]
  return { id: a[1] as number, version: a[2] as number, values: toStatusValues(row as StatusRowLike) }
}

export type CurrentLookup = (countyId: number, serviceId: number) => CurrentRow | undefined

/**
 * Loads the current rows either all at once or per batch. A file that covers a good part of the
 * rows (a Land, the country) is compared with one sequential read of the table: per batch, the
 * index lookups would visit most of the table's pages again for every batch.
 */
export class CurrentRows {
  private all: Promise<Map<number, string>> | null = null
  /** Counties indexed lately (a file is usually sorted by county), oldest first. */
  private readonly indexed = new Map<number, CountyRows>()

  constructor(
    private readonly countyIds: number[] | 'all',
    readonly loadsAll: boolean,
  ) {}

  /** Starts loading every row the file may touch, once its header has been accepted. */
  prefetch() {
    if (!this.loadsAll || this.all) return
    this.all = this.load(null)
    this.all.catch(() => {}) // awaited by forKeys; this only marks an early failure as handled
  }

  static async forFile(fileBytes: number, user: SessionUser, refs: References) {
    const editable = [...refs.countyByAgs.values()].filter((c) => canEditCounty(user, c.id)).map((c) => c.id)
    const countyIds = editable.length === refs.countyByAgs.size ? 'all' : editable
    // An exported row is ~200 bytes; reltuples is PostgreSQL's own estimate of the table's rows.
    const db = await getDb()
    const [{ rows }] = await queryRows<{ rows: number }>(db, sql`select reltuples::float8 as rows from pg_class where relname = 'statuses'`)
    return new CurrentRows(countyIds, countyIds !== 'all' || fileBytes / 200 >= Number(rows) / 4)
  }

  /** The lookup for a batch of rows with these keys. */
  async forKeys(keys: { countyId: number; serviceId: number }[]): Promise<CurrentLookup> {
    if (this.loadsAll) {
      this.prefetch()
      const texts = await this.all!
      return (countyId, serviceId) => {
        let rows = this.indexed.get(countyId)
        if (!rows) {
          rows = indexCountyRows(texts.get(countyId))
          this.indexed.set(countyId, rows)
          if (this.indexed.size > 16) this.indexed.delete(this.indexed.keys().next().value!)
        }
        return currentRowOf(rows, serviceId)
      }
    }
    const texts = keys.length > 0 ? await this.load(keys) : new Map<number, string>()
    const batch = new Map([...texts].map(([countyId, text]) => [countyId, indexCountyRows(text)]))
    return (countyId, serviceId) => currentRowOf(batch.get(countyId), serviceId)
  }

  private async load(keys: { countyId: number; serviceId: number }[] | null): Promise<Map<number, string>> {
    const db = await getDb()
    let where: SQL | undefined
    if (keys) {
      // Array literals as text parameters: both drivers pass them alike, and unnest pairs them up.
      const countyIds = `{${keys.map((k) => k.countyId).join(',')}}`
      const serviceIds = `{${keys.map((k) => k.serviceId).join(',')}}`
      where = sql`(${statuses.countyId}, ${statuses.serviceId}) in (select * from unnest(${countyIds}::int[], ${serviceIds}::int[]))`
    } else if (this.countyIds !== 'all') {
      where = this.countyIds.length > 0 ? sql`${statuses.countyId} in (${sql.join(this.countyIds.map((id) => sql`${id}`), sql`, `)})` : sql`false`
    }
    const rows = await queryRows<{ county_id: number; rows: string }>(
      db,
      sql`select ${statuses.countyId}, ${countyRowsText} as rows from ${statuses} ${where ? sql`where ${where}` : sql``} group by ${statuses.countyId}`,
    )
    return new Map(rows.map((r) => [r.county_id, r.rows]))
  }
}

/** Values by county × service; two small-integer keys hash much faster than a combined one. */
export class PairMap<V> {
  private readonly byCounty = new Map<number, Map<number, V>>()
  get(countyId: number, serviceId: number): V | undefined {
    return this.byCounty.get(countyId)?.get(serviceId)
  }
  set(countyId: number, serviceId: number, value: V) {
    let inner = this.byCounty.get(countyId)
    if (!inner) this.byCounty.set(countyId, (inner = new Map()))
    inner.set(serviceId, value)
  }
}

// Excel turns „03351“ into the number 3351 when a user opens and saves the CSV: the leading
