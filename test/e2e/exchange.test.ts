// Meetings and data exchange in Chromium. Rows used here (Harburg 10120/10121 edited in the form,
// Celle 10110/10111 changed by import) are not relied on by other test files.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoA11yViolations, launchBrowser, login, newContext, openSections } from './support'

async function loggedIn(browser: Browser, email: string) {
  const context = await newContext(browser)
  const page = await context.newPage()
  await login(page, email)
  return { context, page }
}

const todayIso = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date())
const todayGerman = todayIso.split('-').reverse().join('.')
// The meeting is held in 60 days and reports from today: it never becomes the previous meeting of
// a meeting another test file holds today (coordination.test.ts reads its first-meeting report).
const inSixtyDaysGerman = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(Date.now() + 60 * 86_400_000))

async function changeContact(page: Page, path: string, contact: string) {
  await page.goto(path)
  await openSections(page)
  await page.getByLabel('Kontakt').fill(contact)
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Speichern', exact: true }).click()])
  await page.getByText('Ihre Änderungen sind gespeichert.').waitFor()
}

describe('meetings and data exchange in Chromium', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
  })

  it('a coordinator creates a meeting, an editor changes two rows, the report lists both', async () => {
    const coordinator = await loggedIn(browser, 'koordination@demo.invalid')
    contexts.push(coordinator.context)
    const page = coordinator.page
    await page.goto('/sitzungen')
    await expectNoA11yViolations(page)

    // A bad date first: German message, typed values kept.
    await page.getByLabel('Datum der Sitzung').fill('31.02.2026')
    await page.getByLabel('Titel').fill('E2E-Sitzung Austausch')
    await page.getByRole('button', { name: 'Sitzung anlegen' }).click()
    await page.getByText('Dieses Datum gibt es nicht').first().waitFor()
    expect(await page.getByLabel('Titel').inputValue()).toBe('E2E-Sitzung Austausch')
    await expectNoA11yViolations(page)

    await page.getByLabel('Datum der Sitzung').fill(inSixtyDaysGerman)
    await page.getByLabel('Bericht ab (optional)').fill(todayGerman)
    await Promise.all([page.waitForURL(/\/sitzungen\/\d+$/), page.getByRole('button', { name: 'Sitzung anlegen' }).click()])
    const reportUrl = page.url()
    await page.getByRole('heading', { level: 1, name: 'E2E-Sitzung Austausch' }).waitFor()

    const editor = await loggedIn(browser, 'harburg@demo.invalid')
    contexts.push(editor.context)
    await changeContact(editor.page, '/kreise/03353/leistungen/10120', 'Fachdienst E2E-Sitzung A')
    await changeContact(editor.page, '/kreise/03353/leistungen/10121', 'Fachdienst E2E-Sitzung B')

    await page.goto(reportUrl)
    // Changes are grouped per county: Harburg's table.
    const changed = page.getByRole('table', { name: /Geänderte Zeilen in Harburg/ })
    for (const ozgId of ['10120', '10121']) {
      const row = changed.getByRole('row').filter({ hasText: ozgId })
      await expect(row.count()).resolves.toBe(1)
      await expect(row.getByText('Kontakt').isVisible()).resolves.toBe(true)
    }
    await page.locator('[data-chart-ready="true"]').first().waitFor()
    await expectNoA11yViolations(page)

    // The exports carry the same rows.
    const markdown = await page.request.get(`${reportUrl}/markdown`)
    expect(markdown.status()).toBe(200)
    expect(await markdown.text()).toMatch(/Harburg: 10120 /)
    const csv = await page.request.get(`${reportUrl}/csv`)
    expect(await csv.text()).toMatch(/geaendert;03353;Harburg;10121;/)

    // A viewer reads the report but gets no form.
    const viewer = await loggedIn(browser, 'leitung@demo.invalid')
    contexts.push(viewer.context)
    await viewer.page.goto(reportUrl)
    await expect(viewer.page.getByText('Sitzung bearbeiten').count()).resolves.toBe(0)
    await viewer.page.goto('/sitzungen')
    await expect(viewer.page.getByRole('button', { name: 'Sitzung anlegen' }).count()).resolves.toBe(0)
  })

  it('an editor imports a CSV written the way German Excel writes it, sees the preview, then the changes', async () => {
    const { context, page } = await loggedIn(browser, 'celle@demo.invalid')
    contexts.push(context)
    await page.goto('/import')
    await expectNoA11yViolations(page)

    // Start from the county's own export, as a user would, and edit two rows "in Excel".
    const exported = await page.request.get('/export?format=csv&kreis=03351')
    expect(exported.status()).toBe(200)
    expect(exported.headers()['content-type']).toContain('text/csv')
    const text = (await exported.body()).toString('utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).split('\r\n').filter(Boolean)
    const header = lines[0].split(';')
    const col = (name: string) => header.indexOf(name)
    const isoToGerman = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v.split('-').reverse().join('.') : v)
    const chosen = lines.slice(1).filter((l) => /^03351;[^;]*;1011[01];/.test(l))
    expect(chosen).toHaveLength(2)
    expect(chosen.join('')).not.toContain('"')
    const edited = chosen.map((line, i) => {
      // Excel shows ISO dates as dd.mm.yyyy and writes them back that way.
      const cells = line.split(';').map(isoToGerman)
      cells[col('zieltermin')] = `31.12.202${7 + i}`
      cells[col('einmalkosten_eur')] = i === 0 ? '1.500,00' : '250,5'
      cells[col('kontakt')] = `Import E2E ${i + 1}`
      return cells.join(';')
    })
    const file = '\uFEFF' + [lines[0], ...edited].join('\r\n') + '\r\n'

    await page.getByLabel('Datei (CSV oder XLSX)').setInputFiles({ name: 'Celle Excel.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') })
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click()
    await page.getByRole('heading', { name: 'Vorschau: Celle Excel.csv' }).waitFor()
    const changes = page.getByRole('table', { name: /Änderungen, die der Import vornehmen würde/ })
    await expect(changes.getByRole('row').filter({ hasText: '10110' }).getByText('Kontakt:').isVisible()).resolves.toBe(true)
    await expect(changes.getByText('Zieltermin: ', { exact: false }).first().isVisible()).resolves.toBe(true)
    await expect(changes.getByText(/Einmalkosten \(EUR\): .* → 1\.500,00 EUR/).isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)

    await page.getByRole('button', { name: 'Import übernehmen' }).click()
    await page.getByRole('heading', { name: 'Import übernommen: Celle Excel.csv' }).waitFor()
    await expect(page.getByText('2 Zeilen übernommen').isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)

    // The change is in the row and in its history, with the file name as comment.
    await page.goto('/kreise/03351/leistungen/10111')
    expect(await page.getByLabel('Kontakt').inputValue()).toBe('Import E2E 2')
    await expect(page.getByText('Import Celle Excel.csv').first().isVisible()).resolves.toBe(true)

    // The same file again: nothing left to apply.
    await page.goto('/import')
    await page.getByLabel('Datei (CSV oder XLSX)').setInputFiles({ name: 'Celle Excel.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') })
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click()
    await page.getByText('Die Datei stimmt mit dem gespeicherten Stand überein').waitFor()
  })

  it('an editor’s file with another county’s row is refused, with the reason in German', async () => {
    const { context, page } = await loggedIn(browser, 'celle@demo.invalid')
    contexts.push(context)
    const exported = (await (await page.request.get('/export?format=csv&kreis=03353')).body()).toString('utf8')
    const [header, first] = exported.slice(1).split('\r\n')
    await page.goto('/import')
    await page.getByLabel('Datei (CSV oder XLSX)').setInputFiles({ name: 'fremd.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${header}\r\n${first}\r\n`, 'utf8') })
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click()
    await page.getByText('Datei abgelehnt', { exact: true }).waitFor()
    await expect(page.getByText(/Zeilen anderer Kreise/).isVisible()).resolves.toBe(true)
    await expect(page.getByRole('button', { name: 'Import übernehmen' }).count()).resolves.toBe(0)
    await expectNoA11yViolations(page)
  })

  it('the profile page creates a token shown once; the API answers 401 without and 200 with it', async () => {
    const { context, page } = await loggedIn(browser, 'leitung@demo.invalid')
    contexts.push(context)
    await page.goto('/profil')
    await expectNoA11yViolations(page)
    await page.getByLabel('Name des neuen Tokens').fill('E2E-Auswertung')
    await page.getByRole('button', { name: 'Token erstellen' }).click()
    const tokenInput = page.getByLabel('Neuer Token')
    await tokenInput.waitFor()
    const token = await tokenInput.inputValue()
    expect(token).toMatch(/^ozgr_/)
    await expectNoA11yViolations(page)

    const anonymous = await context.request.get('/api/v1/counties', { headers: { Cookie: '' } })
    expect(anonymous.status()).toBe(401)
    const authed = await context.request.get('/api/v1/summary', { headers: { Authorization: `Bearer ${token}` } })
    expect(authed.status()).toBe(200)
    expect((await authed.json()).counties).toHaveLength(16)

    await page.reload()
    await expect(page.getByLabel('Neuer Token').count()).resolves.toBe(0)
    await page.getByRole('button', { name: /Widerrufen \(Token „E2E-Auswertung“\)/ }).click()
    await page.getByText('Der Token wurde widerrufen').waitFor()
    const revoked = await context.request.get('/api/v1/counties', { headers: { Authorization: `Bearer ${token}` } })
    expect(revoked.status()).toBe(401)
  })
})
