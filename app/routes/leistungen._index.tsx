import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { fieldErrors, type FieldErrors } from '~/components/form'
import { Responsibility } from '~/domain/enums'
import { ServiceSearch } from '~/domain/search'
import { listThemes, searchServices } from '~/models/service.server'
import { requireUser } from '~/guards/auth.server'

export const meta: MetaFunction = () => [{ title: 'Leistungen – OZG-Radar' }]

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
  const errorFor = (field: string) =>
    errors[field] ? (
      <p className="kern-error" id={`${field}-error`}>
        {errors[field]}
      </p>
    ) : null
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Leistungen</h1>
      <p className="kern-body">Der OZG-Katalog: suchen Sie nach Name, OZG-ID oder LeiKa-Schlüssel.</p>
      <Form method="get" role="search" aria-label="Leistungen suchen" className="filters">
        <div className={`kern-form-input ${errors.q ? 'kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor="q">
            Suchbegriff
          </label>
          {errorFor('q')}
          <input
            className="kern-form-input__input"
            type="search"
            id="q"
            name="q"
            defaultValue={values.q ?? ''}
            aria-describedby={errors.q ? 'q-error' : undefined}
          />
        </div>
        <div className={`kern-form-input ${errors.themenfeld ? 'kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor="themenfeld">
            Themenfeld
          </label>
          {errorFor('themenfeld')}
          <div className="kern-form-input__select-wrapper">
            <select
              className="kern-form-input__select"
              id="themenfeld"
              name="themenfeld"
              defaultValue={values.themenfeld ?? ''}
              aria-describedby={errors.themenfeld ? 'themenfeld-error' : undefined}
            >
              <option value="">Alle Themenfelder</option>
              {themes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">Suchen</span>
          </button>
        </div>
      </Form>
      {errorFor('seite')}
      {result ? (
        <>
          <p className="kern-body" role="status">
            {result.total === 1 ? '1 Leistung gefunden' : `${result.total} Leistungen gefunden`}
            {pages > 1 ? ` · Seite ${result.page} von ${pages}` : ''}
          </p>
          {result.rows.length > 0 ? (
            <div className="table-scroll">
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
                  {result.rows.map((s) => (
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
                        {s.responsibilities.map((r) => Responsibility.label(r)).join(', ') || '–'}
                      </td>
                      <td className="kern-table__cell kern-table__cell--numeric">{s.leikaCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="kern-body">Keine Leistung passt zu Ihrer Suche. Versuchen Sie einen kürzeren Begriff.</p>
          )}
          {pages > 1 ? (
            <nav aria-label="Seiten">
              <ul className="pagination">
                {result.page > 1 ? (
                  <li>
                    <Link className="kern-link" to={link(result.page - 1)}>
                      Vorherige Seite
                    </Link>
                  </li>
                ) : null}
                <li>
                  Seite {result.page} von {pages}
                </li>
                {result.page < pages ? (
                  <li>
                    <Link className="kern-link" to={link(result.page + 1)}>
                      Nächste Seite
                    </Link>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </>
      ) : null}
    </div>
  )
}
