import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseURL, expectNoA11yViolations, launchBrowser, login, newContext } from './support'

describe('foundation pages in Chromium', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    browser = await launchBrowser()
    context = await newContext(browser)
    page = await context.newPage()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('sends an anonymous visitor to the login page and back after login', async () => {
    await page.goto('/kreise')
    expect(new URL(page.url()).pathname).toBe('/anmelden')
    await expect(page.getByRole('heading', { name: 'Anmelden' }).isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)
    await page.getByLabel('E-Mail-Adresse').fill('leitung@demo.invalid')
    await page.getByLabel('Passwort').fill('ozg-radar-demo')
    await Promise.all([page.waitForURL(`${baseURL()}/kreise`), page.getByRole('button', { name: 'Anmelden' }).click()])
  })

  it('rejects a wrong password with a German message', async () => {
    const other = await newContext(browser)
    const p = await other.newPage()
    await p.goto('/anmelden')
    await p.getByLabel('E-Mail-Adresse').fill('leitung@demo.invalid')
    await p.getByLabel('Passwort').fill('falsches-passwort')
    await p.getByRole('button', { name: 'Anmelden' }).click()
    await p.getByText('E-Mail-Adresse oder Passwort sind falsch').first().waitFor()
    expect(await p.getByLabel('E-Mail-Adresse').inputValue()).toBe('leitung@demo.invalid')
    await other.close()
  })

  it('shows the overview with navigation, skip link and demo marker', async () => {
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' }).isVisible()).resolves.toBe(true)
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' })
    for (const name of ['Übersicht', 'Kreise', 'Leistungen', 'Matrix', 'Sitzungen']) {
      await expect(nav.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true)
    }
    await expect(page.getByRole('link', { name: 'Zum Inhalt springen' }).count()).resolves.toBe(1)
    await expect(page.getByText('Demodaten').first().isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)
  })

  it('lists the 16 demo counties whose counts add up to 557 each', async () => {
    await page.goto('/kreise')
    const rows = page.locator('table tbody tr')
    await expect(rows.count()).resolves.toBe(16)
    const sums = await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => Number.parseInt(td.textContent ?? '', 10))
        // columns: Art, Online, Quote, Eigen, EfA, Offen, Nicht zuständig, Gesamt
        return { parts: cells[3] + cells[4] + cells[5] + cells[6], total: cells[7] }
      }),
    )
    for (const sum of sums) expect(sum).toEqual({ parts: 557, total: 557 })
    await expect(page.getByRole('link', { name: 'Celle' }).isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)
  })

  it('finds services by name and by LeiKa key', async () => {
    await page.goto('/leistungen?q=Baugenehmigung')
    await expect(page.getByRole('link', { name: 'Bauvorbescheid und Baugenehmigung' }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole('cell', { name: '10519' }).isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)

    await page.goto('/leistungen')
    await page.getByLabel('Suchbegriff').fill('99003002000000')
    await page.getByRole('button', { name: 'Suchen' }).click()
    // Remix renders the new data in a transition, just after the URL changes: wait for the text.
    await page.getByText('1 Leistung gefunden').waitFor()
    expect(new URL(page.url()).searchParams.get('q')).toBe('99003002000000')
  })

  it('answers a bad filter with a German message and keeps the form', async () => {
    const response = await page.goto('/leistungen?themenfeld=abc&q=Bau')
    expect(response?.status()).toBe(400)
    await expect(page.getByText('Wählen Sie ein Themenfeld aus der Liste.').isVisible()).resolves.toBe(true)
    expect(await page.getByLabel('Suchbegriff').inputValue()).toBe('Bau')
    await expectNoA11yViolations(page)
  })

  it('shows a German 404 page for an unknown address', async () => {
    const response = await page.goto('/gibt-es-nicht')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { name: 'Seite nicht gefunden' }).isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)
  })
})
