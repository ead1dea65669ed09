import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterEach, expect, inject } from 'vitest'
import { forThisWorker } from '../support/workers'

export const DEMO_PASSWORD = 'ozg-radar-demo'

/** The app server of this file's worker slot (./global-setup.ts). */
export function baseURL(): string {
  return forThisWorker(inject('baseURLs'))
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

// A tripwire: an error in the browser console (a script error, a CSP refusal, a hydration
// mismatch) fails the test that was running, though the page looked right. A 4xx answer the test
// asked for logs "Failed to load resource" and is expected, so it does not count.
const browserErrors: string[] = []
afterEach(() => {
  const errors = browserErrors.splice(0)
  expect(errors, 'errors in the browser console').toEqual([])
})

export async function newContext(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseURL(), locale: 'de-DE', javaScriptEnabled: options.javaScriptEnabled ?? true })
  context.on('console', (message) => {
    if (message.type() !== 'error') return
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return
    browserErrors.push(`${message.page()?.url() ?? ''}: ${message.text()}`)
  })
  context.on('weberror', (error) => browserErrors.push(`${error.page()?.url() ?? ''}: ${error.error().message}`))
  return context
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/anmelden')
  await page.getByLabel('E-Mail-Adresse').fill(email)
  await page.getByLabel('Passwort').fill(password)
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/anmelden')),
    page.getByRole('button', { name: 'Anmelden' }).click(),
  ])
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

type AxeViolation = { id: string; help: string; nodes: { target: string[] }[] }

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the page and fails with a readable list. */
export async function expectNoA11yViolations(page: Page) {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy (rightly) refuses
  // an injected inline script.
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }))
  })
  expect(violations, `axe findings on ${page.url()}`).toEqual([])
}

/** Waits until React has hydrated the page and run its first effects (app/root.tsx marks <html>). */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-hydrated'))
}

/**
 * Opens `path` and waits for hydration: for tests that press keys or move focus right away. Input
 * during React 18's concurrent hydration of the dashboard logged React error #345 twice under load.
 */
export async function gotoHydrated(page: Page, path: string) {
  const response = await page.goto(path)
  await waitForHydration(page)
  return response
}

/** The row form keeps Fachverfahren/Schnittstelle and Finanzierung/Kontakt in closed sections; opens both. */
export async function openSections(page: Page) {
  for (const title of ['Fachverfahren und Schnittstelle', 'Finanzierung und Kontakt']) {
    const details = page.locator('details', { has: page.locator('summary', { hasText: title }) })
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click()
  }
}
