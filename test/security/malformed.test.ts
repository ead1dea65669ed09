// Item 4 of issue 10 against the real server: every kind of malformed request gets a 4xx, never
// a 5xx, on every route of the build (its route manifest, so a new route is covered without a
// change here). Signed in as an administrator, who may write everywhere, so that only the
// malformation can be the reason for a refusal; the sign-in form also anonymously.
import { beforeAll, expect, it } from 'vitest'
import { encodeForm, fillPath, findFixtures, idParams, pageForms, plausibleForm, routeManifest, type Fixtures, type ManifestRoute, type PageForm } from './routes'
import { describeEachServer } from './support'

const BEYOND_INT4 = '2147483648'
const NUL = 'abc\u0000def'
const CSV = new File(['ags;ozg_id\n03351;10520\n'], 'status.csv', { type: 'text/csv' })

describeEachServer('malformed requests', (server) => {
  let admin: string
  let fixtures: Fixtures
  let routes: ManifestRoute[]
  // Per route: its URL with the demo's ids, and the forms the administrator sees there.
  const pages = new Map<string, { url: string; post: PageForm[]; get: PageForm[] }>()
  // The sign-out reads no body; posting to it would end the session the tests use.
  const actions = () => routes.filter((r) => r.hasAction && r.path !== 'abmelden')

  const as = (cookie: string | null, init: RequestInit = {}): RequestInit => {
    const headers = new Headers(init.headers)
    headers.set('Origin', server.baseURL)
    if (cookie) headers.set('Cookie', cookie)
    return { ...init, headers }
  }
  // Each offending answer as "what → status", so one failing test lists every route at once.
  const collect = async (label: string, response: Response, bad: string[], expectClientError = true) => {
    await response.arrayBuffer()
    const ok = expectClientError ? response.status >= 400 && response.status < 500 : response.status < 500
    if (!ok) bad.push(`${label} → ${response.status}`)
  }

  beforeAll(async () => {
    admin = await server.signIn('admin@demo.invalid')
    const get = (path: string, init?: RequestInit) => server.fetch(path, as(admin, init))
    fixtures = await findFixtures(get, admin)
    routes = await routeManifest(get)
    for (const route of routes) {
      const url = fillPath(route.path, fixtures)
      const html = route.hasLoader && !route.path.startsWith('api/') ? await (await get(url)).text() : ''
      pages.set(route.path, { url, post: pageForms(html, 'post'), get: pageForms(html, 'get') })
    }
  })

  it('finds the routes in the build', () => {
    expect(actions().length).toBeGreaterThan(10)
    expect(routes.map((r) => r.path)).toContain('hersteller/:id')
  })

  it('answers a body that is not a form with a 4xx on every route with an action', async () => {
    const bad: string[] = []
    const bodies: [string, RequestInit][] = [
      ['JSON', { body: '{"name":"x"}', headers: { 'Content-Type': 'application/json' } }],
      ['text/plain', { body: 'name=x', headers: { 'Content-Type': 'text/plain' } }],
      ['kein Körper', {}],
      ['defektes multipart', { body: '--grenze\r\nContent-Disposition: form-data; name="name"\r\n\r\nunvollständig', headers: { 'Content-Type': 'multipart/form-data; boundary=grenze' } }],
    ]
    for (const route of actions()) {
      const { url } = pages.get(route.path)!
      for (const [kind, init] of bodies) {
        await collect(`${kind} POST ${url}`, await server.fetch(url, as(admin, { method: 'POST', ...init })), bad)
        if (route.path === 'anmelden') await collect(`${kind} POST ${url} (anonym)`, await server.fetch(url, as(null, { method: 'POST', ...init })), bad)
      }
    }
    expect(bad).toEqual([])
  })

  it('answers a NUL byte in the text fields of every form with a 4xx', async () => {
    const bad: string[] = []
    for (const route of actions()) {
      for (const form of pages.get(route.path)!.post) {
        const texts = form.fields.filter((f) => f.kind === 'text' || f.kind === 'textarea')
        if (texts.length === 0) continue
        const data = plausibleForm(form, CSV)
        for (const field of texts) data.set(field.name, NUL)
        const { body, headers } = encodeForm(form, data)
        await collect(`NUL in ${texts.map((f) => f.name).join(', ')} POST ${form.action}`, await server.fetch(form.action, as(admin, { method: 'POST', body, headers })), bad)
      }
    }
    const anonymous = new URLSearchParams({ email: `admin${NUL}@demo.invalid`, password: NUL, weiter: '/' })
    await collect('NUL POST /anmelden (anonym)', await server.post('/anmelden', anonymous), bad)
    expect(bad).toEqual([])
  })

  it('answers a file posted into a text field with a 4xx', async () => {
    const bad: string[] = []
    for (const route of actions()) {
      for (const form of pages.get(route.path)!.post) {
        const text = form.fields.find((f) => f.kind === 'text' || f.kind === 'textarea')
        if (!text) continue
        const data = plausibleForm(form, CSV)
        data.set(text.name, new File(['kein Text'], 'notiz.txt', { type: 'text/plain' }))
        await collect(`Datei in ${text.name} POST ${form.action}`, await server.fetch(form.action, as(admin, { method: 'POST', body: data })), bad)
      }
    }
    expect(bad).toEqual([])
  })

  it('answers an upload whose file name holds = or ; with a 4xx', async () => {
    const bad: string[] = []
    let uploads = 0
    for (const route of actions()) {
      for (const form of pages.get(route.path)!.post.filter((f) => f.fields.some((field) => field.kind === 'file'))) {
        uploads++
        for (const name of ['stand=neu.csv', 'stand;neu.csv']) {
          const file = new File([await CSV.text()], name, { type: 'text/csv' })
          await collect(`Dateiname ${name} POST ${form.action}`, await server.fetch(form.action, as(admin, { method: 'POST', body: plausibleForm(form, file) })), bad)
        }
      }
    }
    expect(uploads).toBeGreaterThanOrEqual(2) // the status and the catalogue import
    expect(bad).toEqual([])
  })

  it('answers ids beyond int4 in every path with a 4xx, on the page and its action', async () => {
    const bad: string[] = []
    for (const route of routes.filter((r) => idParams(r.path).length > 0)) {
      for (const param of idParams(route.path)) {
        const url = fillPath(route.path, fixtures, (name) => (name === param ? BEYOND_INT4 : undefined))
        if (route.hasLoader) await collect(`GET ${url}`, await server.fetch(url, as(admin)), bad)
        const form = pages.get(route.path)!.post[0]
        if (route.hasAction && form) {
          const { body, headers } = encodeForm(form, plausibleForm(form, CSV))
          await collect(`POST ${url}`, await server.fetch(url, as(admin, { method: 'POST', body, headers })), bad)
        }
      }
    }
    expect(bad).toEqual([])
  })

  it('answers NUL and numbers beyond int4 in the search and filter forms with a 4xx', async () => {
    const bad: string[] = []
    let checked = 0
    for (const route of routes) {
      for (const form of pages.get(route.path)!.get) {
        for (const field of form.fields) {
          const numeric = field.kind === 'select' && field.options?.some((o) => /^\d+$/.test(o))
          const text = field.kind === 'text'
          if (!numeric && !text) continue
          // As a user sends it: the boxes as shown, and the first of a group none of which is ticked.
          const sent = form.fields.filter((f) => !f.unchecked || (f === form.fields.find((g) => g.name === f.name) && form.fields.every((g) => g.name !== f.name || g.unchecked)))
          const params = new URLSearchParams(sent.map((f) => [f.name, f.value]))
          params.set(field.name, numeric ? BEYOND_INT4 : NUL)
          const url = `${(form.action || pages.get(route.path)!.url).split('?')[0]}?${params}`
          checked++
          await collect(`GET ${url}`, await server.fetch(url, as(admin)), bad)
        }
      }
    }
    expect(checked).toBeGreaterThan(3)
    expect(bad).toEqual([])
  })

  it('never answers a stray NUL or huge number in the query of any page with a 5xx', async () => {
    const bad: string[] = []
    for (const route of routes.filter((r) => r.hasLoader)) {
      const url = `${pages.get(route.path)!.url}?themenfeld=${BEYOND_INT4}&q=a%00b&seite=${BEYOND_INT4}&kreis=%00`
      await collect(`GET ${url}`, await server.fetch(url, as(admin)), bad, false)
    }
    expect(bad).toEqual([])
  })
})

