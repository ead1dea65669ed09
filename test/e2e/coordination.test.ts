// The coordinator's work in Chromium: a shared negotiation with five counties, a meeting that
// decides and hands out to-dos, an editor who marks one done, and the next meeting's report
// (printed to PDF as the Sitzungsvorlage). Uses the vendor Demo-Soft Bauwesen GmbH / BauPilot,
// which no other browser test touches.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoA11yViolations, launchBrowser, login, newContext } from './support'

const berlinDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' })
function germanDayFromToday(days: number) {
  const iso = berlinDay.format(new Date(Date.now() + days * 86_400_000))
  const [y, m, d] = iso.split('-')
  return `${d}.${m}.${y}`
}

async function submit(page: Page, name: string) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()])
  await page.waitForLoadState('networkidle').catch(() => {})
}

/** Pages of a PDF: its page objects (/Type /Page, not /Pages). */
function countPdfPages(pdf: Buffer): number {
  const text = pdf.toString('latin1')
  const pages = (text.match(/\/Type\s*\/Page(?!s)/g) ?? []).length
  // The page tree's root says the same; a disagreement would mean the file is read wrongly.
  const counts = [...text.matchAll(/\/Count\s+(\d+)/g)].map((m) => Number(m[1]))
  expect(Math.max(...counts)).toBe(pages)
  return pages
}

describe('coordination in Chromium', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  const suffix = Date.now().toString(36)
  const taskCelle = `Anbindung BauPilot testen ${suffix}`
  const taskHarburg = `Angebot BauPilot prüfen ${suffix}`
  let negotiationUrl = ''

  async function loggedIn(email: string) {
    const context = await newContext(browser)
    contexts.push(context)
    const page = await context.newPage()
    await login(page, email)
    return page
  }

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
  })

  it('coordinator: negotiation with five counties, documents checked, a meeting with a decision and two to-dos', async () => {
    const page = await loggedIn('koordination@demo.invalid')
    await page.goto('/verhandlungen')
    await expectNoA11yViolations(page)
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Verhandlung anlegen' }) })
    await form.getByLabel('Hersteller').selectOption({ label: 'Demo-Soft Bauwesen GmbH' })
    await form.getByLabel('Fachverfahren', { exact: true }).selectOption({ label: 'BauPilot' })
    const boxes = form.getByRole('group', { name: 'Beteiligte Kreise' }).getByRole('checkbox')
    await form.getByLabel('Celle', { exact: true }).check()
    await form.getByLabel('Harburg', { exact: true }).check()
    // Three more members, whichever come first in the list.
    let extra = 0
    for (let i = 0; extra < 3; i++) {
      const box = boxes.nth(i)
      if (!(await box.isChecked())) {
        await box.check()
        extra++
      }
    }
    await form.getByLabel('Stand', { exact: true }).selectOption({ label: 'Beim Hersteller angefragt' })
    await form.getByLabel('Verhandelt für die Community: Kreis').selectOption({ label: 'Celle' })
    await form.getByLabel('Nächster Schritt (optional)').fill('Angebot für alle fünf Kreise einholen')
    await form.getByLabel('Fällig am (optional)').fill(germanDayFromToday(10))
    await submit(page, 'Verhandlung anlegen')
    await page.getByRole('heading', { level: 1, name: 'Demo-Soft Bauwesen GmbH – BauPilot' }).waitFor()
    negotiationUrl = new URL(page.url()).pathname
    await expect(page.getByRole('heading', { name: 'Beteiligte Kreise und Angebote (5)' }).isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)

    // A program renamed to .pdf is refused at the field; a real PDF is kept and downloads as an attachment.
    await page.getByLabel('Dokument hochladen').setInputFiles({ name: 'angebot.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\u0090\u0000\u0003binary') })
    await submit(page, 'Hochladen')
    await page.locator('#dokument-error').getByText('Dieser Dateityp ist nicht erlaubt').waitFor()
    await expect(page.getByText('Noch kein Dokument.').isVisible()).resolves.toBe(true)
    await page.getByLabel('Dokument hochladen').setInputFiles({ name: 'angebot.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') })
    await submit(page, 'Hochladen')
    const link = page.getByRole('link', { name: 'angebot.pdf' })
    await link.waitFor()
    const download = await page.request.get((await link.getAttribute('href'))!)
    expect(download.status()).toBe(200)
    expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="angebot.pdf"/)
    expect(download.headers()['content-type']).toBe('application/pdf')
    expect(download.headers()['x-content-type-options']).toBe('nosniff')

    // The first meeting: a decision and two to-dos with owners.
    await page.goto('/sitzungen')
    await page.getByLabel('Datum der Sitzung').fill(germanDayFromToday(0))
    await page.getByLabel('Titel').fill(`Verhandlungsrunde ${suffix}`)
    await submit(page, 'Sitzung anlegen')
    await page.getByRole('heading', { level: 1, name: `Verhandlungsrunde ${suffix}` }).waitFor()
    await page.getByText('Beschluss festhalten').click()
    await page.getByLabel('Beschluss', { exact: true }).fill('Die Community verhandelt die BauPilot-Schnittstelle gemeinsam; Celle führt.')
    await submit(page, 'Beschluss speichern')
    await page.getByText('Die Community verhandelt die BauPilot-Schnittstelle gemeinsam; Celle führt.').waitFor()

    // Without an owner nothing is stored and the message stands at the field.
    await page.getByText('Aufgabe vergeben').click()
    await page.getByLabel('Aufgabe', { exact: true }).fill(taskCelle)
    await page.getByLabel('Fällig am').fill(germanDayFromToday(7))
    await submit(page, 'Aufgabe speichern')
    await page.locator('#verantwortlich_kreis-error').getByText('Wählen Sie, wer die Aufgabe übernimmt').waitFor()
    await expect(page.getByLabel('Aufgabe', { exact: true }).inputValue()).resolves.toBe(taskCelle)
    await expectNoA11yViolations(page)
    await page.getByLabel('Verantwortlich: Kreis').selectOption({ label: 'Celle' })
    await submit(page, 'Aufgabe speichern')
    await page.getByRole('row').filter({ hasText: taskCelle }).waitFor()

    await page.getByText('Aufgabe vergeben').click()
    await page.getByLabel('Aufgabe', { exact: true }).fill(taskHarburg)
    await page.getByLabel('Verantwortlich: Kreis').selectOption({ label: 'Harburg' })
    await page.getByLabel('Fällig am').fill(germanDayFromToday(14))
    await submit(page, 'Aufgabe speichern')
    await page.getByRole('row').filter({ hasText: taskHarburg }).waitFor()
    await expectNoA11yViolations(page)

    // The negotiation moves on: an offer has arrived.
    await page.goto(negotiationUrl)
    await page.getByText('Verhandlung bearbeiten').click()
    await page.getByLabel('Stand', { exact: true }).selectOption({ label: 'Angebot liegt vor' })
    await submit(page, 'Änderungen speichern')
    await page.getByRole('table', { name: 'Verlauf der Verhandlung' }).getByText('Stand: Beim Hersteller angefragt → Angebot liegt vor').waitFor()
  })

  it('anyone signed in follows the negotiation from its page without JavaScript, and sees it on /profil', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false })
    contexts.push(context)
    const page = await context.newPage()
    await login(page, 'leitung@demo.invalid')
    await page.goto(negotiationUrl)
    await submit(page, 'Verhandlung abonnieren')
    await page.getByText('Sie haben die Verhandlung abonniert.').waitFor()
    // (axe needs JavaScript; the coordinator's run above checks this page with the form.)
    await page.getByRole('button', { name: 'Abonnement beenden' }).waitFor()
    await page.goto('/profil')
    await page.getByRole('link', { name: 'Demo-Soft Bauwesen GmbH – BauPilot' }).first().waitFor()
    await expect(page.getByRole('link', { name: 'Demo-Soft Bauwesen GmbH – BauPilot' }).first().getAttribute('href')).resolves.toBe(negotiationUrl)
    // And ends it where it began.
    await page.goto(negotiationUrl)
    await submit(page, 'Abonnement beenden')
    await page.getByText('Das Abonnement ist beendet.').waitFor()
    await page.getByRole('button', { name: 'Verhandlung abonnieren' }).waitFor()
  })

  it('editor: comments on the negotiation and marks the own county’s to-do done, not another county’s', async () => {
    const page = await loggedIn('celle@demo.invalid')
    await page.goto(negotiationUrl)
    await page.getByLabel('Kommentar schreiben').fill('Celle kann ab März testen.')
    await submit(page, 'Kommentieren')
    await page.getByText('Celle kann ab März testen.').waitFor()
    await expect(page.getByText('Verhandlung bearbeiten').count()).resolves.toBe(0)

    await page.goto('/aufgaben')
    await expectNoA11yViolations(page)
    const celleRow = page.getByRole('row').filter({ hasText: taskCelle })
    await celleRow.waitFor()
    if ((await celleRow.getByRole('button').count()) === 0) console.log(await celleRow.innerHTML())
    const harburgRow = page.getByRole('row').filter({ hasText: taskHarburg })
    await expect(harburgRow.getByRole('button').count()).resolves.toBe(0)
    await submit(page, `Erledigt: ${taskCelle}`)
    await page.getByText('Die Aufgabe ist als erledigt markiert.').waitFor()
    await expect(page.getByRole('row').filter({ hasText: taskCelle }).count()).resolves.toBe(0)
    await expect(page.getByRole('row').filter({ hasText: taskHarburg }).count()).resolves.toBe(1)
  })

  it('the next meeting’s report carries the open to-do and the negotiation’s progress by vendor, and prints compactly', async () => {
    const page = await loggedIn('koordination@demo.invalid')
    await page.goto('/sitzungen')
    await page.getByLabel('Datum der Sitzung').fill(germanDayFromToday(30))
    await page.getByLabel('Titel').fill(`Folgesitzung ${suffix}`)
    await submit(page, 'Sitzung anlegen')
    await page.getByRole('heading', { level: 1, name: `Folgesitzung ${suffix}` }).waitFor()

    // The report opens with the county-by-county summary.
    await expect(page.locator('h2').first().textContent()).resolves.toBe('Überblick je Kreis')
    const carried = page.locator('section', { has: page.getByRole('heading', { name: 'Offen aus früheren Sitzungen' }) })
    await expect(carried.getByRole('row').filter({ hasText: taskHarburg }).isVisible()).resolves.toBe(true)
    await expect(carried.getByText(taskCelle).count()).resolves.toBe(0)
    const vendors = page.locator('section', { has: page.getByRole('heading', { name: 'Verhandlungen nach Hersteller' }) })
    const vendorHeading = vendors.getByRole('heading', { level: 3, name: /^Demo-Soft Bauwesen GmbH/ })
    await expect(vendorHeading.isVisible()).resolves.toBe(true)
    await expect(vendors.getByText('Beim Hersteller angefragt → Angebot liegt vor').isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)

    await page.emulateMedia({ media: 'print' })
    const pdf = await page.pdf({ format: 'A4', printBackground: false })
    const pages = countPdfPages(pdf)
    console.log(`Sitzungsvorlage (16 Kreise): ${pages} Seiten A4`)
    expect(pages).toBeGreaterThan(0)
    expect(pages).toBeLessThanOrEqual(6)
    // „alle N anzeigen“ works as a plain link (no JavaScript needed): the vendor's whole list.
    await page.emulateMedia({ media: 'screen' })
    const showAll = vendors.getByRole('link', { name: /^alle \d+ anzeigen/ }).first()
    await showAll.waitFor()
    const [, total, vendor] = /alle (\d+) anzeigen \((.+)\)/.exec((await showAll.textContent())!)!
    await showAll.click()
    await page.getByRole('link', { name: 'nur die ersten 5 anzeigen' }).waitFor()
    const table = page.getByRole('table', { name: `Offene Schnittstellen mit ${vendor}` })
    await expect(table.locator('tbody tr').count()).resolves.toBe(Number(total))

    // The first meeting looks back 90 days over the demo history: the long case for print.
    await page.goto('/sitzungen')
    await page.getByRole('link', { name: `Verhandlungsrunde ${suffix}` }).click()
    // The address changes before the new page is rendered: wait for its content.
    await page.getByText('(keine frühere Sitzung: die letzten 90 Tage)').waitFor()
    await page.emulateMedia({ media: 'print' })
    const longPages = countPdfPages(await page.pdf({ format: 'A4' }))
    console.log(`Sitzungsvorlage mit 90 Tagen Demo-Verlauf (16 Kreise): ${longPages} Seiten A4`)
    expect(longPages).toBeLessThanOrEqual(6)
  })

  it('vendor counts lead to their rows; planning states its method; pages pass axe', async () => {
    const page = await loggedIn('koordination@demo.invalid')
    await page.goto('/hersteller')
    const vendorRow = page.getByRole('row').filter({ hasText: 'Demo-Soft Bauwesen GmbH' })
    await Promise.all([page.waitForURL(/\/hersteller\/\d+$/), vendorRow.getByRole('link', { name: 'Demo-Soft Bauwesen GmbH', exact: true }).click()])
    await expectNoA11yViolations(page)
    // A county's count for one interface status opens that county's page filtered to exactly those rows.
    const countLink = page.getByRole('link', { name: /Zeilen in .*: In Verhandlung$/ }).first()
    const label = (await countLink.getAttribute('aria-label'))!
    const expected = Number(/^(\d+)/.exec(label)![1])
    await Promise.all([page.waitForURL(/\/kreise\/\d+\?/), countLink.click()])
    await expect(page.getByLabel('Schnittstellenstatus', { exact: true }).inputValue()).resolves.toBe('in_verhandlung')
    await expect(page.getByText(new RegExp(`\\b${expected} (Leistung|Leistungen) gefunden\\b`)).first().isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)

    await page.goto('/matrix?hersteller=1&schnittstellenstatus=in_verhandlung')
    await expectNoA11yViolations(page)

    await page.goto('/planung')
    await expect(page.getByText(/Methode: Zahl der Online-Leistungen am Ende jedes der letzten 12 Monate/).isVisible()).resolves.toBe(true)
    await expect(page.getByRole('table', { name: /Prognose je Kreis/ }).getByRole('row').count()).resolves.toBe(17)
    await expectNoA11yViolations(page)

    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Reifegrad nach Modell 2.0 (0–7) je Kreis' }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole('heading', { name: /Reifegrad nach Modell 1\.1 \(0–4\)/ }).isVisible()).resolves.toBe(true)
    await expectNoA11yViolations(page)
  })
})
