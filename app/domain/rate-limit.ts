// The limits of the login throttle and of the API, and the buckets a request counts against.
// Decision record 005 explains the design; the counting itself is models/rate-limit.server.ts.

export type Bucket = { key: string; limit: number; windowSeconds: number }

/** What the client address is when the server could not tell (no socket address handed in). */
export const UNKNOWN_ADDRESS = 'unknown'

export const LOGIN_LIMITS = {
  // One address guessing one account: the owner's own typos stay far below this.
  pair: { limit: 10, windowSeconds: 15 * 60 },
  // One address trying many accounts (password spraying).
  address: { limit: 20, windowSeconds: 15 * 60 },
  // Many addresses on one account: tiers with ever longer windows make the wait grow. One address
  // alone cannot reach them: `pair` lets it fail 40 times an hour and 960 times a day on one account.
  account: [
    { limit: 50, windowSeconds: 15 * 60 },
    { limit: 100, windowSeconds: 60 * 60 },
    { limit: 1_000, windowSeconds: 24 * 60 * 60 },
  ],
} as const

/** Requests a token may make a minute by default (API_RATE_LIMIT), whichever process answers. */
export const DEFAULT_API_RATE_LIMIT = 300
export const API_WINDOW_SECONDS = 60

/** How an e-mail address identifies an account: case and surrounding spaces do not matter. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase()
}

/**
 * The buckets one login attempt counts against. Without a known client address the per-address
 * buckets would be one bucket for everybody, so only the account tiers apply; an address the
 * account signed in from before is exempt from the account tiers (the owner still gets in while
 * many addresses attack the account).
 */
export function loginBuckets(email: string, address: string, isKnownAddress: boolean): Bucket[] {
  const buckets: Bucket[] = []
  if (address !== UNKNOWN_ADDRESS) {
    buckets.push({ key: loginPairKey(email, address), ...LOGIN_LIMITS.pair })
    buckets.push({ key: `login:address:${address}`, ...LOGIN_LIMITS.address })
  }
  if (!isKnownAddress || address === UNKNOWN_ADDRESS) {
    for (const tier of LOGIN_LIMITS.account) buckets.push({ key: `login:account:${tier.windowSeconds}:${email}`, ...tier })
  }
  return buckets
}

/** The bucket of one address on one account: a successful sign-in from there empties it. */
export function loginPairKey(email: string, address: string): string {
  return `login:pair:${email} ${address}`
}

export function apiBucket(tokenId: number, limit: number): Bucket {
  return { key: `api:token:${tokenId}`, limit, windowSeconds: API_WINDOW_SECONDS }
}

/** „1 Minute“, „15 Minuten“, „2 Stunden“: the wait a 429 message names, rounded up. */
export function describeWait(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60))
  if (minutes < 90) return minutes === 1 ? '1 Minute' : `${minutes} Minuten`
  const hours = Math.ceil(minutes / 60)
  return `${hours} Stunden`
}
