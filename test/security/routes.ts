// What the security tests know about the app's routes, read from the running server rather than
// listed by hand, so that a new route is covered without touching the tests:
// - the routes and whether they have an action: the build's route manifest, which every page
//   links (`/assets/manifest-….js`, `window.__remixManifest = {…}`);
// - the ids in their paths: the links on the list pages of the demo community;
// - a plausible form per action: the post forms the page shows an administrator, with their
//   current values (a text change or two added, see `plausibleForm`).

export type ManifestRoute = { id: string; path: string; hasAction: boolean; hasLoader: boolean }
export type PageForm = { action: string; multipart: boolean; fields: FormField[] }
export type FormField = { name: string; kind: 'text' | 'textarea' | 'select' | 'hidden' | 'file' | 'other'; type: string; value: string; options?: string[]; unchecked?: true }

type Fetch = (path: string, init?: RequestInit) => Promise<Response>

/** Every route of the build with its full path (`hersteller/:id/bearbeiten`), root and layouts left out. */
export async function routeManifest(fetchHere: Fetch, page = '/'): Promise<ManifestRoute[]> {
  const html = await (await fetchHere(page)).text()
  const src = html.match(/\/assets\/manifest-[\w-]+\.js/)?.[0]
  if (!src) throw new Error(`Die Seite ${page} verweist auf kein Routen-Manifest.`)
  const script = await (await fetchHere(src)).text()
  const json = script.replace(/^window\.__remixManifest=/, '').replace(/;\s*$/, '')
  const manifest = JSON.parse(json) as { routes: Record<string, { id: string; path?: string; index?: boolean; parentId?: string; hasAction: boolean; hasLoader: boolean }> }
  const all = manifest.routes
  const fullPath = (id: string): string => {
    const route = all[id]
    const parent = route.parentId ? fullPath(route.parentId) : ''
    return [parent, route.path ?? ''].filter(Boolean).join('/')
  }
  return Object.values(all)
    .filter((r) => r.id !== 'root')
    .map((r) => ({ id: r.id, path: fullPath(r.id), hasAction: r.hasAction, hasLoader: r.hasLoader }))
}

/** The demo records that path parameters name, found through the pages a user would click. */
export type Fixtures = Record<string, string>

export async function findFixtures(fetchHere: Fetch, cookie: string): Promise<Fixtures> {
  const firstId = async (page: string, pattern: RegExp) => {
    const html = await (await fetchHere(page, { headers: { Cookie: cookie } })).text()
    const id = html.match(pattern)?.[1]
    if (!id) throw new Error(`Keine Verknüpfung ${pattern} auf ${page}`)
    return id
  }
  const vendor = await firstId('/hersteller', /href="\/hersteller\/(\d+)"/)
  // The demo community has no meeting yet: hold one, as a coordinator would.
  const meeting = await fetchHere('/sitzungen?index', {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ datum: '2026-11-30', titel: 'Sitzung für die Sicherheitstests', zeitraum_ab: '', notizen: '' }).toString(),
  })
  await meeting.arrayBuffer()
  const post = async (path: string, body: URLSearchParams | FormData) => {
    const response = await fetchHere(path, {
      method: 'POST',
      headers: { Cookie: cookie, ...(body instanceof URLSearchParams ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      body: body instanceof URLSearchParams ? body.toString() : body,
      redirect: 'manual',
    })
    return { response, html: await response.text() }
  }
  const found = (html: string, pattern: RegExp, what: string) => {
    const value = html.match(pattern)?.[1]
    if (!value) throw new Error(`${what} nicht gefunden`)
    return value
  }
  // A negotiation of Harburg alone (so Celle's editor may not comment), with one document.
  const created = await post('/verhandlungen?index', new URLSearchParams({ hersteller: vendor, schnittstellenstandard: 'XSicherheit 1.0', kreise: '03353', stufe: '' }))
  const negotiation = found(created.response.headers.get('Location') ?? '', /^\/verhandlungen\/(\d+)/, `Neue Verhandlung (${created.response.status})`)
  const upload = new FormData()
  upload.append('intent', 'dokument')
  upload.append('dokument', new File(['%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'], 'angebot.pdf', { type: 'application/pdf' }))
  await post(`/verhandlungen/${negotiation}`, upload)
  const negotiationPage = await (await fetchHere(`/verhandlungen/${negotiation}`, { headers: { Cookie: cookie } })).text()
  const meetingId = await firstId('/sitzungen', /href="\/sitzungen\/(\d+)"/)
  // An open to-do of Harburg, so /aufgaben shows a form (and Celle may not tick it off).
  await post(`/sitzungen/${meetingId}`, new URLSearchParams({ intent: 'aufgabe', aufgabe: 'Sicherheitstest-Aufgabe', verantwortlich_kreis: '03353', faellig_am: '2027-01-15' }))
  // Without SMTP the admin sees the one-time links to hand over: an invitation and a reset.
  const invited = await post('/admin/benutzer?index', new URLSearchParams({ intent: 'einladen', email: 'eingeladen-sicherheit@demo.invalid', name: 'Sicherheitstest', role: 'viewer', kreis: '' }))
  const admin = await firstId('/admin/benutzer', /href="\/admin\/benutzer\/(\d+)"/)
  const reset = await post(`/admin/benutzer/${admin}`, new URLSearchParams({ intent: 'link' }))
  return {
    ags: '03351',
    ozgId: '10520',
    verhandlungen: negotiation,
    docId: found(negotiationPage, /href="\/verhandlungen\/\d+\/dokumente\/(\d+)"/, 'Dokument der Verhandlung'),
    token: found(invited.html, /\/einladung\/([\w-]+)/, `Einladungslink (${invited.response.status})`),
    resetToken: found(reset.html, /\/passwort-neu\/([\w-]+)/, `Link zum neuen Passwort (${reset.response.status})`),
    hersteller: vendor,
    fvId: await firstId(`/hersteller/${vendor}`, /href="\/hersteller\/\d+\/fachverfahren\/(\d+)"/),
    'online-dienste': await firstId('/online-dienste', /href="\/online-dienste\/(\d+)"/),
    sitzungen: meetingId,
    admin: await firstId('/admin/benutzer', /href="\/admin\/benutzer\/(\d+)"/),
    '*': 'gibt-es-nicht',
  }
}

/** The path's parameters (`:id`, `:ags`, `*`) filled from the fixtures, or each with `replace`. */
export function fillPath(path: string, fixtures: Fixtures, replace?: (param: string) => string | undefined): string {
  const section = path.split('/')[0]
  return (
    '/' +
    path
      .split('/')
      .map((segment) => {
        if (segment === '*') return replace?.('*') ?? fixtures['*']
        if (!segment.startsWith(':')) return segment
        const name = segment.slice(1)
        const value = replace?.(name) ?? (name === 'id' ? fixtures[section] : name === 'token' && section === 'passwort-neu' ? fixtures.resetToken : fixtures[name])
        if (value === undefined) throw new Error(`Kein Wert für :${name} in ${path}: ergänzen Sie findFixtures`)
        return value
      })
      .join('/')
  )
}

/** The path parameters that are database ids (integers), as opposed to keys like AGS or OZG-ID. */
export function idParams(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s.startsWith(':'))
    .map((s) => s.slice(1))
    .filter((name) => name === 'id' || name.endsWith('Id') && name !== 'ozgId')
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
const attr = (tag: string, name: string) => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`, 'i'))
  return m ? decode(m[1]) : undefined
}

/** The post forms of a page (not the header's sign-out), with fields as the browser would send them. */
export function postForms(html: string): PageForm[] {
  return pageForms(html, 'post')
}

/** The forms of a page with the given method: post forms, or get forms (filters, search). */
export function pageForms(html: string, method: 'get' | 'post'): PageForm[] {
  const forms: PageForm[] = []
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, open, inner] = match
    if ((attr(open, 'method') ?? 'get').toLowerCase() !== method) continue
    const action = attr(open, 'action') ?? ''
    if (action === '/abmelden') continue
    const fields: FormField[] = []
    for (const m of inner.matchAll(/<(input|textarea|select)\b([^>]*)>(?:([\s\S]*?)<\/\1>)?/g)) {
      const [, tag, attrs, body = ''] = m
      const name = attr(attrs, 'name')
      if (!name) continue
      if (tag === 'textarea') fields.push({ name, kind: 'textarea', type: 'textarea', value: decode(body) })
      else if (tag === 'select') {
        const options = [...body.matchAll(/<option\b([^>]*)>/g)].map((o) => o[1])
        const chosen = options.find((o) => /\sselected=""/.test(o)) ?? options[0]
        fields.push({ name, kind: 'select', type: 'select', value: chosen ? (attr(chosen, 'value') ?? '') : '', options: options.map((o) => attr(o, 'value') ?? '') })
      } else {
        const type = (attr(attrs, 'type') ?? 'text').toLowerCase()
        // Kept (marked) so that a test can tick a box as a user would; never sent as it is.
        if ((type === 'checkbox' || type === 'radio') && !/\schecked=""/.test(attrs)) {
          fields.push({ name, kind: 'other', type, value: attr(attrs, 'value') ?? 'on', unchecked: true })
          continue
        }
        if (type === 'submit' || type === 'button') continue
        const kind = type === 'hidden' ? 'hidden' : type === 'file' ? 'file' : ['text', 'search', 'email', 'url', 'password', 'tel'].includes(type) ? 'text' : 'other'
        fields.push({ name, kind, type, value: attr(attrs, 'value') ?? '' })
      }
    }
    forms.push({ action, multipart: /multipart\/form-data/i.test(open), fields })
  }
  return forms
}

// Values a person would type into an empty required field, so a post is a real attempt rather
// than one the validation alone refuses.
const TYPED: Record<string, string> = {
  name: 'Sicherheitstest',
  titel: 'Sicherheitstest',
  anbieter: 'Sicherheitstest',
  datum: '2026-12-01',
  email: 'sicherheitstest@demo.invalid',
  password: 'Sicherheitstest-Passwort-1',
}

/** The form as a user would change it: free-text notes set, empty required names filled in, a file chosen. */
export function plausibleForm(form: PageForm, file: File, marker = 'Sicherheitstest'): FormData {
  const data = new FormData()
  for (const field of form.fields) {
    if (field.unchecked) continue
    if (field.kind === 'file') data.append(field.name, file)
    else if (field.kind === 'textarea' || /^notiz/.test(field.name) || field.name === 'kommentar') data.append(field.name, marker)
    else if (field.value === '' && TYPED[field.name]) data.append(field.name, TYPED[field.name])
    else data.append(field.name, field.value)
  }
  return data
}

/** A FormData as the body the form's encoding prescribes. */
export function encodeForm(form: PageForm, data: FormData): { body: BodyInit; headers: Record<string, string> } {
  if (form.multipart) return { body: data, headers: {} }
  const params = new URLSearchParams()
  for (const [name, value] of data) params.append(name, typeof value === 'string' ? value : value.name)
  return { body: params.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }
}
