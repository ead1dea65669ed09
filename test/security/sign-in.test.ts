// Items 1 and 2 of issue 10 against the real server: the login throttle counts the address the
// server sees on the socket (a forged X-Forwarded-For opens no new bucket), holds under parallel
// attempts, and still lets the owner in from another address; `weiter` never leads off our
// origin and never writes a header.
//
// Attackers and owners connect from their own loopback addresses (127.0.0.x, bound on the client
// side), so they are different clients to the server, and the buckets of 127.0.0.1, from which
// the other test files sign in, stay empty.
import { request } from 'node:http'
import { expect, it } from 'vitest'
import { DEMO_PASSWORD, describeEachServer } from './support'

type Answer = { status: number; location: string | null; setCookie: string[]; retryAfter: string | null }

/** A sign-in form post from `localAddress`, as a browser on our sign-in page sends it. */
function signInFrom(baseURL: string, localAddress: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  const body = new URLSearchParams(fields).toString()
  return new Promise((resolve, reject) => {
    const req = request(
      new URL('/anmelden', baseURL),
      {
        method: 'POST',
        localAddress,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), Origin: baseURL, ...headers },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location ?? null, setCookie: res.headers['set-cookie'] ?? [], retryAfter: (res.headers['retry-after'] as string | undefined) ?? null }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

// Each engine's server gets its own addresses, in case both run against one another's counters.
let next = 10
const freshAddress = () => `127.0.0.${next++}`

describeEachServer('login throttle', (server) => {
  it('holds when every attempt brings a new X-Forwarded-For, and the owner still signs in from elsewhere', async () => {
    const attacker = freshAddress()
    const statuses: number[] = []
    for (let i = 0; i < 30; i++) {
      const answer = await signInFrom(server.baseURL, attacker, { email: 'harburg@demo.invalid', password: `falsch-${i}`, weiter: '/' }, { 'X-Forwarded-For': `203.0.113.${i + 1}` })
      statuses.push(answer.status)
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([])
    // At most ten wrong passwords are checked for one account from one address; the rest wait.
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(10)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20)
    // The sign-in page's refusal says when to try again, as the API's does.
    const refused = await signInFrom(server.baseURL, attacker, { email: 'harburg@demo.invalid', password: 'noch-einmal', weiter: '/' })
    expect(refused.status).toBe(429)
    expect(Number(refused.retryAfter)).toBeGreaterThan(0)
    const owner = await signInFrom(server.baseURL, freshAddress(), { email: 'harburg@demo.invalid', password: DEMO_PASSWORD, weiter: '/' })
    expect(owner.status).toBe(302)
    expect(owner.setCookie.some((c) => c.startsWith('ozg_session='))).toBe(true)
  })

  it('holds under 30 parallel attempts, and the owner still signs in from elsewhere', async () => {
    const attacker = freshAddress()
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signInFrom(server.baseURL, attacker, { email: 'leitung@demo.invalid', password: `parallel-${i}`, weiter: '/' })),
    )
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s >= 500)).toEqual([])
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(10)
    const owner = await signInFrom(server.baseURL, freshAddress(), { email: 'leitung@demo.invalid', password: DEMO_PASSWORD, weiter: '/' })
    expect(owner.status).toBe(302)
  })
})

// Targets a browser would resolve to another site, and header injections.
const OFFSITE = ['/\t/evil.example', '//evil.example', '/\\evil.example', '/\\/evil.example', 'https://evil.example/', '/%09/evil.example', '/%2F%2Fevil.example']
const INJECTION = ['/\r\nSet-Cookie: injiziert=1', '/%0d%0aSet-Cookie:%20injiziert=1', '/\nLocation: https://evil.example/']

describeEachServer('weiter after signing in', (server) => {
  // Where a browser would go: tabs and line breaks dropped, resolved against our page.
  const destination = (location: string) => new URL(location, `${server.baseURL}/anmelden`)

  it('never redirects off our origin nor writes a header, on the sign-in form', async () => {
    const bad: string[] = []
    for (const weiter of [...OFFSITE, ...INJECTION]) {
      const answer = await signInFrom(server.baseURL, '127.0.0.1', { email: 'celle@demo.invalid', password: DEMO_PASSWORD, weiter })
      const label = JSON.stringify(weiter)
      if (answer.status >= 500) bad.push(`${label} → ${answer.status}`)
      if (answer.location !== null && destination(answer.location).origin !== server.baseURL) bad.push(`${label} → ${answer.location}`)
      if (answer.location && /[\r\n\t]/.test(answer.location)) bad.push(`${label} → Steuerzeichen in Location`)
      if (answer.setCookie.some((c) => c.startsWith('injiziert'))) bad.push(`${label} → Set-Cookie injiziert`)
    }
    expect(bad).toEqual([])
  })

  it('never redirects a signed-in user off our origin from the sign-in page', async () => {
    const cookie = await server.signIn('celle@demo.invalid')
    const bad: string[] = []
    for (const weiter of [...OFFSITE, ...INJECTION]) {
      const response = await server.fetch(`/anmelden?weiter=${encodeURIComponent(weiter)}`, { headers: { Cookie: cookie } })
      await response.arrayBuffer()
      const location = response.headers.get('Location')
      if (response.status >= 500) bad.push(`${JSON.stringify(weiter)} → ${response.status}`)
      if (location !== null && destination(location).origin !== server.baseURL) bad.push(`${JSON.stringify(weiter)} → ${location}`)
    }
    expect(bad).toEqual([])
  })

  it('still follows weiter within our own site', async () => {
    const answer = await signInFrom(server.baseURL, '127.0.0.1', { email: 'celle@demo.invalid', password: DEMO_PASSWORD, weiter: '/kreise/03351?themenfeld=1' })
    expect(answer.status).toBe(302)
    expect(destination(answer.location!).href).toBe(`${server.baseURL}/kreise/03351?themenfeld=1`)
  })
})
