import type { LoaderFunctionArgs } from '@remix-run/node'
import { StatusFilter, toCsvRecord, type StatusExportRow } from '~/domain/status-csv'
import { countStatusRows, findMemberCounty, listStatusRows } from '~/models/export.server'
import { apiError, apiJson, apiLoader, apiMethodNotAllowed, page, parseFilterAndPaging, requireApiUser } from '~/guards/api.server'

// The file format's columns and German words, with typed numbers, booleans and null for unknown.
function toApiRecord(row: StatusExportRow) {
  const record: Record<string, string | number | boolean | null> = {}
  for (const [key, value] of Object.entries(toCsvRecord(row))) record[key] = value === '' ? null : value
  record.reifegrad = row.maturity
  record.antraege_pro_jahr = row.applicationsPerYear
  record.einmalkosten_eur = row.costOneOff === null ? null : Number(row.costOneOff)
  record.jahreskosten_eur = row.costAnnual === null ? null : Number(row.costAnnual)
  record.ende_zu_ende = row.endToEnd
  return record
}

export const loader = apiLoader(async ({ request }: LoaderFunctionArgs) => {
  await requireApiUser(request)
  const [filter, paging] = parseFilterAndPaging(StatusFilter, request)
  if (filter.kreis && !(await findMemberCounty(filter.kreis))) {
    throw apiError(404, `Es gibt keinen Kreis mit dem AGS ${filter.kreis} in der Community.`)
  }
  const [total, rows] = await Promise.all([countStatusRows(filter), listStatusRows(filter, paging)])
  return apiJson(page(request, rows.map(toApiRecord), total, paging))
})

export const action = apiMethodNotAllowed
