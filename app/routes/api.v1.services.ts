import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { CountyKind, Responsibility, type CountyKindCode, type ResponsibilityCode } from '~/domain/enums'
import { listServicesPage } from '~/models/api.server'
import { apiJson, apiLoader, apiMethodNotAllowed, page, parseFilterAndPaging, requireApiUser } from '~/guards/api.server'
import { optionalIdSchema } from '~/domain/id'
import { emptyToUndefined, text } from '~/domain/text'

const ServiceQuery = z.object({
  q: z.preprocess(emptyToUndefined, text().trim().max(200, 'q darf höchstens 200 Zeichen lang sein.').optional()),
  themenfeld: optionalIdSchema('themenfeld ist die Nummer eines Themenfelds.'),
  ausgesondert: z.preprocess(
    emptyToUndefined,
    z.enum(['ja', 'nein'], { message: 'ausgesondert ist „ja“ oder „nein“.' }).transform((v) => v === 'ja').optional(),
  ),
})

export const loader = apiLoader(async ({ request }: LoaderFunctionArgs) => {
  await requireApiUser(request)
  const [filter, paging] = parseFilterAndPaging(ServiceQuery, request)
  const { total, rows } = await listServicesPage(filter, paging)
  const data = rows.map((s) => ({
    ozg_id: s.ozgId,
    ozg_leistung: s.name,
    lebenslage: s.lifeSituation,
    themenfeld: s.theme,
    themenfeld_id: s.themeId,
    zustaendigkeit: s.responsibilities.map((r) => Responsibility.value(r as ResponsibilityCode)),
    gilt_fuer: s.appliesTo.map((k) => CountyKind.value(k as CountyKindCode)),
    ausgesondert_am: s.retiredAt ? new Date(s.retiredAt).toISOString() : null,
  }))
  return apiJson(page(request, data, total, paging))
})

export const action = apiMethodNotAllowed
