// Keeping a county's status current, in Chromium. Rows used here (Celle 10530–10534, Harburg
// 10531, funding of Celle's own rows) are not relied on by other test files.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseURL, expectNoA11yViolations, launchBrowser, login, newContext, openSections } from './support'

async function loggedIn(browser: Browser, email: string, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await newContext(browser, options)
  const page = await context.newPage()
  await login(page, email)
  return { context, page }
}

/** The row form keeps Fachverfahren/Schnittstelle and Finanzierung/Kontakt in closed sections. */

async function save(page: Page) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Speichern', exact: true }).click()])
  await page.waitForLoadState('networkidle').catch(() => {})
}

describe('editing status rows in Chromium', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
  })

  it('the Celle editor changes a row and sees it on the county page and in the history', async () => {
    const { context, page } = await loggedIn(browser, 'celle@demo.invalid')
    contexts.push(context)
    await page.goto('/kreise/03351')
    await expect(page.getByRole('heading', { level: 1, name: 'Celle' }).isVisible()).resolves.toBe(true)
    await expect(page.getByText('Durchschnitt:').first().isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)

    await page.goto('/kreise/03351/leistungen/10530')
    await expectNoA11yViolations(page)
    await openSections(page)
    await page.getByLabel('Kontakt').fill('Fachdienst Test, Tel. 05141 123')
    await page.getByLabel('Schnittstellenstatus').selectOption('in_verhandlung')
    await page.getByLabel('Kommentar zur Änderung (optional)').fill('E2E: Verhandlung begonnen')
    await save(page)
    await page.getByText('Ihre Änderungen sind gespeichert.').waitFor()
    const history = page.getByRole('table').filter({ hasText: 'Wann' })
    await expect(history.getByText('E2E: Verhandlung begonnen').isVisible()).resolves.toBe(true)
    await expect(history.getByText(/Schnittstellenstatus: .* → In Verhandlung/).first().isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)

    await page.goto('/kreise/03351?schnittstellenstatus=in_verhandlung&q=10530')
    const row = page.getByRole('row').filter({ hasText: '10530' })
    await expect(row.getByText('In Verhandlung').isVisible()).resolves.toBe(true)
    await expect(page.getByRole('region', { name: 'Letzte Änderungen' }).or(page.locator('section', { hasText: 'Letzte Änderungen' })).first().getByText('10530').first().isVisible()).resolves.toBe(true)
  })

  it('the Celle editor cannot change a Harburg row: no form, and a forged POST gets 403', async () => {
    const { context, page } = await loggedIn(browser, 'celle@demo.invalid')
    contexts.push(context)
    await page.goto('/kreise/03353/leistungen/10531')
    await expect(page.getByRole('button', { name: 'Speichern', exact: true }).count()).resolves.toBe(0)
    await expect(page.getByText('Sie können diese Zeile lesen, aber nicht ändern').isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)
    const versionBefore = await page.getByText(/Version \d+/).first().textContent()
    const response = await page.request.post('/kreise/03353/leistungen/10531', {
      headers: { Origin: baseURL() },
      form: { umsetzungsweg: 'offen', fortschritt: 'geplant', notiz: 'von Celle', version: '1' },
      maxRedirects: 0,
    })
    expect(response.status()).toBe(403)
    expect(await response.text()).toContain('eigenen Kreises')
    await page.reload()
    expect(await page.getByText(/Version \d+/).first().textContent()).toBe(versionBefore)
    await expect(page.getByText('von Celle').count()).resolves.toBe(0)
  })

  it('two people edit one row: the second gets the conflict and loses nothing', async () => {
    const first = await loggedIn(browser, 'celle@demo.invalid')
    const second = await loggedIn(browser, 'koordination@demo.invalid')
    contexts.push(first.context, second.context)
    await first.page.goto('/kreise/03351/leistungen/10532')
    await second.page.goto('/kreise/03351/leistungen/10532')

    await openSections(first.page)
    await openSections(second.page)
    await first.page.getByLabel('Anträge pro Jahr').fill('4321')
    await save(first.page)
    await first.page.getByText('Ihre Änderungen sind gespeichert.').waitFor()

    await second.page.getByLabel('Notiz', { exact: true }).fill('Notiz der Koordination')
    await second.page.getByLabel('Kommentar zur Änderung (optional)').fill('Zweiter Stand')
    await save(second.page)
    await second.page.getByText('Diese Zeile wurde inzwischen geändert').waitFor()
    await expectNoA11yViolations(second.page)
    // The other person's change is shown and merged in; the second person's input is kept.
    const conflictTable = second.page.getByRole('table', { name: 'Was die andere Person geändert hat' })
    await expect(conflictTable.getByText('Anträge pro Jahr').isVisible()).resolves.toBe(true)
    await expect(conflictTable.getByText('4321').isVisible()).resolves.toBe(true)
    expect(await second.page.getByLabel('Notiz', { exact: true }).inputValue()).toBe('Notiz der Koordination')
    expect(await second.page.getByLabel('Anträge pro Jahr').inputValue()).toBe('4321')
    expect(await second.page.getByLabel('Kommentar zur Änderung (optional)').inputValue()).toBe('Zweiter Stand')

    await save(second.page)
    await second.page.getByText('Ihre Änderungen sind gespeichert.').waitFor()
    expect(await second.page.getByLabel('Notiz', { exact: true }).inputValue()).toBe('Notiz der Koordination')
    expect(await second.page.getByLabel('Anträge pro Jahr').inputValue()).toBe('4321')
  })

  it('a bad submission shows the messages beside the fields and in a summary, keeping the input', async () => {
    const { context, page } = await loggedIn(browser, 'celle@demo.invalid')
    contexts.push(context)
    await page.goto('/kreise/03351/leistungen/10533')
    await openSections(page)
    await page.getByLabel('Umsetzungsweg').selectOption('offen')
    await page.getByLabel('Fortschritt').selectOption('online')
    await page.getByLabel('Einmalkosten (EUR)').fill('-12,50')
    await page.getByLabel('Online seit').fill('31.02.2024')
    await page.getByLabel('Notiz', { exact: true }).fill('bleibt erhalten')
    await save(page)
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie die markierten Angaben' })
    await summary.waitFor()
    await expect(summary.getByText('Der Betrag darf nicht negativ sein.').isVisible()).resolves.toBe(true)
    await expect(summary.getByText(/Dieses Datum gibt es nicht/).isVisible()).resolves.toBe(true)
    await expect(page.locator('#einmalkosten_eur-error').textContent()).resolves.toContain('nicht negativ')
    // All in one pass: the rule between Umsetzungsweg and Fortschritt speaks up at once, on the
    // Umsetzungsweg (the row says "online", so that is what cannot be right).
    await expect(summary.getByText(/nur mit dem Umsetzungsweg/).isVisible()).resolves.toBe(true)
    await expect(page.locator('#umsetzungsweg-error').textContent()).resolves.toContain('nur mit dem Umsetzungsweg')
    expect(await page.getByLabel('Notiz', { exact: true }).inputValue()).toBe('bleibt erhalten')
    expect(await page.getByLabel('Einmalkosten (EUR)').inputValue()).toBe('-12,50')
    await expectNoA11yViolations(page)

    // Fix the values: the cross-field rule is still there, and only it.
    await page.getByLabel('Einmalkosten (EUR)').fill('12,50')
    await page.getByLabel('Online seit').fill('')
    await save(page)
    // The answer has arrived once the amount's message is gone.
    await page.locator('#einmalkosten_eur-error').waitFor({ state: 'detached' })
    await expect(page.locator('#umsetzungsweg-error').textContent()).resolves.toContain('nur mit dem Umsetzungsweg')
  })

  it('a viewer cannot change anything', async () => {
    const { context, page } = await loggedIn(browser, 'leitung@demo.invalid')
    contexts.push(context)
    await page.goto('/kreise/03351')
    await expect(page.getByRole('button', { name: 'Ausgewählte Zeilen ändern' }).count()).resolves.toBe(0)
    await expect(page.getByRole('button', { name: 'Basisdienste speichern' }).count()).resolves.toBe(0)
    await expect(page.getByRole('checkbox').count()).resolves.toBe(0)
    await expectNoA11yViolations(page)
    await page.goto('/kreise/03351/leistungen/10530')
    await expect(page.getByRole('button', { name: 'Speichern', exact: true }).count()).resolves.toBe(0)
    await expectNoA11yViolations(page)
    const response = await page.request.post('/kreise/03351', { headers: { Origin: baseURL() }, form: { intent: 'sammelaenderung', umfang: 'filter', bestaetigen: 'ja' }, maxRedirects: 0 })
    expect(response.status()).toBe(403)
    const admin = await page.request.get('/admin/benutzer', { maxRedirects: 0 })
    expect(admin.status()).toBe(403)
  })

  it('the Celle editor changes 50 rows at once; each lands in its history', async () => {
    const { context, page } = await loggedIn(browser, 'celle@demo.invalid')
    contexts.push(context)
    await page.goto('/kreise/03351?umsetzungsweg=eigen')
    const boxes = page.locator('tbody input[type="checkbox"][name="ids"]')
    await expect(boxes.count()).resolves.toBe(50)
    for (let i = 0; i < 50; i++) await boxes.nth(i).check()
    const firstService = (await page.locator('tbody tr:has(input[name="ids"])').first().locator('th a').textContent())!
    // The bulk fields open from the sticky bar that appears once rows are ticked.
    await page.getByText('50 ausgewählt –').waitFor()
    await page.getByRole('button', { name: 'Werte setzen' }).click()
    await page.getByLabel('Finanzierung setzen').selectOption('community_umlage')
    // With the confirmation every selected row changes, also those already on this funding.
    await page.getByLabel('Als aktuell bestätigen').check()
    await page.getByLabel('Kommentar (optional, steht in der Historie jeder Zeile)').fill('E2E: Umlage beschlossen')
    await Promise.all([page.waitForURL(/geaendert=/), page.getByRole('button', { name: 'Ausgewählte Zeilen ändern' }).click()])
    await page.getByText('50 Zeilen geändert').waitFor()
    await expectNoA11yViolations(page)
    await Promise.all([page.waitForURL(/\/leistungen\/\d{5}/), page.getByRole('link', { name: firstService }).first().click()])
    const history = page.getByRole('table').filter({ hasText: 'Wann' })
    await history.getByText('E2E: Umlage beschlossen').first().waitFor()
    await expect(history.getByText('Sammeländerung').first().isVisible()).resolves.toBe(true)
  })

  it('works without JavaScript: edit a row and confirm rows of a filter', async () => {
    // axe needs script injection, which is off here; the same pages are scanned in the tests above.
    const { context, page } = await loggedIn(browser, 'celle@demo.invalid', { javaScriptEnabled: false })
    contexts.push(context)
    await page.goto('/kreise/03351/leistungen/10534')
    await page.getByLabel('Zieltermin').fill('30.06.2027')
    await page.getByRole('button', { name: 'Speichern', exact: true }).click()
    await page.getByText('Ihre Änderungen sind gespeichert.').waitFor()
    expect(await page.getByLabel('Zieltermin').inputValue()).toBe('30.06.2027')

    await page.goto('/kreise/03351')
    await page.getByLabel('Suche (Name oder OZG-ID)').fill('10534')
    await page.getByRole('button', { name: 'Filtern' }).click()
    await page.waitForURL(/q=10534/)
    await page.getByLabel('Alle Zeilen dieses Filters (1 Zeile, alle Seiten)').check()
    await page.getByLabel('Als aktuell bestätigen').check()
    await page.getByRole('button', { name: 'Ausgewählte Zeilen ändern' }).click()
    await page.getByText('1 Zeile geändert').waitFor()
  })
})
