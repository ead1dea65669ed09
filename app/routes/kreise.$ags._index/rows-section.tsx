import { Form, useSearchParams } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { FieldErrors } from '~/components/form'
import { Pagination } from '~/components/pagination'
import { plural } from '~/domain/format'
import { COUNTY_FILTER_KEYS, COUNTY_PAGE_SIZE } from '~/domain/status'
import { BulkBar, BulkFields, BulkFieldset, type BulkState } from './bulk-form'
import { RowFilters } from './row-filters'
import { RowTable } from './row-table'

type TableProps = Parameters<typeof RowTable>[0]
type Props = {
  county: { name: string; ags: string }
  rows: { total: number; rows: TableProps['rows'] }
  query: TableProps['query'] & { seite: number }
  themes: Parameters<typeof RowFilters>[0]['themes']
  vendorOptions: Parameters<typeof RowFilters>[0]['vendorOptions']
  filterErrors: FieldErrors
  staleAfterDays: number
  canEdit: boolean
  bulk?: BulkState & { values: { ids: string[] } }
  submitting: boolean
}

/** True once React runs in the browser: the server render is the page without script. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}

function exportHref(ags: string, params: URLSearchParams) {
  const filter = COUNTY_FILTER_KEYS.filter((k) => k !== 'q' && params.get(k)).map((k) => [k, params.get(k)!])
  return `/export?${new URLSearchParams({ kreis: ags, ...Object.fromEntries(filter) })}`
}

/** The county's rows: filters, the list, paging and — for editors — the bulk change. */
export function RowsSection({ county, rows, query, themes, vendorOptions, filterErrors, staleAfterDays, canEdit, bulk, submitting }: Props) {
  const [params] = useSearchParams()
  const hydrated = useHydrated()
  const form = useRef<HTMLFormElement>(null)
  const [count, setCount] = useState(0)
  const boxes = () => [...(form.current?.querySelectorAll<HTMLInputElement>('input[name="ids"]') ?? [])]
  const recount = useCallback(() => setCount(boxes().filter((b) => b.checked).length), [])
  useEffect(recount, [recount, rows, bulk])
  const selectPage = (checked: boolean) => {
    for (const b of boxes()) b.checked = checked
    recount()
  }
  const pages = Math.max(1, Math.ceil(rows.total / COUNTY_PAGE_SIZE))
  const pageHref = (n: number) => {
    const next = new URLSearchParams(params)
    next.delete('geaendert')
    next.set('seite', String(n))
    return `?${next}`
  }
  const fields = <BulkFields bulk={bulk} total={rows.total} submitting={submitting} />
  return (
    <section aria-labelledby="rows-title" className="kern-stack">
      <h2 className="kern-heading-medium" id="rows-title">
        Leistungen
      </h2>
      <RowFilters themes={themes} vendorOptions={vendorOptions} errors={filterErrors} staleAfterDays={staleAfterDays} sort={query} />
      <p className="kern-body" aria-live="polite">
        {plural(rows.total, 'Leistung', 'Leistungen')} gefunden · Seite {query.seite} von {pages} ·{' '}
        <a className="kern-link" href={exportHref(county.ags, params)}>
          als CSV exportieren
        </a>
      </p>
      <Form method="post" className="kern-stack" noValidate ref={form} onChange={recount}>
        <input type="hidden" name="intent" value="sammelaenderung" />
        {COUNTY_FILTER_KEYS.map((k) => (
          <input key={k} type="hidden" name={`f_${k}`} value={params.get(k) ?? ''} />
        ))}
        {canEdit && hydrated ? (
          <BulkBar count={count} failure={bulk}>
            {fields}
          </BulkBar>
        ) : null}
        <RowTable
          countyName={county.name}
          ags={county.ags}
          rows={rows.rows}
          query={query}
          canEdit={canEdit}
          selected={new Set(bulk?.values.ids ?? [])}
          staleAfterDays={staleAfterDays}
          onSelectPage={hydrated ? selectPage : undefined}
        />
        {canEdit && !hydrated ? <BulkFieldset>{fields}</BulkFieldset> : null}
      </Form>
      <Pagination page={query.seite} pages={pages} href={pageHref} label="Seiten der Leistungsliste" />
    </section>
  )
}
