// Subscriptions on /profil and the list at /benachrichtigungen in Chromium, with axe on every
// state: a wrong OZG-ID is a message at the field with the typed value kept; a county that
// waits for an EfA service sees „jetzt verfügbar“ after the coordinator makes it available.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoA11yViolations, launchBrowser, login, newContext } from './support'

async function loggedIn(browser: Browser, email: string, javaScriptEnabled = true) {
  const context = await newContext(browser, { javaScriptEnabled })
  const page = await context.newPage()
  await login(page, email)
  return { context, page }
}

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: button, exact: true }).click()])
}

describe('notifications in Chromium', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
  })

  it('an editor subscribes on /profil without JavaScript; a wrong OZG-ID is explained at the field', async () => {
    const { context, page } = await loggedIn(browser, 'celle@demo.invalid', false)
    contexts.push(context)
    await page.goto('/profil')
    await page.getByRole('heading', { name: 'Benachrichtigungen', level: 2 }).waitFor()

    // The own county is preselected.
    expect(await page.getByLabel('Kreis', { exact: true }).inputValue()).toBe('03351')
    await submit(page, 'Kreis abonnieren')
    await page.getByText('Sie haben Kreis „Celle“ abonniert.').waitFor()
    await expect(page.getByRole('table', { name: /Ihre Abonnements \(1\)/ }).getByRole('link', { name: 'Celle (03351)' }).count()).resolves.toBe(1)

    await page.getByLabel('Leistung (OZG-ID)').fill('1011')
    await submit(page, 'Leistung abonnieren')
    await page.getByText('Geben Sie eine OZG-ID mit fünf Ziffern ein, z. B. 10110.').first().waitFor()
    expect(await page.getByLabel('Leistung (OZG-ID)').inputValue()).toBe('1011')
    expect(await page.getByLabel('Leistung (OZG-ID)').getAttribute('aria-invalid')).toBe('true')

    await page.getByLabel('Täglich').check()
    await submit(page, 'Einstellungen speichern')
    await page.getByText('Ihre Einstellungen für Benachrichtigungen sind gespeichert.').waitFor()
    expect(await page.getByLabel('Täglich').isChecked()).toBe(true)
  })

  it('/profil with its subscriptions and an error, and /benachrichtigungen pass axe', async () => {
    const { context, page } = await loggedIn(browser, 'celle@demo.invalid')
    contexts.push(context)
    await page.goto('/profil')
    await page.getByRole('heading', { name: 'Benachrichtigungen', level: 2 }).waitFor()
    await expectNoA11yViolations(page)
    await page.getByLabel('Leistung (OZG-ID)').fill('00000')
    await page.getByRole('button', { name: 'Leistung abonnieren' }).click()
    await page.getByText('Eine Leistung mit der OZG-ID 00000 gibt es im Katalog nicht. Prüfen Sie die Nummer.').first().waitFor()
    expect(await page.getByLabel('Leistung (OZG-ID)').inputValue()).toBe('00000')
    await expectNoA11yViolations(page)

    await page.getByRole('link', { name: 'Benachrichtigungen', exact: true }).click()
    await page.getByRole('heading', { name: 'Benachrichtigungen', level: 1 }).waitFor()
    // The weekly reminder of rows not confirmed for 180 days came when the server started.
    const reminder = page.getByRole('heading', { level: 2, name: /Erinnerung: \d+ Leistungen in Celle seit mehr als 180 Tagen nicht bestätigt$/ })
    await reminder.waitFor()
    await expectNoA11yViolations(page)
    await submit(page, 'Alle als gelesen markieren')
    await page.getByText('Sie haben keine ungelesenen Benachrichtigungen.').waitFor()
    await expect(page.getByRole('link', { name: 'Die nicht bestätigten Leistungen anzeigen' }).getAttribute('href')).resolves.toBe('/kreise/03351?veraltet=ja')
  })

  it('„jetzt verfügbar“ appears for the waiting county, unread in the header until marked as read', async () => {
    const coordinator = await loggedIn(browser, 'koordination@demo.invalid')
    contexts.push(coordinator.context)
    // Celle has agreed to connect to this EfA service, which is still planned.
    await coordinator.page.goto('/online-dienste/16/bearbeiten')
    await coordinator.page.getByLabel('Verfügbarkeit').selectOption({ label: 'Verfügbar' })
    await Promise.all([coordinator.page.waitForURL(/\/online-dienste\/16\?gespeichert=1/), coordinator.page.getByRole('button', { name: 'Speichern' }).click()])

    const editor = await loggedIn(browser, 'celle@demo.invalid')
    contexts.push(editor.context)
    const page = editor.page
    const title = 'Jetzt verfügbar: Veranstaltungserlaubnis digital (EfA Saarland)'
    // The job runs in the background right after the save: reload until it has.
    const deadline = Date.now() + 30_000
    for (;;) {
      await page.goto('/benachrichtigungen')
      if ((await page.getByRole('heading', { name: title }).count()) > 0) break
      if (Date.now() > deadline) throw new Error('Die Benachrichtigung kam nicht an.')
      await page.waitForTimeout(500)
    }
    const item = page.getByRole('article', { name: new RegExp(title.replace(/[()]/g, '\\$&')) })
    await expect(item.getByText('Neu', { exact: true }).count()).resolves.toBe(1)
    await expect(item.getByText(/Celle \(03351\) wartet darauf bei dieser Leistung: 10349/).count()).resolves.toBe(1)
    await expect(page.getByRole('link', { name: /^Benachrichtigungen 1 ungelesen$/ }).count()).resolves.toBe(1)
    await expectNoA11yViolations(page)

    await Promise.all([page.waitForLoadState('load'), item.getByRole('button', { name: /Als gelesen markieren/ }).click()])
    await page.getByText('Sie haben keine ungelesenen Benachrichtigungen.').waitFor()
    await expect(page.getByRole('link', { name: /^Benachrichtigungen$/ }).count()).resolves.toBe(1)
    await expect(page.getByRole('article', { name: new RegExp(title.replace(/[()]/g, '\\$&')) }).getByText('Neu', { exact: true }).count()).resolves.toBe(0)
    await expectNoA11yViolations(page)
  })
})
