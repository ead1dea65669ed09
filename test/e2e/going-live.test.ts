// Going live (issue 12), as a real community would: an empty PostgreSQL database without demo
// data (PGlite in a temporary directory when TEST_DATABASE_URL is not set), the first accounts
// from the command line, counties from the register and a CSV, an invitation that arrives at a
// real SMTP server, the invited editor's first change, an applicability override whose effect
// on the quotas is counted by hand, and a county that leaves and comes back with its history.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpServer, type TestMailbox } from '../support/smtp'
import { createServerDatabase, startServer, type RunningServer } from '../support/server'
import { expectNoA11yViolations, launchBrowser, login, openSections } from './support'

const ADMIN = { email: 'it@kreis-celle.example', password: 'erstes Admin-Passwort' }
const COORDINATOR = { email: 'koordination@community.example', password: 'Koordination 2025!' }
const EDITOR = { email: 'egov@kreis-celle.example', password: 'mein neues Passwort' }

// Hand count from seeds/reference: 404 of the 557 services are municipal by their LeiKa type; in
// Lower Saxony a Landkreis loses Meldewesen (3), Pass- und Personalausweiswesen (3) and the
// Gewerberegister (1) and gains Schülerbeförderung, Baulastenverzeichnis, Bauvorhabensabnahme
// and Abbruchgenehmigung (4): 401. Taking Schülerbeförderung away for the community: 400.
const APPLICABLE_NI_LANDKREIS = 401
const SERVICES = 557
// The operator's environment: the CLI and the server read the same settings.
const SESSION_SECRET = randomBytes(24).toString('hex')

function dbEnv(database: { url?: string; dir?: string }): Record<string, string> {
  return database.url ? { DATABASE_URL: database.url } : { DATABASE_URL: '', PGLITE_DIR: database.dir! }
}

function createUserByCli(database: { url?: string; dir?: string }, user: { email: string; password: string }, role: string) {
  const { VITEST: _vitest, ...rest } = process.env
  const result = spawnSync('npx', ['tsx', 'scripts/user-create.ts', '--email', user.email, '--role', role, '--password', user.password], {
    encoding: 'utf8',
    env: { ...rest, NODE_ENV: 'production', DEMO_DATA: 'false', SESSION_SECRET, ...dbEnv(database) },
  })
  if (result.status !== 0) throw new Error(`user:create fehlgeschlagen:\n${result.stdout}\n${result.stderr}`)
  return result.stdout
}

async function applicableOf(page: Page, ags: string) {
  await page.goto(`/kreise/${ags}`)
  const text = await page
    .locator('.kpi')
    .filter({ has: page.locator('dt', { hasText: /^Zuständige Leistungen$/ }) })
    .locator('dd')
    .textContent()
  return Number(/^\s*([\d.]+)/.exec(text ?? '')![1].replace('.', ''))
}

async function submit(page: Page, name: string) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()])
  await page.waitForLoadState('networkidle').catch(() => {})
}

describe('going live on an empty database', () => {
  let browser: Browser
  let server: RunningServer
  let mailbox: TestMailbox
  const contexts: BrowserContext[] = []
  let dropDatabase = async () => {}
  let dataDir: string | undefined

  beforeAll(async () => {
    const database: { url?: string; dir?: string } = {}
    if (process.env.TEST_DATABASE_URL) {
      const created = await createServerDatabase()
      database.url = created.url
      dropDatabase = created.drop
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'ozg-radar-live-'))
      database.dir = dataDir
    }
    // The command line comes first: that is all a fresh installation offers.
    expect(createUserByCli(database, ADMIN, 'admin')).toContain(`Konto ${ADMIN.email} (admin) angelegt`)
    createUserByCli(database, COORDINATOR, 'coordinator')

    mailbox = await startSmtpServer()
    server = await startServer(database.url ? { engine: 'postgres', databaseUrl: database.url } : { engine: 'pglite', dataDir: database.dir! }, {
      DEMO_DATA: 'false',
      SESSION_SECRET,
      SMTP_URL: mailbox.url,
      MAIL_FROM: 'OZG-Radar <radar@community.example>',
    })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await server?.stop()
    if (process.env.E2E_SERVER_LOG) console.log(server?.log())
    await mailbox?.close()
    await dropDatabase()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  async function signedIn(user: { email: string; password: string }) {
    const context = await browser.newContext({ baseURL: server.baseURL, locale: 'de-DE' })
    contexts.push(context)
    const page = await context.newPage()
    await login(page, user.email, user.password)
    return page
  }

  let admin: Page
  let inviteLink: string

  it('the admin names the community and adds three counties from the register and one by CSV', async () => {
    admin = await signedIn(ADMIN)
    await admin.goto('/admin/kreise')
    await expect(admin.getByText('Noch kein Kreis ist Mitglied.').isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(admin)

    await admin.getByRole('textbox', { name: 'Name der Community' }).fill('OpenR@thaus')
    await submit(admin, 'Namen speichern')
    await admin.getByText('Der Name der Community ist gespeichert.').waitFor()
    await expect(admin.locator('header').getByText('OpenR@thaus').isVisible()).resolves.toBe(true)

    await admin.getByLabel('Land', { exact: true }).selectOption('Niedersachsen')
    await submit(admin, 'Im Verzeichnis suchen')
    for (const name of ['Celle', 'Harburg', 'Wolfenbüttel']) await admin.getByLabel(name, { exact: true }).check()
    await expectNoA11yViolations(admin)
    await submit(admin, 'Ausgewählte Kreise aufnehmen')
    await admin.getByText(`3 Kreise aufgenommen, ${3 * SERVICES} Zeilen zum Umsetzungsstand angelegt.`).waitFor()

    // A wrong CSV names its line and changes nothing.
    await admin.getByLabel('CSV-Datei mit Kreisschlüsseln').setInputFiles({ name: 'kreise.csv', mimeType: 'text/csv', buffer: Buffer.from('ags\n03251\n03251\n') })
    await submit(admin, 'Kreise aus der Datei aufnehmen')
    await admin.getByText('Zeile 3: Der AGS 03251 steht schon in Zeile 2.').waitFor()
    await expectNoA11yViolations(admin)

    await admin.getByLabel('CSV-Datei mit Kreisschlüsseln').setInputFiles({ name: 'kreise.csv', mimeType: 'text/csv', buffer: Buffer.from('ags\n03251\n') })
    await submit(admin, 'Kreise aus der Datei aufnehmen')
    await admin.getByText(`1 Kreis aufgenommen, ${SERVICES} Zeilen zum Umsetzungsstand angelegt.`).waitFor()
    const members = admin.getByRole('table', { name: 'Aktuelle Mitgliedskreise' })
    for (const name of ['Celle', 'Diepholz', 'Harburg', 'Wolfenbüttel']) await expect(members.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true)
  })

  it('invites an editor; the mail arrives, the link sets a password and the editor changes a row of Celle', async () => {
    await admin.goto('/admin/benutzer')
    await admin.getByLabel('E-Mail-Adresse der Person').fill(EDITOR.email)
    await admin.getByLabel('Rolle der Person').selectOption('editor')
    await admin.getByLabel('Kreis der Person').selectOption('03351')
    await submit(admin, 'Einladung senden')
    await admin.getByText(`Die Einladung an ${EDITOR.email} ist per E-Mail verschickt.`).waitFor()
    await expectNoA11yViolations(admin)

    const mail = await mailbox.waitFor(EDITOR.email)
    expect(mail.subject).toBe('Einladung zu OZG-Radar – OpenR@thaus')
    expect(mail.from?.text).toContain('radar@community.example')
    inviteLink = /https?:\/\/\S+\/einladung\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')![0]
    expect(mail.html).toContain(inviteLink)

    const context = await browser.newContext({ baseURL: server.baseURL, locale: 'de-DE' })
    contexts.push(context)
    const editor = await context.newPage()
    await editor.goto(inviteLink)
    await expect(editor.getByText(`Legen Sie das Passwort für Ihr Konto ${EDITOR.email} fest.`).isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(editor)
    await editor.getByLabel('Neues Passwort', { exact: true }).fill('zu kurz')
    await editor.getByLabel('Neues Passwort wiederholen').fill('zu kurz')
    await submit(editor, 'Passwort festlegen')
    await editor.getByText('Das Passwort braucht mindestens 12 Zeichen.').first().waitFor()
    await editor.getByLabel('Neues Passwort', { exact: true }).fill(EDITOR.password)
    await editor.getByLabel('Neues Passwort wiederholen').fill(EDITOR.password)
    await submit(editor, 'Passwort festlegen')
    await editor.getByText('Ihr Passwort ist gesetzt.').waitFor()

    await login(editor, EDITOR.email, EDITOR.password)
    await editor.goto('/kreise/03351/leistungen/10530')
    await editor.getByLabel('Umsetzungsweg').selectOption('eigen')
    await editor.getByLabel('Fortschritt').selectOption('online')
    await openSections(editor)
    await editor.getByLabel('Kontakt').fill('Fachdienst Bauordnung, Tel. 05141 916-0')
    await editor.getByLabel('Kommentar zur Änderung (optional)').fill('Erste Pflege nach dem Start')
    await submit(editor, 'Speichern')
    await editor.getByText('Ihre Änderungen sind gespeichert.').waitFor()
    await expectNoA11yViolations(editor)

    // A named contact, shown where other members look for someone to ask about reuse.
    await editor.goto('/kreise/03351/kontakte')
    await editor.getByLabel('Name', { exact: true }).fill('Erika Muster')
    await editor.getByLabel('Funktion').fill('OZG-Koordination')
    await editor.getByLabel('E-Mail', { exact: true }).fill('erika.muster@kreis-celle.example')
    await editor.getByLabel('Telefon').fill('05141 916-100')
    await submit(editor, 'Ansprechperson hinzufügen')
    await editor.getByText('Die Ansprechperson ist gespeichert.').waitFor()
    await expectNoA11yViolations(editor)
    await editor.goto('/leistungen/10530')
    const reuse = editor.getByRole('table', { name: /fragen Sie dort nach/ })
    await expect(reuse.getByText('Erika Muster, OZG-Koordination').isVisible()).resolves.toBe(true)
    await expect(reuse.getByRole('link', { name: 'erika.muster@kreis-celle.example' }).isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(editor)

    // The link was used up: it says so and offers the way on.
    await editor.goto(inviteLink)
    await editor.getByText('Diese Einladung wurde schon verwendet.').waitFor()
    await expect(editor.getByRole('link', { name: 'Passwort vergessen? Neuen Link anfordern' }).isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(editor)
  })

  it("a coordinator's applicability override changes the quotas exactly as counted by hand", async () => {
    const coordinator = await signedIn(COORDINATOR)
    for (const ags of ['03351', '03353', '03158', '03251']) expect(await applicableOf(coordinator, ags)).toBe(APPLICABLE_NI_LANDKREIS)
    await expectNoA11yViolations(coordinator)

    await coordinator.goto('/admin/zustaendigkeit')
    await expect(coordinator.getByText('Annahme – bitte bestätigen').first().isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(coordinator)
    await coordinator.getByLabel('OZG-ID der Leistung').fill('10042')
    await coordinator.getByLabel('Nein, nicht zuständig').check()
    await coordinator.getByLabel('Begründung', { exact: true }).fill('Schülerbeförderung übernimmt der Verkehrsverbund (Beschluss der Community)')
    await submit(coordinator, 'Festlegen und anwenden')
    await coordinator.getByText('Angewendet: 0 Zeilen auf „offen“, 4 auf „nicht zuständig“ gesetzt.').waitFor()
    await expectNoA11yViolations(coordinator)

    for (const ags of ['03351', '03353', '03158', '03251']) expect(await applicableOf(coordinator, ags)).toBe(APPLICABLE_NI_LANDKREIS - 1)
    await coordinator.goto('/kreise/03353/leistungen/10042')
    await expect(coordinator.getByText('Schülerbeförderung übernimmt der Verkehrsverbund').first().isVisible()).resolves.toBe(true)
  })

  it('a county that leaves keeps its rows and history and can rejoin', async () => {
    await admin.goto('/admin/kreise')
    await admin.getByLabel('Kreis, der austritt').selectOption('03351')
    await submit(admin, 'Austritt eintragen')
    await admin.getByText('Celle ist ausgetreten. Die Zeilen und ihre Historie bleiben erhalten.').waitFor()
    await expectNoA11yViolations(admin)
    await admin.goto('/kreise')
    await expect(admin.getByRole('link', { name: 'Celle', exact: true }).count()).resolves.toBe(0)
    await expectNoA11yViolations(admin)

    await admin.goto('/admin/kreise?q=Celle')
    await admin.getByLabel('Celle (ehemaliges Mitglied: Wiedereintritt)').check()
    await submit(admin, 'Ausgewählte Kreise aufnehmen')
    await admin.getByText('1 Kreis aufgenommen, 0 Zeilen zum Umsetzungsstand angelegt.').waitFor()
    await admin.goto('/kreise/03351/leistungen/10530')
    const history = admin.getByRole('table').filter({ hasText: 'Wann' })
    await expect(history.getByText('Erste Pflege nach dem Start').isVisible()).resolves.toBe(true)
    expect(await admin.getByLabel('Kontakt').inputValue()).toBe('Fachdienst Bauordnung, Tel. 05141 916-0')
  })

  it('a forgotten password: the same answer for any address, a mailed link, and the new password works', async () => {
    const context = await browser.newContext({ baseURL: server.baseURL, locale: 'de-DE' })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto('/anmelden')
    await page.getByRole('link', { name: 'Passwort vergessen?' }).click()
    await page.getByRole('heading', { level: 1, name: 'Passwort vergessen' }).waitFor()
    await page.getByLabel('E-Mail-Adresse').fill('niemand@kreis-celle.example')
    await submit(page, 'Link anfordern')
    await page.getByText('Wenn es zu niemand@kreis-celle.example ein aktives Konto gibt').waitFor()
    await expectNoA11yViolations(page)

    await page.goto('/passwort-vergessen')
    await page.getByLabel('E-Mail-Adresse').fill(EDITOR.email)
    await submit(page, 'Link anfordern')
    await page.getByText(`Wenn es zu ${EDITOR.email} ein aktives Konto gibt`).waitFor()
    const mail = await mailbox.waitFor(EDITOR.email, /Passwort zurücksetzen/)
    expect(mail.subject).toBe('OZG-Radar: Passwort zurücksetzen')
    const link = /https?:\/\/\S+\/passwort-neu\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')![0]
    await page.goto(link)
    await expectNoA11yViolations(page)
    await page.getByLabel('Neues Passwort', { exact: true }).fill('ein ganz neues Passwort')
    await page.getByLabel('Neues Passwort wiederholen').fill('ein ganz neues Passwort')
    await submit(page, 'Passwort speichern')
    await page.getByText('Ihr Passwort ist gesetzt.').waitFor()
    await login(page, EDITOR.email, 'ein ganz neues Passwort')
    expect(new URL(page.url()).pathname).toBe('/')
    await page.goto(link)
    await page.getByText('Dieser Link wurde schon verwendet.').waitFor()
    await expect(page.getByRole('link', { name: 'Neuen Link anfordern' }).isVisible()).resolves.toBe(true)
  })
})
