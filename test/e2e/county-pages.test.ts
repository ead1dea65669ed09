// The county, compare and service pages in Chromium (issue #14): the row list fitting 1280 px, the
// status chip with its words, and a bulk change by keyboard through the sticky bar (axe and reflow
// at 1280, 390 and 320 px: the page sweep, ./page-sweep.ts). The bulk change sets the funding of
// Celle's own row with the highest OZG-ID: no other file relies on it.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoA11yViolations, launchBrowser, login, newContext } from './support'

type Overflow = { documentWidth: number; viewport: number; boxes: { label: string; focusable: boolean; ring: boolean }[] }

/** The document's width, and every box that scrolls sideways: can it be focused, and does it then show a ring? */
function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const scrolling = [...document.querySelectorAll<HTMLElement>('body *')].filter(
      (e) => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX),
    )
    const boxes = scrolling.map((e) => {
      e.focus({ focusVisible: true } as FocusOptions)
      const style = getComputedStyle(e)
      const ring = document.activeElement === e && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
      e.blur()
      return { label: e.getAttribute('aria-label') ?? e.className, focusable: e.tabIndex >= 0, ring }
    })
    return { documentWidth: document.documentElement.scrollWidth, viewport: window.innerWidth, boxes }
  })
}

/** Presses `key` until the focused element matches, at most `limit` times; returns the presses. */
async function pressUntil(page: Page, key: string, matches: () => boolean, limit = 40): Promise<number> {
  for (let n = 1; n <= limit; n++) {
    await page.keyboard.press(key)
    if (await page.evaluate(matches)) return n
  }
  throw new Error(`focus never arrived after ${limit} × ${key}`)
}

describe('county, compare and service pages', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    browser = await launchBrowser()
    context = await newContext(browser)
    page = await context.newPage()
    await login(page, 'celle@demo.invalid')
  })
  afterAll(async () => {
    await context?.close().catch(() => {})
    await browser?.close()
  })

  it('the county page shows its list first, each row with the status chip in words', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/kreise/03351')
    expect(await page.title()).toBe('Celle – Kreise – OZG-Radar')
    // axe and reflow at every width: the page sweep (./page-sweep.ts).
    expect((await measureOverflow(page)).boxes, 'the row list fits 1280 px').toEqual([])
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents()
    expect(headings.slice(0, 2).map((h) => h.trim())).toEqual(['Leistungen', 'Kennzahlen'])
    const chips = page.locator('table.county-rows tbody .status-chip')
    await expect(chips.count()).resolves.toBe(50)
    await expect(chips.first().textContent()).resolves.toMatch(/^(E|A)?[●◐◔○?–·]+(Eigene Umsetzung|EfA-Nachnutzung|Offen|Nicht zuständig)/)
    // Basic components are collapsed until asked for.
    await expect(page.getByLabel('Status ePayment').isVisible()).resolves.toBe(false)
    await page.getByText('Basisdienste anzeigen und bearbeiten').click()
    await expect(page.getByLabel('Status ePayment').isVisible()).resolves.toBe(true)
  })

  it('an editor changes one row through the sticky bar by keyboard only', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/kreise/03351?umsetzungsweg=eigen&sortierung=ozg_id&richtung=ab')
    await page.getByLabel('Suche (Name oder OZG-ID)').focus()
    await pressUntil(page, 'Tab', () => document.activeElement?.matches('tbody input[name="ids"]') ?? false, 60)
    const service = await page.evaluate(() => document.activeElement!.closest('tr')!.querySelector('th a')!.textContent)
    await page.keyboard.press('Space')
    const bar = page.getByRole('region', { name: 'Mehrere Zeilen ändern' })
    await bar.getByText('1 ausgewählt –').waitFor()
    await expect(bar.evaluate((e) => getComputedStyle(e).position)).resolves.toBe('sticky')

    await pressUntil(page, 'Shift+Tab', () => document.activeElement?.textContent === 'Werte setzen')
    await page.keyboard.press('Enter')
    await pressUntil(page, 'Tab', () => document.activeElement?.id === 'finanzierung')
    await pressUntil(page, 'ArrowDown', () => (document.activeElement as HTMLSelectElement).value === 'landesmittel', 10)
    await pressUntil(page, 'Tab', () => document.activeElement?.textContent === 'Ausgewählte Zeilen ändern')
    await Promise.all([page.waitForURL(/geaendert=1/), page.keyboard.press('Enter')])
    await page.getByText('1 Zeile geändert; jede Änderung steht in der Historie der Zeile.').waitFor()
    await expect(page.getByRole('link', { name: service! }).first().isVisible()).resolves.toBe(true)
  })

  it('a bulk change without rows names the error at the radio group and focuses the summary', async () => {
    await page.setViewportSize({ width: 390, height: 800 })
    await page.goto('/kreise/03351?q=10519')
    await page.getByRole('button', { name: 'Mehrere Zeilen ändern' }).click()
    await page.getByLabel('Als aktuell bestätigen').check()
    await page.getByRole('button', { name: 'Ausgewählte Zeilen ändern' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'Wählen Sie mindestens eine Zeile aus' })
    await summary.waitFor()
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert')
    await expect(page.getByRole('radio', { name: 'Die angekreuzten Zeilen' }).getAttribute('aria-describedby')).resolves.toBe('umfang-error')
    await expect(page.locator('#umfang-error').textContent()).resolves.toContain('Wählen Sie mindestens eine Zeile aus')
    await expect(summary.getByRole('link').getAttribute('href')).resolves.toBe('#umfang-auswahl')
    expect(await page.title()).toBe('Fehler: Celle – Kreise – OZG-Radar')
    await expectNoA11yViolations(page)
  })

  it('without JavaScript the bulk fields stand below the list and the page still fits 320 px', async () => {
    const plain = await newContext(browser, { javaScriptEnabled: false })
    try {
      const p = await plain.newPage()
      await p.setViewportSize({ width: 320, height: 800 })
      await login(p, 'celle@demo.invalid')
      await p.goto('/kreise/03351')
      const order = await p.evaluate(() => {
        const table = document.querySelector('table.county-rows')!
        const fields = document.querySelector('fieldset.bulk-form')!
        return table.compareDocumentPosition(fields) & Node.DOCUMENT_POSITION_FOLLOWING
      })
      expect(order).toBeTruthy()
      await expect(p.getByLabel('Fortschritt setzen').isVisible()).resolves.toBe(true)
      await expect(p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true)
    } finally {
      await plain.close()
    }
  })

  it('a county page leads to the comparison, whose cells keep their status chip on every row', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/kreise/03353')
    await Promise.all([page.waitForURL(/\/vergleich\?/), page.getByRole('link', { name: 'mit anderen Kreisen vergleichen' }).click()])
    await expect(page.getByRole('checkbox', { name: 'Harburg', exact: true }).isChecked()).resolves.toBe(true)
    await expect(page.getByRole('checkbox', { name: 'Celle (Ihr Kreis)' }).isChecked()).resolves.toBe(true)
    await page.goto('/vergleich?kreise=03351&kreise=03353')
    const cells = page.locator('[data-compare-differences] tbody td')
    const colours = await cells.evaluateAll((tds) => tds.slice(0, 8).map((td) => getComputedStyle(td.querySelector('.status-chip')!).backgroundColor))
    expect(colours.length).toBeGreaterThan(3)
    for (const c of colours) expect(c).not.toBe('rgba(0, 0, 0, 0)')
    await expect(cells.first().locator('.status-chip').textContent()).resolves.toMatch(/Eigene Umsetzung|EfA-Nachnutzung|Offen|Nicht zuständig|Kein Eintrag/)
  })
})
