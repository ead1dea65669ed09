import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/guards/auth.server'
import { notFound } from '~/utils/http.server'

// Unknown addresses: throw a 404 so the root ErrorBoundary renders the German page.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  throw notFound()
}

export default function NotFound() {
  return null
}
