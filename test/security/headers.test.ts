// Item 7 of issue 10: security headers on every response, a Content-Security-Policy whose nonce
// is on every inline script of the page (and new for every response, cached page or not), one
// DOCTYPE, and no HSTS or Secure cookie on a plain http address (see origin.test.ts for https).
import { expect, it } from 'vitest'
import { describeEachServer, type TestServer } from './support'

function nonceOf(response: Response): string {
  const csp = response.headers.get('Content-Security-Policy') ?? ''
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1]
  expect(nonce, csp).toBeTruthy()
  return nonce!
}

function expectCommonHeaders(response: Response) {
  const csp = response.headers.get('Content-Security-Policy') ?? ''
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toContain("default-src 'self'")
  expect(csp).toContain("object-src 'none'")
  expect(csp).not.toContain('unsafe-eval')
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
  expect(response.headers.get('Referrer-Policy')).toBe('same-origin')
  expect(response.headers.get('X-Frame-Options')).toBe('DENY')
  expect(response.headers.get('Strict-Transport-Security')).toBeNull()
}

async function page(server: TestServer, path: string, cookie?: string) {
  const response = await server.fetch(path, { headers: cookie ? { Cookie: cookie } : {} })
  return { response, html: await response.text() }
}

describeEachServer('security headers', (server) => {
  it.each(['/', '/kreise', '/kreise/03351', '/leistungen/10169', '/gibt-es-nicht'])('%s: headers, one DOCTYPE, every script with this response’s nonce', async (path) => {
    const cookie = await server.signIn('leitung@demo.invalid')
    const first = await page(server, path, cookie)
    expect([200, 404]).toContain(first.response.status)
    expectCommonHeaders(first.response)
    expect(first.html.match(/<!DOCTYPE html>/gi)).toHaveLength(1)
    expect(first.html.startsWith('<!DOCTYPE html>')).toBe(true)

    const nonce = nonceOf(first.response)
    const scripts = [...first.html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)

    // The same page again carries a nonce of its own, never the first one.
    const second = await page(server, path, cookie)
    const again = nonceOf(second.response)
    expect(again).not.toBe(nonce)
    expect(second.html).not.toContain(nonce)
    for (const m of second.html.matchAll(/<script\b[^>]*>/g)) expect(m[0]).toContain(`nonce="${again}"`)
  })

  it('sets them on the login page, on assets (cached for good) and on the server’s own refusals', async () => {
    const login = await page(server, '/anmelden')
    expectCommonHeaders(login.response)
    const stylesheet = /<link rel="stylesheet" href="(\/assets\/[^"]+\.css)"/.exec(login.html)?.[1]
    expect(stylesheet).toBeTruthy()
    const asset = await server.fetch(stylesheet!)
    expect(asset.status).toBe(200)
    expectCommonHeaders(asset)
    expect(asset.headers.get('Cache-Control')).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/)

    const refused = await server.post('/anmelden', { email: 'a@b.de' }, { origin: 'https://evil.example' })
    expect(refused.status).toBe(403)
    expectCommonHeaders(refused)
  })

  it('gives the session cookie HttpOnly and SameSite, and no Secure on a plain http address', async () => {
    const response = await server.post('/anmelden', { email: 'leitung@demo.invalid', password: 'ozg-radar-demo', weiter: '/' })
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ozg_session='))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/)
  })
})
