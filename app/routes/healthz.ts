// Health probe for a load balancer or an operator: 200 only when the database is open and
// answers a query; 503 while it is being opened or when it cannot be (e.g. the PGlite directory
// is locked by another server). No session; it reveals nothing beyond that one sentence.
import { checkHealth } from '~/models/health.server'

export async function loader() {
  const health = await checkHealth()
  const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
  if (health.ok) return new Response('ok', { headers })
  return new Response(health.reason, { status: 503, headers: { ...headers, 'Retry-After': '5' } })
}
