// The row form of one county × service, in Chromium: the keyboard journey of an e-government
// lead (issue 14), errors in one pass with focus on their summary, „Speichern“ against „Stand
// bestätigen“, and the page at 1280, 390 and 320 px. Rows: Celle's own rows at „geplant“ from the
// end of that filtered list, so that the rows other test files use (10519–10534 and a few low
// OZG-IDs) stay untouched; the journey moves one of them to „in Umsetzung“ only (no online rate
// changes).
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoA11yViolations, launchBrowser, login, newContext } from './support'

const KEY_BUDGET = 30
const USED_ELSEWHERE = /^(1051\d|1052\d|1053\d|1000\d|10042|10111|1012\d|10169)$/

async function loggedIn(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await newContext(browser, options)
  const page = await context.newPage()
  await login(page, 'celle@demo.invalid')
  return { context, page }
}

/** OZG-IDs of Celle's own rows at „geplant“, last first, leaving out those other files use. */
async function plannedOwnRows(page: Page): Promise<string[]> {
  await page.goto('/kreise/03351?umsetzungsweg=eigen&fortschritt=geplant')
  const hrefs = await page.locator('main tbody a[href*="/kreise/03351/leistungen/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))
  const ids = [...new Set(hrefs.map((h) => /leistungen\/(\d{5})/.exec(h)![1]))].filter((id) => !USED_ELSEWHERE.test(id))
  expect(ids.length).toBeGreaterThanOrEqual(4)
  return ids.reverse()
}

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement)
const historyRows = (page: Page) => page.getByRole('region', { name: 'Historie' }).getByRole('row')

/** The German calendar day in Berlin as the page writes it (TT.MM.JJJJ). */
function todayGerman() {
  return new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date())
}

async function expectNoHorizontalOverflow(page: Page) {
  const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }))
  expect(widths.document, `document width at ${widths.viewport} px on ${page.url()}`).toBeLessThanOrEqual(widths.viewport)
}

describe('the row form of one county × service in Chromium', () => {
  let browser: Browser
  let rows: string[]
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    const { context, page } = await loggedIn(browser)
    contexts.push(context)
    rows = await plannedOwnRows(page)
  })
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
  })

  it(`changes Fortschritt and saves by keyboard alone within ${KEY_BUDGET} key presses`, async () => {
    const { context, page } = await loggedIn(browser)
    contexts.push(context)
    await page.goto(`/kreise/03351/leistungen/${rows[0]}`)
    expect(await page.getByLabel('Fortschritt').inputValue()).toBe('geplant')
    let presses = 0
    const press = async (key: string) => {
      presses++
      await page.keyboard.press(key)
    }
    const tabTo = async (target: Locator) => {
      while (!(await isFocused(target)) && presses < KEY_BUDGET) await press('Tab')
    }
    const skip = page.getByRole('link', { name: 'Zum Inhalt springen' })
    await press('Tab')
    if (await isFocused(skip)) await press('Enter')
    const stage = page.getByLabel('Fortschritt')
    await tabTo(stage)
    expect(await isFocused(stage), 'Fortschritt reached').toBe(true)
    await press('ArrowDown')
    expect(await stage.inputValue()).toBe('in_umsetzung')
    const save = page.getByRole('button', { name: 'Speichern', exact: true })
    await tabTo(save)
    expect(await isFocused(save), '„Speichern“ reached').toBe(true)
    await Promise.all([page.waitForURL(/gespeichert=ja/), press('Enter')])
    console.log(`keyboard journey: ${presses} key presses`)
    expect(presses).toBeLessThanOrEqual(KEY_BUDGET)
    await page.getByText('Ihre Änderungen sind gespeichert.').waitFor()
    await expect(page.getByText('Eigene Umsetzung, in Umsetzung').first().isVisible()).resolves.toBe(true)
    await expect(historyRows(page).filter({ hasText: 'Fortschritt: Geplant → In Umsetzung' }).count()).resolves.toBe(1)
  })

  it('a failed save focuses the error summary, with every error in one pass, each linked to its field', async () => {
    const { context, page } = await loggedIn(browser)
    contexts.push(context)
    await page.goto(`/kreise/03351/leistungen/${rows[1]}`)
    const titleBefore = await page.title()
    expect(titleBefore).toMatch(/ – Celle – OZG-Radar$/)
    // A value that does not parse and three cross-field rules, in different sections.
    await page.getByLabel('Planung (solange offen)').selectOption('unentschieden')
    await page.getByLabel('Reifegrad', { exact: true }).fill('viel')
    await page.getByLabel('Online seit').fill('01.01.2099')
    await page.getByText('Finanzierung und Kontakt').click()
    await page.getByLabel('Jahreskosten (EUR)').fill('zwölf')
    await page.getByLabel('Notiz', { exact: true }).fill('bleibt erhalten')
    await page.getByRole('button', { name: 'Speichern', exact: true }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie' })
    await summary.waitFor()
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'alert')
    expect(await isFocused(summary)).toBe(true)
    expect(await page.title()).toBe(`Fehler: ${titleBefore}`)
    const links = await summary.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(links.sort()).toEqual(['#jahreskosten_eur', '#online_seit', '#planung', '#reifegrad'])
    for (const href of links) await expect(page.locator(`${href}[aria-invalid="true"]`).isVisible(), href!).resolves.toBe(true)
    expect(await page.getByLabel('Notiz', { exact: true }).inputValue()).toBe('bleibt erhalten')
    expect(await page.getByLabel('Reifegrad', { exact: true }).inputValue()).toBe('viel')
    await expectNoA11yViolations(page)
    // A link in the summary puts the focus into its field.
    await summary.getByRole('link', { name: /Betrag/ }).click()
    await page.waitForFunction(() => document.activeElement?.id === 'jahreskosten_eur')
  })

  it('without JavaScript the failed save answers with the summary focused and „Fehler:“ in the title', async () => {
    const { context, page } = await loggedIn(browser, { javaScriptEnabled: false })
    contexts.push(context)
    await page.goto(`/kreise/03351/leistungen/${rows[1]}`)
    const titleBefore = await page.title()
    await page.getByLabel('Planung (solange offen)').selectOption('unentschieden')
    await page.getByLabel('Reifegrad', { exact: true }).fill('viel')
    await page.getByRole('button', { name: 'Speichern', exact: true }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie' })
    await summary.waitFor()
    expect(await page.title()).toBe(`Fehler: ${titleBefore}`)
    expect(await isFocused(summary)).toBe(true)
    await expect(summary.getByRole('link').count()).resolves.toBe(2)
    expect(await page.getByLabel('Reifegrad', { exact: true }).inputValue()).toBe('viel')
  })

  it('„Speichern“ without a change confirms nothing; „Stand bestätigen“ does', async () => {
    const { context, page } = await loggedIn(browser)
    contexts.push(context)
    await page.goto(`/kreise/03351/leistungen/${rows[2]}`)
    const confirmed = page.locator('dt', { hasText: 'Bestätigt' }).locator('xpath=following-sibling::dd')
    const confirmedBefore = await confirmed.textContent()
    expect(confirmedBefore).not.toBe(`am ${todayGerman()}`)
    const historyBefore = await historyRows(page).count()
    const version = async () => /Version (\d+)/.exec((await page.getByText(/Version \d+/).textContent())!)![1]
    const versionBefore = await version()

    await Promise.all([page.waitForURL(/gespeichert=unveraendert/), page.getByRole('button', { name: 'Speichern', exact: true }).click()])
    await page.getByText('Nichts geändert, nichts gespeichert.').waitFor()
    expect(await confirmed.textContent()).toBe(confirmedBefore)
    expect(await version()).toBe(versionBefore)
    expect(await historyRows(page).count()).toBe(historyBefore)

    await Promise.all([page.waitForURL(/gespeichert=bestaetigt/), page.getByRole('button', { name: 'Stand bestätigen' }).click()])
    await page.getByText('Der Stand ist als aktuell bestätigt.').waitFor()
    expect(await confirmed.textContent()).toBe(`am ${todayGerman()}`)
    expect(Number(await version())).toBe(Number(versionBefore) + 1)
    await expect(historyRows(page).filter({ hasText: 'Als aktuell bestätigt' }).first().isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)

    // The form posts to this address with „?gespeichert=…“: a failed save must not still say „bestätigt“.
    await page.getByLabel('Reifegrad', { exact: true }).fill('viel')
    await page.getByRole('button', { name: 'Speichern', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie' }).waitFor()
    await expect(page.getByText('Der Stand ist als aktuell bestätigt.').count()).resolves.toBe(0)
  })

  it('is axe-clean at 1280, 390 and 320 px and does not overflow at 320 px, also with errors shown', async () => {
    const { context, page } = await loggedIn(browser)
    contexts.push(context)
    for (const width of [1280, 390, 320]) {
      await page.setViewportSize({ width, height: 900 })
      await page.goto(`/kreise/03351/leistungen/${rows[3]}`)
      await expectNoA11yViolations(page)
      await expectNoHorizontalOverflow(page)
      if (width === 1280) {
        // Readable widths: no field runs across the whole page.
        const widest = await page.locator('.status-form input, .status-form select, .status-form textarea').evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().width)))
        expect(widest).toBeLessThanOrEqual(720)
      }
      await page.getByLabel('Reifegrad', { exact: true }).fill('viel')
      await page.getByRole('button', { name: 'Speichern', exact: true }).click()
      await page.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie' }).waitFor()
      await expectNoA11yViolations(page)
      await expectNoHorizontalOverflow(page)
    }
  })
})
