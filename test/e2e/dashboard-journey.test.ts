// The county manager's job on the dashboard, by keyboard and on small screens: the own county's
// place within a few key presses, focus on the main heading after sign-in and page changes, the
// rows behind each tile and a calm 404 (axe and reflow at 1280, 390 and 320 px for the sign-in
// page, the dashboard of an editor and of county management, and the 404: ./page-sweep.ts).
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, launchBrowser, login, newContext, gotoHydrated } from './support'

/** The focused element's visible text (or label) and tag. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return { tag: el?.tagName.toLowerCase() ?? '', text: (el?.innerText || el?.getAttribute('aria-label') || '').trim() }
  })
}

describe('dashboard journeys in Chromium', () => {
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

  it('moves focus to the heading after sign-in', async () => {
    await gotoHydrated(page, '/anmelden')
    // A failed sign-in says „Fehler:“ first in the title.
    await page.getByLabel('E-Mail-Adresse').fill('leitung@demo.invalid')
    await page.getByLabel('Passwort').fill('falsch')
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByText('E-Mail-Adresse oder Passwort sind falsch.', { exact: false }).first().waitFor()
    await page.waitForFunction(() => document.title === 'Fehler: Anmelden – OZG-Radar')
    await page.getByLabel('E-Mail-Adresse').fill('leitung@demo.invalid')
    await page.getByLabel('Passwort').fill(DEMO_PASSWORD)
    await page.getByLabel('Passwort').press('Enter')
    await page.waitForURL((url) => url.pathname === '/')
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1')
    expect(await focused(page)).toEqual({ tag: 'h1', text: 'Übersicht' })
    // From the heading one Tab reaches the own county's place.
    await page.keyboard.press('Tab')
    expect((await focused(page)).text).toMatch(/^Platz \d+ von 16$/)
  })

  it('reads the own county’s place from a freshly loaded dashboard in at most 5 key presses', async () => {
    // The journey counts keys; it does not race React's hydration (see gotoHydrated).
    await gotoHydrated(page, '/')
    const keys = ['Tab', 'Enter', 'Tab']
    await page.keyboard.press(keys[0])
    // The first stop is the visible skip link.
    expect(await focused(page)).toEqual({ tag: 'a', text: 'Zum Inhalt springen' })
    expect(await page.getByRole('link', { name: 'Zum Inhalt springen' }).isVisible()).toBe(true)
    await page.keyboard.press(keys[1])
    await page.keyboard.press(keys[2])
    const place = await focused(page)
    expect(place.text).toMatch(/^Platz \d+ von 16$/)
    expect(keys.length).toBeLessThanOrEqual(5)
    // The place sits in the tile of the own county, under its visible label.
    const tile = page.locator('[data-kpi="home-rank"]')
    expect(await tile.getByText('Platz nach Online-Quote').isVisible()).toBe(true)
    expect(await page.getByRole('heading', { name: /^Ihr Kreis: .*Celle/ }).isVisible()).toBe(true)
    // Before the first meeting the change says so, and never speaks of a „vorige Sitzung“.
    const change = (await tile.locator('.tile__change').textContent())!
    expect(change).toMatch(/Noch keine Sitzung gehalten|seit der Sitzung am \d{2}\.\d{2}\.\d{4}/)
    expect(await page.locator('main').textContent()).not.toMatch(/vorige Sitzung/i)
  })

  it('links the rows to confirm to the county page filtered to them', async () => {
    await gotoHydrated(page, '/')
    const link = page.locator('[data-kpi="home-stale"] a')
    expect(await link.getAttribute('href')).toBe('/kreise/03351?veraltet=ja')
    const count = Number((await page.locator('[data-kpi="home-stale"] .tile__value').textContent())!.replace(/\./g, ''))
    await Promise.all([page.waitForURL((u) => u.pathname === '/kreise/03351' && u.searchParams.get('veraltet') === 'ja'), link.click()])
    // Focus moved to the county page's heading, not left on the body.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1')
    expect(count).toBeGreaterThan(0)
    expect(await page.locator('#filter-veraltet').inputValue()).toBe('ja')
  })

  it('shows focus on a focusable chart table despite KERN (WCAG 2.4.7)', async () => {
    await gotoHydrated(page, '/')
    const region = page.getByRole('region', { name: 'Tabelle: Umsetzungsweg und Fortschritt je Kreis' })
    await page.keyboard.press('Tab')
    await region.focus()
    const ring = await region.evaluate((el) => ({ visible: el.matches(':focus-visible'), style: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth }))
    expect(ring.visible).toBe(true)
    expect(ring.style).toBe('solid')
    expect(parseFloat(ring.width)).toBeGreaterThanOrEqual(2)
  })

  it('answers an unknown address with a calm page and a search, titled „Fehler: …“', async () => {
    const response = await gotoHydrated(page, '/gibt-es-nicht')
    expect(response?.status()).toBe(404)
    expect(await page.title()).toBe('Fehler: Seite nicht gefunden – OZG-Radar')
    expect(await page.locator('.kern-alert--danger').count()).toBe(0)
    expect(await page.getByText('Seite neu laden').count()).toBe(0)
    await page.getByLabel('Leistung suchen (Name, OZG-ID oder LeiKa-Schlüssel)').fill('Elterngeld')
    await Promise.all([page.waitForURL((u) => u.pathname === '/leistungen' && u.searchParams.get('q') === 'Elterngeld'), page.getByRole('button', { name: 'Suchen' }).click()])
  })

  it('lets a coordinator without a county choose one, and names the county in the header', async () => {
    const other = await newContext(browser)
    const coordinator = await other.newPage()
    await login(coordinator, 'koordination@demo.invalid')
    await gotoHydrated(coordinator, '/')
    expect(await coordinator.getByRole('heading', { name: 'Ihr Kreis', exact: true }).isVisible()).toBe(true)
    await coordinator.getByLabel('Kreis', { exact: true }).selectOption('03353')
    await Promise.all([coordinator.waitForURL((u) => u.searchParams.get('kreis') === '03353'), coordinator.getByRole('button', { name: 'Kreis zeigen' }).click()])
    await coordinator.getByRole('heading', { name: /^Kreis: .*Harburg/ }).waitFor()
    expect((await coordinator.locator('[data-kpi="home-rank"] .tile__value').textContent())!).toMatch(/^Platz \d+ von 16$/)
    await other.close()
    // The county manager's header names the home county, not its key.
    expect(await page.locator('.site-user').textContent()).toContain('Celle')
    expect(await page.locator('.site-user').textContent()).not.toContain('03351')
    // /vergleich is in the navigation.
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Vergleich' }).getAttribute('href')).toBe('/vergleich')
  })
})
