// Liveness probe and the benchmark's "trivial route": no session, no database, only what the
// framework costs per request. A load balancer may poll it; it reveals nothing.
export function loader() {
  return new Response('ok', { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
}
