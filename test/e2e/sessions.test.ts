import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseURL, DEMO_PASSWORD, expectNoA11yViolations, launchBrowser, login, newContext } from './support'

describe('sessions and sign-in in Chromium', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('lists the own sessions on the profile and signs out everywhere else, without JavaScript', async () => {
    const desk = await newContext(browser, { javaScriptEnabled: false })
    const laptop = await newContext(browser)
    const deskPage = await desk.newPage()
    const laptopPage = await laptop.newPage()
    await login(laptopPage, 'koordination@demo.invalid')
    await login(deskPage, 'koordination@demo.invalid')

    await laptopPage.goto('/profil')
    await laptopPage.getByRole('table', { name: /Ihre Sitzungen/ }).waitFor()
    await expectNoA11yViolations(laptopPage)

    await deskPage.goto('/profil')
    const table = deskPage.getByRole('table', { name: /Ihre Sitzungen/ })
    await table.waitFor()
    expect(await table.getByRole('rowheader').filter({ hasText: '(diese Sitzung)' }).count()).toBe(1)
    expect(await table.getByRole('rowheader').count()).toBeGreaterThanOrEqual(2)
    expect(await table.getByRole('rowheader').first().textContent()).toMatch(/Chrome \d+ unter Linux/)
    await deskPage.getByRole('button', { name: 'Überall abmelden' }).click()
    await deskPage.getByText(/Eine andere Sitzung wurde beendet|\d+ andere Sitzungen wurden beendet/).waitFor()
    expect(await deskPage.getByRole('table', { name: 'Ihre Sitzungen (1)' }).count()).toBe(1)

    // The other browser is signed out; this one is not.
    await laptopPage.goto('/profil')
    expect(new URL(laptopPage.url()).pathname).toBe('/anmelden')
    await deskPage.goto('/profil')
    expect(new URL(deskPage.url()).pathname).toBe('/profil')

    // With JavaScript the same, and the confirmation passes axe.
    await login(laptopPage, 'koordination@demo.invalid')
    await laptopPage.goto('/profil')
    await laptopPage.getByRole('button', { name: 'Überall abmelden' }).click()
    await laptopPage.getByText('Eine andere Sitzung wurde beendet.').waitFor()
    await expectNoA11yViolations(laptopPage)
    await deskPage.goto('/profil')
    expect(new URL(deskPage.url()).pathname).toBe('/anmelden')
    await desk.close()
    await laptop.close()
  })

  it('stays on OZG-Radar when weiter points elsewhere', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto('/anmelden?weiter=/%09/evil.example')
    await page.getByLabel('E-Mail-Adresse').fill('leitung@demo.invalid')
    await page.getByLabel('Passwort').fill(DEMO_PASSWORD)
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/anmelden')), page.getByRole('button', { name: 'Anmelden' }).click()])
    expect(new URL(page.url()).origin).toBe(new URL(baseURL()).origin)
    expect(new URL(page.url()).pathname).toBe('/')
    await context.close()
  })
})
