import type { LoaderFunctionArgs } from '@remix-run/node'
import { CountyKind, type CountyKindCode } from '~/domain/enums'
import { listCountiesWithCounts } from '~/models/county.server'
import { apiJson, apiLoader, apiMethodNotAllowed, requireApiUser } from '~/guards/api.server'

// All member counties (16 today; a Land would be 45): small enough to answer without paging.
export const loader = apiLoader(async ({ request }: LoaderFunctionArgs) => {
  await requireApiUser(request)
  const rows = await listCountiesWithCounts()
  return apiJson({
    data: rows.map((c) => ({
      ags: c.ags,
      name: c.name,
      art: CountyKind.value(c.kind as CountyKindCode),
      leistungen: c.total,
      online: c.online,
      eigen: c.own,
      efa: c.efa,
      offen: c.pending,
      nicht_zustaendig: c.notApplicable,
    })),
  })
})

export const action = apiMethodNotAllowed
