import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { assertSameOrigin, endSession } from '~/guards/auth.server'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  return redirect('/anmelden', { headers: { 'Set-Cookie': await endSession(request) } })
}
