// Item 3 of issue 10: a state-changing request from another origin — or one whose origin cannot
// be told — is refused with 403 and the German page, never a 500 (Remix's own check used to
// throw first), whatever the route and whether the browser runs our JavaScript or not.
import { describe, expect, it } from 'vitest'
import { startServer } from '../support/server'
import { describeEachServer } from './support'

const REFUSAL = 'Diese Anfrage kam nicht von OZG-Radar selbst'

async function expectRefused(response: Response) {
  const body = await response.text()
  expect(response.status, body.slice(0, 300)).toBe(403)
  expect(response.headers.get('Content-Type')).toMatch(/^text\/html/)
  expect(body).toContain('Keine Berechtigung')
  expect(body).toContain(REFUSAL)
}

describeEachServer('posts from elsewhere', (server) => {
  const host = new URL(server.baseURL).host
  const foreign: [string, string | null][] = [
    ['another site', 'https://evil.example'],
    ['our host on another port', `http://127.0.0.1:1`],
    ['our host with another scheme', `https://${host}`],
    ['Origin: null (a sandboxed frame, a data: page)', 'null'],
    ['an Origin that is no URL', '::kaputt::'],
    ['no Origin and no Referer', null],
  ]

  it.each(foreign)('refuses the login form posted from %s', async (_case, origin) => {
    await expectRefused(await server.post('/anmelden', { email: 'celle@demo.invalid', password: 'ozg-radar-demo' }, { origin }))
  })

  it.each(foreign)('refuses a signed-in edit posted from %s, also as a JavaScript (single fetch) request', async (_case, origin) => {
    const cookie = await server.signIn('celle@demo.invalid')
    const form = { intent: 'basisdienste' }
    await expectRefused(await server.post('/kreise/03351', form, { origin, cookie }))
    await expectRefused(await server.post('/kreise/03351.data?index', form, { origin, cookie }))
  })

  it('refuses a foreign Referer when the Origin is missing', async () => {
    await expectRefused(await server.post('/abmelden', {}, { origin: null, headers: { Referer: 'https://evil.example/seite' } }))
  })

  it('does not trust X-Forwarded-Host without TRUST_PROXY', async () => {
    const response = await server.post('/anmelden', { email: 'x@y.de', password: 'x' }, { origin: 'https://evil.example', headers: { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' } })
    await expectRefused(response)
  })

  it('accepts the same post from our own page', async () => {
    const response = await server.post('/anmelden', { email: 'celle@demo.invalid', password: 'ozg-radar-demo', weiter: '/' })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/')
  })
})

describe('behind a proxy with PUBLIC_URL', () => {
  it('accepts posts from the public https address although the proxy sends another Host, and marks cookie and transport secure', async () => {
    // No demo data: signing out needs no account and sets the same session cookie (emptied).
    const server = await startServer('pglite', { PUBLIC_URL: 'https://radar.example', DEMO_DATA: 'false' })
    try {
      const signOut = (origin: string) => fetch(`${server.baseURL}/abmelden`, { method: 'POST', redirect: 'manual', headers: { Origin: origin } })
      const ok = await signOut('https://radar.example')
      expect(ok.status).toBe(302)
      expect(ok.headers.getSetCookie().find((c) => c.startsWith('ozg_session='))).toMatch(/; Secure/)
      expect(ok.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/)
      expect(ok.headers.get('Content-Security-Policy')).toContain('upgrade-insecure-requests')
      // The address the server itself listens on is not the public one.
      await expectRefused(await signOut(server.baseURL))
    } finally {
      await server.stop()
    }
  })
})
