import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { getCountyKpis } from '~/models/summary.server'
import { apiJson, apiLoader, apiMethodNotAllowed, parseApiQuery, requireApiUser } from '~/guards/api.server'
import { optionalIdSchema } from '~/domain/id'
import { staleText } from '~/domain/rules'
import { getStaleAfterDays } from '~/models/settings.server'

const SummaryQuery = z.object({
  themenfeld: optionalIdSchema('themenfeld ist die Nummer eines Themenfelds.'),
})

// The dashboard's own function, so the API's numbers are the dashboard's numbers by construction.
export const loader = apiLoader(async ({ request }: LoaderFunctionArgs) => {
  await requireApiUser(request)
  const { themenfeld } = parseApiQuery(SummaryQuery, request)
  const [summary, staleAfterDays] = await Promise.all([getCountyKpis({ themeId: themenfeld }), getStaleAfterDays()])
  return apiJson({
    beschreibung:
      `Kennzahlen je Mitgliedskreis über die nicht ausgesonderten Leistungen. applicable: alle außer „nicht zuständig“ (Grundlage jeder Quote); online: eigen oder efa mit Fortschritt „online“; stale: nie oder ${staleText(staleAfterDays)}.`,
    themenfeld: themenfeld ?? null,
    counties: summary.counties.map(({ countyId: _id, ...c }) => c),
    community: summary.community,
  })
})

export const action = apiMethodNotAllowed
