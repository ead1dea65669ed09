import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { fieldErrors, type FieldErrors } from '~/components/form'
import { SelectField, TextField } from '~/components/fields'
import { Pagination } from '~/components/pagination'
import { TableScroll } from '~/components/table-scroll'
import { Responsibility } from '~/domain/enums'
import { formatNumber, plural } from '~/domain/format'
import { ServiceSearch } from '~/domain/search'
import { listThemes, searchServices } from '~/models/service.server'
import { requireUser } from '~/guards/auth.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data && Object.keys(data.errors).length ? 'Fehler: ' : ''}Leistungen – OZG-Radar` }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  const url = new URL(request.url)
  const raw = Object.fromEntries(url.searchParams)
  const themes = await listThemes()
  const parsed = ServiceSearch.safeParse(raw)
  if (!parsed.success) {
    // Keep the page usable: show the message at the filter, keep what was typed, answer 400.
    return data(
      { themes, result: null, errors: fieldErrors(parsed.error), values: raw },
      { status: 400 },
    )
  }
  const result = await searchServices(parsed.data)
  return { themes, result, errors: {} as FieldErrors, values: raw }
}

export default function Services() {
  const { themes, result, errors, values } = useLoaderData<typeof loader>()
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1
  const link = (page: number) => {
    const params = new URLSearchParams()
    if (values.q) params.set('q', values.q)
    if (values.themenfeld) params.set('themenfeld', values.themenfeld)
    params.set('seite', String(page))
    return `?${params}`
  }
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Leistungen</h1>
      <p className="kern-body">Der OZG-Katalog: suchen Sie nach Name, OZG-ID oder LeiKa-Schlüssel.</p>
      <SearchForm themes={themes} errors={errors} values={values} />
      <FieldError errors={errors} field="seite" />
      {result ? (
        <>
          <p className="kern-body" role="status">
            {plural(result.total, 'Leistung', 'Leistungen')} gefunden
            {pages > 1 ? ` · Seite ${result.page} von ${pages}` : ''}
          </p>
          {result.rows.length > 0 ? (
            <ResultsTable rows={result.rows} />
          ) : (
            <p className="kern-body">Keine Leistung passt zu Ihrer Suche. Versuchen Sie einen kürzeren Begriff.</p>
          )}
          <Pagination page={result.page} pages={pages} href={link} label="Seiten" />
        </>
      ) : null}
    </div>
  )
}

type ResultRow = { ozgId: string; name: string; theme: string; lifeSituation: string | null; responsibilities: readonly string[]; leikaCount: number }

function ResultsTable({ rows }: { rows: readonly ResultRow[] }) {
  return (
    <TableScroll label="Gefundene Leistungen">
      <table className="kern-table kern-table--striped">
        <caption className="visually-hidden">Gefundene Leistungen</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">OZG-ID</th>
            <th scope="col" className="kern-table__header">Leistung</th>
            <th scope="col" className="kern-table__header">Themenfeld</th>
            <th scope="col" className="kern-table__header">Lebenslage</th>
            <th scope="col" className="kern-table__header">Zuständigkeit</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">LeiKa-Leistungen</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((s) => (
            <tr key={s.ozgId} className="kern-table__row">
              <td className="kern-table__cell">{s.ozgId}</td>
              <td className="kern-table__cell">
                <Link className="kern-link" to={`/leistungen/${s.ozgId}`}>
                  {s.name}
                </Link>
              </td>
              <td className="kern-table__cell">{s.theme}</td>
              <td className="kern-table__cell">{s.lifeSituation ?? '–'}</td>
              <td className="kern-table__cell">
                {s.responsibilities.map((r) => Responsibility.label(r as never)).join(', ') || '–'}
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(s.leikaCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

function FieldError({ errors, field }: { errors: FieldErrors; field: string }) {
  return errors[field] ? (
    <p className="kern-error" id={`${field}-error`}>
      {errors[field]}
    </p>
  ) : null
}

function SearchForm({ themes, errors, values }: { themes: readonly { id: number; name: string }[]; errors: FieldErrors; values: Record<string, string> }) {
  return (
    <Form method="get" role="search" aria-label="Leistungen suchen" className="filters">
      <TextField name="q" label="Suchbegriff" type="search" defaultValue={values.q ?? ''} error={errors.q} />
      <SelectField name="themenfeld" label="Themenfeld" options={themes.map((t) => ({ value: String(t.id), label: t.name }))} empty="Alle Themenfelder" defaultValue={values.themenfeld ?? ''} error={errors.themenfeld} />
      <div>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">Suchen</span>
        </button>
      </div>
    </Form>
  )
}
