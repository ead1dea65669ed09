import type { LoaderFunctionArgs } from '@remix-run/node'
import { toApiRecord } from '~/domain/api'
import { StatusFilter } from '~/domain/status-csv'
import { countStatusRows, findMemberCounty, listStatusRows } from '~/models/export.server'
import { apiError, apiJson, apiLoader, apiMethodNotAllowed, page, parseFilterAndPaging, requireApiUser } from '~/guards/api.server'

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
