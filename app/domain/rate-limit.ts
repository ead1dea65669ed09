// The limits of the login throttle and of the API, and the buckets a request counts against.
// Decision record 012 explains the design; the counting itself is models/rate-limit.server.ts.

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
 * The network a client address stands for in the counters: an IPv4 address as it is (also when
 * written IPv4-mapped, `::ffff:192.0.2.1`), an IPv6 address by its /64 prefix — one connection
 * usually gets a whole /64, so counting single IPv6 addresses would let a client pick a fresh
 * address per attempt.
 */
export function addressKey(address: string): string {
  const value = address.trim().toLowerCase()
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value)
  if (mapped) return mapped[1]
  if (!value.includes(':')) return value
  const [head, tail = ''] = value.replace(/%.*$/, '').split('::')
  const left = head ? head.split(':') : []
  const right = value.includes('::') && tail ? tail.split(':') : []
  const groups = value.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return value
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`
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
    buckets.push({ key: `login:address:${addressKey(address)}`, ...LOGIN_LIMITS.address })
  }
  if (!isKnownAddress || address === UNKNOWN_ADDRESS) {
    for (const tier of LOGIN_LIMITS.account) buckets.push({ key: `login:account:${tier.windowSeconds}:${email}`, ...tier })
  }
  return buckets
}

/** The bucket of one address on one account: a successful sign-in from there empties it. */
export function loginPairKey(email: string, address: string): string {
  return `login:pair:${email} ${addressKey(address)}`
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
