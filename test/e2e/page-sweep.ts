// Every page, at 1280, 390 and 320 px: no axe findings (WCAG 2.0/2.1 A and AA), and reflow
// (WCAG 1.4.10): the document is no wider than the viewport, and what scrolls sideways inside it
// is a box the keyboard can reach and whose focus is visible.
// Each page is loaded once and then looked at in the three widths: no app code reads the width,
// so resizing gives the layout a load at that width would (one load instead of three).
// The page list is kept here; a test checks it against the route modules, so a new page without
// an entry fails until it gets one. The pages are dealt to three files (pages-*.test.ts), which
// run side by side on the worker slots' servers.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoA11yViolations, gotoHydrated, launchBrowser, login, newContext } from './support'

type Role = 'anonymous' | 'admin' | 'coordinator' | 'editor' | 'management'
type PageState = { route: string; path: string; as: Role }

const WIDTHS = [1280, 390, 320] as const
const PARTS = 3

const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = {
  admin: 'admin@demo.invalid',
  coordinator: 'koordination@demo.invalid',
  editor: 'celle@demo.invalid',
  management: 'leitung@demo.invalid',
}
// A well-formed token nobody was given: the link pages' German 404.
const UNKNOWN_TOKEN = 'A'.repeat(43)

/** Route ids (Remix flat-file names) of every module with a page component. */
function pageRoutes(): string[] {
  const dir = new URL('../../app/routes/', import.meta.url)
  const ids: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = entry.isDirectory() ? ['route.tsx', 'route.ts'].map((f) => new URL(`${entry.name}/${f}`, dir)).find((f) => existsSync(f)) : new URL(entry.name, dir)
    if (!file || !/\.tsx?$/.test(file.pathname)) continue
    if (/export default function/.test(readFileSync(file, 'utf8'))) ids.push(entry.name.replace(/\.tsx?$/, ''))
  }
  return ids.sort()
}

/** Ids found on the demo data (and the meeting and negotiation made for this test). */
type Found = Record<'onlineService' | 'vendor' | 'fachverfahren' | 'negotiation' | 'meeting' | 'user', string>

function pageStates(found: Found): PageState[] {
  return [
    { route: 'anmelden', path: '/anmelden', as: 'anonymous' },
    { route: 'passwort-vergessen', path: '/passwort-vergessen', as: 'anonymous' },
    { route: 'einladung.$token', path: `/einladung/${UNKNOWN_TOKEN}`, as: 'anonymous' },
    { route: 'passwort-neu.$token', path: `/passwort-neu/${UNKNOWN_TOKEN}`, as: 'anonymous' },
    { route: '$', path: '/gibt-es-nicht', as: 'editor' },
    { route: '_index', path: '/', as: 'editor' },
    { route: '_index', path: '/', as: 'management' },
    { route: 'kreise._index', path: '/kreise', as: 'editor' },
    { route: 'kreise.$ags._index', path: '/kreise/03351', as: 'editor' },
    { route: 'kreise.$ags.kontakte', path: '/kreise/03351/kontakte', as: 'editor' },
    { route: 'kreise.$ags.leistungen.$ozgId', path: '/kreise/03351/leistungen/10519', as: 'editor' },
    { route: 'leistungen._index', path: '/leistungen', as: 'editor' },
    { route: 'leistungen.$ozgId', path: '/leistungen/10519', as: 'editor' },
    { route: 'matrix', path: '/matrix', as: 'editor' },
    { route: 'vergleich', path: '/vergleich', as: 'editor' },
    { route: 'vergleich', path: '/vergleich?kreise=03351,03353', as: 'editor' },
    { route: 'online-dienste._index', path: '/online-dienste', as: 'coordinator' },
    { route: 'online-dienste.$id', path: `/online-dienste/${found.onlineService}`, as: 'coordinator' },
    { route: 'online-dienste.$id_.bearbeiten', path: `/online-dienste/${found.onlineService}/bearbeiten`, as: 'coordinator' },
    { route: 'online-dienste.neu', path: '/online-dienste/neu', as: 'coordinator' },
    { route: 'hersteller._index', path: '/hersteller', as: 'coordinator' },
    { route: 'hersteller.$id', path: `/hersteller/${found.vendor}`, as: 'coordinator' },
    { route: 'hersteller.$id_.bearbeiten', path: `/hersteller/${found.vendor}/bearbeiten`, as: 'coordinator' },
    { route: 'hersteller.$id_.fachverfahren.$fvId', path: `/hersteller/${found.vendor}/fachverfahren/${found.fachverfahren}`, as: 'coordinator' },
    { route: 'hersteller.neu', path: '/hersteller/neu', as: 'coordinator' },
    { route: 'verhandlungen._index', path: '/verhandlungen', as: 'coordinator' },
    { route: 'verhandlungen.$id', path: `/verhandlungen/${found.negotiation}`, as: 'coordinator' },
    { route: 'sitzungen._index', path: '/sitzungen', as: 'coordinator' },
    { route: 'sitzungen.$id', path: `/sitzungen/${found.meeting}`, as: 'coordinator' },
    { route: 'aufgaben', path: '/aufgaben', as: 'coordinator' },
    { route: 'planung', path: '/planung', as: 'coordinator' },
    { route: 'import', path: '/import', as: 'editor' },
    { route: 'import_.katalog', path: '/import/katalog', as: 'admin' },
    { route: 'benachrichtigungen', path: '/benachrichtigungen', as: 'editor' },
    { route: 'profil', path: '/profil', as: 'editor' },
    { route: 'admin.benutzer._index', path: '/admin/benutzer', as: 'admin' },
    { route: 'admin.benutzer.$id', path: `/admin/benutzer/${found.user}`, as: 'admin' },
    { route: 'admin.kreise', path: '/admin/kreise', as: 'admin' },
    { route: 'admin.zustaendigkeit', path: '/admin/zustaendigkeit', as: 'admin' },
  ]
}

/** At the current width: the document's overflow, and sideways scroll boxes without keyboard access or a focus ring of 2 px. */
async function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const doc = document.documentElement
    if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`Dokument ${doc.scrollWidth}px breit bei ${doc.clientWidth}px Viewport`)
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.scrollWidth <= el.clientWidth + 1 || !/(auto|scroll)/.test(getComputedStyle(el).overflowX)) continue
      // Content of a closed <details> is laid out but not shown: nothing to scroll or focus yet.
      if (!el.checkVisibility()) continue
      if (el.tabIndex >= 0) {
        el.focus({ focusVisible: true } as FocusOptions)
        const style = getComputedStyle(el)
        const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
        if (!ring && style.boxShadow === 'none') problems.push(`${name(el)}: scrollt seitlich, Fokus nicht sichtbar`)
        el.blur()
      } else if (!el.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')) {
        problems.push(`${name(el)}: scrollt seitlich, mit der Tastatur nicht erreichbar`)
      }
    }
    return problems
  })
}

const SWEEP_MEETING = 'Seitenprüfung'

/** The sweep's meeting on this server: found by its title, else made through the form. */
async function pageSweepMeeting(coordinator: Page): Promise<string> {
  await coordinator.goto('/sitzungen')
  const existing = await coordinator.getByRole('link', { name: SWEEP_MEETING }).first().getAttribute('href', { timeout: 1000 }).catch(() => null)
  if (existing) return /\/sitzungen\/(\d+)$/.exec(existing)![1]
  await coordinator.getByLabel('Datum der Sitzung').fill('01.07.2027')
  await coordinator.getByLabel('Titel').fill(SWEEP_MEETING)
  await Promise.all([coordinator.waitForURL(/\/sitzungen\/\d+$/), coordinator.getByRole('button', { name: 'Sitzung anlegen' }).click()])
  return /\/sitzungen\/(\d+)$/.exec(coordinator.url())![1]
}

/** A negotiation with the last vendor (coordination.test.ts works with the first): found, else made. */
async function pageSweepNegotiation(coordinator: Page): Promise<string> {
  await coordinator.goto('/verhandlungen')
  const form = coordinator.locator('form').filter({ has: coordinator.getByRole('button', { name: 'Verhandlung anlegen' }) })
  const vendors = form.getByLabel('Hersteller')
  const vendor = (await vendors.locator('option').last().textContent())!.trim()
  const hrefs = await coordinator.$$eval('main a[href^="/verhandlungen/"]', (links) => links.map((a) => [a.getAttribute('href') ?? '', a.textContent ?? '']))
  const existing = hrefs.find(([, text]) => text.startsWith(`${vendor} – `))
  if (existing) return /\/verhandlungen\/(\d+)/.exec(existing[0])![1]
  await vendors.selectOption({ label: vendor })
  const fachverfahren = form.getByLabel('Fachverfahren', { exact: true })
  await fachverfahren.selectOption((await fachverfahren.locator(`optgroup[label="${vendor}"] option`).first().getAttribute('value'))!)
  await form.getByRole('group', { name: 'Beteiligte Kreise' }).getByRole('checkbox').first().check()
  await Promise.all([coordinator.waitForURL(/\/verhandlungen\/\d+(\?|$)/), form.getByRole('button', { name: 'Verhandlung anlegen' }).click()])
  return /\/verhandlungen\/(\d+)/.exec(coordinator.url())![1]
}

/** Every PARTS-th page state, starting at `part`; part 0 also checks that every page route is listed. */
export function describePageSweep(part: number) {
  describe(`pages (part ${part + 1} of ${PARTS}) at ${WIDTHS.join(', ')} px: axe and reflow`, () => {
    let browser: Browser
    const pages = new Map<Role, Page>()
    const contexts: BrowserContext[] = []
    const found: Found = { onlineService: '', vendor: '', fachverfahren: '', negotiation: '', meeting: '', user: '' }

    async function pageAs(role: Role) {
      if (!pages.has(role)) {
        const context = await newContext(browser)
        contexts.push(context)
        const page = await context.newPage()
        if (role !== 'anonymous') await login(page, ACCOUNTS[role])
        pages.set(role, page)
      }
      return pages.get(role)!
    }

    const firstId = async (page: Page, path: string, pattern: RegExp) => {
      await page.goto(path)
      const hrefs = await page.$$eval('main a[href]', (links) => links.map((a) => a.getAttribute('href') ?? ''))
      const match = hrefs.map((h) => pattern.exec(h)).find(Boolean)
      if (!match) throw new Error(`Kein Link ${pattern} auf ${path}`)
      return match[1]
    }

    beforeAll(async () => {
      browser = await launchBrowser()
      const coordinator = await pageAs('coordinator')
      found.onlineService = await firstId(coordinator, '/online-dienste', /^\/online-dienste\/(\d+)$/)
      found.vendor = await firstId(coordinator, '/hersteller', /^\/hersteller\/(\d+)$/)
      found.fachverfahren = await firstId(coordinator, `/hersteller/${found.vendor}`, /\/fachverfahren\/(\d+)$/)
      // The demo has no meeting and no negotiation: one of each, made through their forms by the
      // first sweep on this server and found by the others.
      found.meeting = await pageSweepMeeting(coordinator)
      found.negotiation = await pageSweepNegotiation(coordinator)
      found.user = await firstId(await pageAs('admin'), '/admin/benutzer', /^\/admin\/benutzer\/(\d+)$/)
    })
    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => {})
      await browser?.close()
    })

    if (part === 0) {
      it('lists every page route', () => {
        const listed = new Set(pageStates(found).map((s) => s.route))
        expect(pageRoutes().filter((id) => !listed.has(id))).toEqual([])
      })
    }

    // The ids are found in beforeAll; the states' paths are read when each test runs.
    const placeholders: Found = { onlineService: ':id', vendor: ':id', fachverfahren: ':fvId', negotiation: ':id', meeting: ':id', user: ':id' }
    pageStates(placeholders).forEach((state, index) => {
      if (index % PARTS !== part) return
      it(`${state.path} (${state.as})`, { timeout: 180_000 }, async () => {
        const { path, as } = pageStates(found)[index]
        const page = await pageAs(as)
        await page.setViewportSize({ width: WIDTHS[0], height: 900 })
        const response = await gotoHydrated(page, path)
        expect(response?.status(), path).toBe(state.route === '$' || state.route.endsWith('$token') ? 404 : 200)
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 })
          // A frame, so that what reacts to the resize (the charts) has drawn at the new width.
          await page.evaluate(() => new Promise(requestAnimationFrame))
          expect(await reflowProblems(page), `Umbruch auf ${path} bei ${width}px`).toEqual([])
          await expectNoA11yViolations(page)
        }
      })
    })
  })
}
