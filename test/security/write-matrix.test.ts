// The role × route write matrix (issue 10): for every action of the build (from its route
// manifest) and every role that DESIGN.md's roles table does not allow to perform it, the form an
// administrator sees on that page, filled in plausibly, is posted. Each must be refused (a
// redirect to the sign-in, 403 or another 4xx) and leave the community's data as it was, checked
// in the database itself (./fingerprint.ts). So that the check cannot pass vacuously, one allowed
// write per group of routes must then change exactly the table it is about.
//
// This file starts its own server per engine: on PGlite the fingerprint stops and restarts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildOnce, type ServerEngine } from '../support/server'
import { changedTables, InspectableServer } from './fingerprint'
import { encodeForm, fillPath, findFixtures, plausibleForm, postForms, routeManifest, type Fixtures, type ManifestRoute, type PageForm } from './routes'
import { DEMO_PASSWORD } from './support'

type Role = 'anonym' | 'viewer' | 'editor' | 'editorAnderesKreises' | 'coordinator' | 'admin'
const ACCOUNTS: Record<Exclude<Role, 'anonym'>, string> = {
  viewer: 'leitung@demo.invalid', // viewer of Celle
  editor: 'celle@demo.invalid', // editor of Celle (03351), the county of the fixtures
  editorAnderesKreises: 'harburg@demo.invalid',
  coordinator: 'koordination@demo.invalid',
  admin: 'admin@demo.invalid',
}

// DESIGN.md, "Roles": who must NOT perform the writes under a path (and, where a page's forms
// differ, with this intent). The county routes name Celle; the negotiation and the to-do of the
// fixtures belong to Harburg alone.
function forbiddenRoles(path: string, intent?: string): Role[] | null {
  if (path === 'anmelden' || path === 'abmelden') return null // sessions only, not the community's data
  // Reached by whoever holds the link or the address: the token is the credential.
  if (path === 'passwort-vergessen' || path === 'einladung/:token' || path === 'passwort-neu/:token') return null
  if (path.startsWith('api/')) return ['anonym', 'viewer', 'editor', 'coordinator', 'admin'] // the API is read-only
  if (path === 'admin/zustaendigkeit') return ['anonym', 'viewer', 'editor'] // applicability: coordination
  if (path.startsWith('admin/')) return ['anonym', 'viewer', 'editor', 'coordinator']
  if (path.startsWith('kreise/:ags')) return ['anonym', 'viewer', 'editorAnderesKreises']
  if (path === 'import') return ['anonym', 'viewer', 'editorAnderesKreises'] // the file holds a row of Celle
  if (path === 'profil' || path === 'benachrichtigungen') return ['anonym'] // everyone manages their own
  // Anyone signed in may follow a negotiation; commenting is for its counties' editors.
  if (path === 'verhandlungen/:id' && (intent === 'abonnieren' || intent === 'abbestellen')) return ['anonym']
  return ['anonym', 'viewer', 'editor'] // catalogue, online services, vendors, meetings, negotiations, to-dos
}

// One allowed write per group: [path, role, the table it must change, the form's intent if several].
const CONTROLS: [string, Role, string, string?][] = [
  ['kreise/:ags/leistungen/:ozgId', 'editor', 'statuses'],
  ['hersteller/:id/bearbeiten', 'coordinator', 'vendors'],
  ['sitzungen', 'coordinator', 'meetings'],
  ['admin/benutzer', 'admin', 'users', 'anlegen'],
  ['profil', 'viewer', 'api_tokens', 'create'],
]

// Forms that appear only when the signed-in person has something of their own to act on, which
// the demo data does not give the admin: marking one's own notifications read (tested in
// test/integration/notifications.test.ts). Their routes still get a body-only attempt.
const FORMS_ONLY_WITH_OWN_DATA = ['benachrichtigungen']

type Attempt = { route: ManifestRoute; url: string; role: Role; form: PageForm | null }

const engines: ServerEngine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

for (const engine of engines) {
  describe(`role × route write matrix [${engine}]`, () => {
    let app: InspectableServer
    const cookies = new Map<Role, string>()
    let fixtures: Fixtures
    let routes: ManifestRoute[]
    let importFile: File
    const formsByRoute = new Map<string, { url: string; forms: PageForm[] }>()

    const send = (url: string, role: Role, init: RequestInit = {}) => {
      const headers = new Headers(init.headers)
      headers.set('Origin', app.baseURL)
      const cookie = cookies.get(role)
      if (cookie) headers.set('Cookie', cookie)
      return fetch(new URL(url, app.baseURL), { redirect: 'manual', ...init, headers })
    }
    const submit = (attempt: { url: string; role: Role; form: PageForm | null }, marker: string) => {
      if (!attempt.form) return send(attempt.url, attempt.role, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Sicherheitstest"}' })
      const { body, headers } = encodeForm(attempt.form, plausibleForm(attempt.form, importFile, marker))
      return send(attempt.form.action || attempt.url, attempt.role, { method: 'POST', headers, body })
    }
    // Refused: to the sign-in page, or a 4xx. Anything else (a 2xx page, a redirect elsewhere) may have written.
    const refused = (response: Response) => {
      if (response.status >= 400 && response.status < 500) return true
      const location = response.headers.get('Location') ?? ''
      return response.status >= 300 && response.status < 400 && new URL(location, app.baseURL).pathname === '/anmelden'
    }

    beforeAll(async () => {
      await buildOnce()
      app = await InspectableServer.start(engine)
      for (const [role, email] of Object.entries(ACCOUNTS) as [Role, string][]) {
        const response = await send('/anmelden', 'anonym', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email, password: DEMO_PASSWORD, weiter: '/' }).toString(),
        })
        const session = response.headers.getSetCookie().find((c) => c.startsWith('ozg_session='))
        if (!session) throw new Error(`Anmeldung als ${email} fehlgeschlagen: ${response.status}`)
        cookies.set(role, session.split(';')[0])
      }
      const get = (path: string, init?: RequestInit) => send(path, 'admin', init)
      fixtures = await findFixtures(get, cookies.get('admin')!)
      routes = (await routeManifest(get)).filter((r) => r.hasAction && forbiddenRoles(r.path))
      // The status file an import would send: Celle's row of the export, its note changed.
      const csv = await (await get('/export?format=csv&kreis=03351')).text()
      const [header, row] = csv.split(/\r?\n/)
      importFile = new File([`${header}\n${row.replace(/;[^;]*$/, ';Sicherheitstest')}\n`], 'status.csv', { type: 'text/csv' })
      for (const route of routes) {
        const url = fillPath(route.path, fixtures)
        const html = route.hasLoader ? await (await get(url)).text() : ''
        formsByRoute.set(route.path, { url, forms: postForms(html) })
      }
    })

    afterAll(async () => {
      await app?.stop()
    })

    it('knows a form for every action that has a page', () => {
      const withoutForm = routes
        .filter((r) => !r.path.startsWith('api/') && !FORMS_ONLY_WITH_OWN_DATA.includes(r.path) && formsByRoute.get(r.path)!.forms.length === 0)
        .map((r) => r.path)
      expect(withoutForm).toEqual([])
    })

    // On PostgreSQL every attempt (~100) is followed by a fingerprint of the whole database: 47 s
    // in one loaded run, over 60 s in another on the same machine.
    it('refuses every write a role may not make, and the database does not change', { timeout: 240_000 }, async () => {
      const attempts: Attempt[] = routes.flatMap((route) => {
        const { url, forms } = formsByRoute.get(route.path)!
        return (forms.length ? forms : [null]).flatMap((form) => {
          const intent = form?.fields.find((f) => f.name === 'intent')?.value
          return (forbiddenRoles(route.path, intent) ?? []).map((role) => ({ route, url, role, form }))
        })
      })
      expect(attempts.length).toBeGreaterThan(30)
      const before = await app.fingerprint()
      const notRefused: string[] = []
      const wrote: string[] = []
      for (const attempt of attempts) {
        const response = await submit(attempt, 'Unerlaubt')
        await response.arrayBuffer()
        const label = `${attempt.role} POST ${attempt.form?.action || attempt.url} ${attempt.form?.fields.find((f) => f.name === 'intent')?.value ?? ''}`.trim()
        if (!refused(response)) notRefused.push(`${label} → ${response.status} ${response.headers.get('Location') ?? ''}`)
        // On PostgreSQL each attempt is checked by itself; PGlite is checked once after all (below).
        if (engine === 'postgres') {
          const changed = changedTables(before, await app.fingerprint())
          if (changed.length) wrote.push(`${label} → ${changed.join(', ')}`)
        }
      }
      if (engine === 'pglite') {
        const changed = changedTables(before, await app.fingerprint())
        if (changed.length) wrote.push(`${attempts.length} Versuche → ${changed.join(', ')}`)
      }
      expect(wrote).toEqual([])
      expect(notRefused).toEqual([])
    })

    it('lets the allowed roles write: one write per group changes its table (the positive control)', async () => {
      const before = await app.fingerprint()
      const answers: string[] = []
      for (const [path, role, , intent] of CONTROLS) {
        const entry = formsByRoute.get(path)
        expect(entry, `Route ${path} fehlt im Manifest`).toBeDefined()
        const form = intent ? entry!.forms.find((f) => f.fields.some((field) => field.name === 'intent' && field.value === intent)) : entry!.forms[0]
        expect(form, `Kein Formular ${intent ?? ''} auf ${path}`).toBeDefined()
        const response = await submit({ url: entry!.url, role, form: form! }, `Erlaubt ${role}`)
        await response.arrayBuffer()
        answers.push(`${role} ${path} → ${response.status}`)
        expect(refused(response), answers.at(-1)).toBe(false)
      }
      const changed = changedTables(before, await app.fingerprint())
      for (const [, , table] of CONTROLS) expect(changed, answers.join('\n')).toContain(table)
    })
  })
}
