// Item 3 of issue 10: a state-changing request from another origin — or one whose origin cannot
// be told — is refused with 403 and the German page, never a 500 (Remix's own check used to
// throw first), whatever the route and whether the browser runs our JavaScript or not.
import { expect, it } from 'vitest'
import { describeEachServer, expectRefused } from './support'

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
