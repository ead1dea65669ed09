// /export?format=csv|xlsx[&kreis=AGS&umsetzungsweg=…]: the status list in DESIGN.md's file format.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { formatStatusCsv, StatusFilter, toCsvRecord } from '~/domain/status-csv'
import { buildStatusXlsx, findMemberCounty, listStatusRows } from '~/models/export.server'
import { requireUser } from '~/guards/auth.server'
import { notFound, parseSearchParams } from '~/utils/http.server'

const ExportParams = StatusFilter.extend({
  format: z.enum(['csv', 'xlsx'], { message: 'Wählen Sie das Format csv oder xlsx.' }).default('csv'),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  const { format, ...filter } = parseSearchParams(ExportParams, request)
  let baseName = 'umsetzungsstand-community'
  if (filter.kreis) {
    const county = await findMemberCounty(filter.kreis)
    if (!county) throw notFound(`Es gibt keinen Kreis mit dem AGS ${filter.kreis} in der Community.`)
    baseName = `umsetzungsstand-${county.ags}`
  }
  const fileName = `${baseName}-${new Date().toISOString().slice(0, 10)}.${format}`
  const rows = await listStatusRows(filter)
  const headers = {
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  }
  if (format === 'xlsx') {
    const body = await buildStatusXlsx(rows)
    return new Response(body, {
      headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    })
  }
  return new Response(formatStatusCsv(rows.map(toCsvRecord)), {
    headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' },
  })
}
