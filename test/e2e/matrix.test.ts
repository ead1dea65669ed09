// The matrix by keyboard (WAI-ARIA grid: one tab stop, arrow keys, Home/End, Page Up/Down) and
// with a screen reader's eyes (each cell's accessible name), and the coordinator's journey
// „create a meeting and open its report“ within its key budget, using only visible labels.
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoA11yViolations, launchBrowser, login, newContext } from './support'

/** The accessible name of the focused element, as Chromium exposes it to screen readers. */
async function focusedName(cdp: CDPSession): Promise<string> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' })
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false })
  return String(nodes[0]?.name?.value ?? '')
}

const focusedHref = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('href') ?? document.activeElement?.id ?? '')

describe('the matrix by keyboard', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let cdp: CDPSession

  beforeAll(async () => {
    browser = await launchBrowser()
    context = await newContext(browser)
    page = await context.newPage()
    cdp = await context.newCDPSession(page)
    await login(page, 'celle@demo.invalid')
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('is one tab stop, starts in the home county, and names each cell by county, service and status', async () => {
    await page.goto('/matrix')
    await page.locator('table.matrix[role="grid"]').waitFor()
    expect(await page.locator('table.matrix tbody a[tabindex="0"]').count()).toBe(1)
    expect(await page.locator('th.is-home').textContent()).toBe('Celle (Ihr Kreis)')

    await page.getByRole('link', { name: 'Zur Legende' }).first().focus()
    await page.keyboard.press('Tab')
    expect(await focusedHref(page)).toMatch(/^\/kreise\/03351\/leistungen\/\d+$/)
    expect(await focusedName(cdp)).toMatch(/^Celle \(Ihr Kreis\) – \d+ .+: (E. eigene Umsetzung|A. EfA-Nachnutzung|\? offen|– nicht zuständig|· kein Eintrag)/)
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)
    expect(outline).toBe('solid')

    // One more Tab leaves the grid, past 9,000 links.
    await page.keyboard.press('Tab')
    expect(await focusedHref(page)).toBe('#legende')
    await page.keyboard.press('Shift+Tab')
    expect(await focusedHref(page)).toMatch(/^\/kreise\/03351\//)
    await expectNoA11yViolations(page)
  })

  it('moves by arrows, Home/End and Page Up/Down, and opens a cell with Enter', async () => {
    await page.goto('/matrix')
    await page.locator('table.matrix[role="grid"]').waitFor()
    await page.locator('table.matrix tbody a[tabindex="0"]').focus()
    const firstService = (await page.locator('table.matrix tbody tr').first().locator('th a').getAttribute('href'))!.split('/').pop()
    await page.keyboard.press('ArrowRight')
    expect(await focusedName(cdp)).toMatch(new RegExp(`^\\S.* – ${firstService} `))
    await page.keyboard.press('Home')
    expect(await focusedHref(page)).toBe(`/leistungen/${firstService}`)
    await page.keyboard.press('PageDown')
    const tenth = (await page.locator('table.matrix tbody tr').nth(10).locator('th a').getAttribute('href'))!
    expect(await focusedHref(page)).toBe(tenth)
    await page.keyboard.press('End')
    expect(await focusedName(cdp)).toMatch(/^Wolfenbüttel – /)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('PageUp')
    expect(await focusedName(cdp)).toMatch(new RegExp(`^Wolfenbüttel – ${firstService} `))
    await page.keyboard.press('Control+End')
    const last = await page.locator('table.matrix tbody tr').last().locator('td a').last().getAttribute('href')
    expect(await focusedHref(page)).toBe(last)
    await Promise.all([page.waitForURL((url) => url.pathname === last), page.keyboard.press('Enter')])
  })

  it('skips the matrix with one link', async () => {
    await page.goto('/matrix')
    await page.getByRole('link', { name: 'Matrix überspringen' }).focus()
    await page.keyboard.press('Enter')
    expect(await focusedHref(page)).toBe('nach-der-matrix')
    await page.keyboard.press('Tab')
    expect(await focusedHref(page)).toBe('#legende')
  })

  it('stays a table of links without JavaScript', async () => {
    const plain = await newContext(browser, { javaScriptEnabled: false })
    const noJs = await plain.newPage()
    await login(noJs, 'celle@demo.invalid')
    await noJs.goto('/matrix')
    expect(await noJs.locator('table.matrix').getAttribute('role')).toBeNull()
    expect(await noJs.locator('table.matrix tbody a[tabindex]').count()).toBe(0)
    await noJs.getByRole('link', { name: 'Zur Legende' }).first().focus()
    await noJs.keyboard.press('Tab')
    expect(await noJs.evaluate(() => document.activeElement?.closest('table')?.className)).toBe('matrix')
    await plain.close()
  })
})

describe('the coordinator creates a meeting and opens its report by keyboard', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('takes at most 25 key presses, typing a field counted as one', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await login(page, 'koordination@demo.invalid')
    // The journey starts on the overview as a page load leaves it: focus at the document's start.
    await page.goto('/')
    let presses = 0
    const press = async (key: string) => {
      presses++
      await page.keyboard.press(key)
    }
    const type = async (text: string) => {
      presses++
      await page.keyboard.type(text)
    }
    const focusedLabel = () =>
      page.evaluate(() => {
        const active = document.activeElement as HTMLInputElement | null
        return active === document.body ? '' : (active?.labels?.[0]?.textContent?.trim() ?? active?.textContent?.trim())
      })
    // Tab to „Sitzungen“ in the navigation (past the skip link and the header's links).
    for (let i = 0; i < 30 && (await focusedLabel()) !== 'Sitzungen'; i++) await press('Tab')
    expect(await focusedLabel()).toBe('Sitzungen')
    await Promise.all([page.waitForURL('**/sitzungen'), press('Enter')])
    // On to the form, which comes first on the page.
    for (let i = 0; i < 10 && (await focusedLabel()) !== 'Datum der Sitzung'; i++) await press('Tab')
    expect(await focusedLabel()).toBe('Datum der Sitzung')
    await type('15.06.2027')
    await press('Tab')
    expect(await focusedLabel()).toBe('Titel')
    await type('Community-Treffen Sommer')
    await Promise.all([page.waitForURL(/\/sitzungen\/\d+$/), press('Enter')])
    await page.getByRole('heading', { level: 1, name: 'Community-Treffen Sommer' }).waitFor()
    await page.getByRole('heading', { name: 'Überblick je Kreis' }).waitFor()
    expect(presses).toBeLessThanOrEqual(25)
    await context.close()
  })
})
