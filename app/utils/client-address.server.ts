// The address a request came from, for the login throttle. Only the server that owns the socket
// can know it: it hands it in as the Remix load context `{ clientAddress }`, resolved there with
// Express's `trust proxy` set to TRUST_PROXY hops. Request headers such as X-Forwarded-For are
// never read here: any client can write them.
import { UNKNOWN_ADDRESS } from '~/domain/rate-limit'

export function clientAddress(_request: Request, context: unknown): string {
  const value = context && typeof context === 'object' ? (context as { clientAddress?: unknown }).clientAddress : undefined
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : UNKNOWN_ADDRESS
}
