// Screenshots for the README: dashboard, county page, row form and matrix at 1280 and 390 px,
// as the editor of Landkreis Celle sees them in the demo community.
//
//   node scripts/screenshots.mjs        (builds first if build/ is missing)
//
// Starts the built server on a free port with a fresh PGlite directory and the demo data, takes
// the screenshots in Debian's Chromium (CHROMIUM_PATH to use another) and stops the server.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'

const ROOT = resolve(import.meta.dirname, '..')
const OUT = join(ROOT, 'docs/screenshots')
const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]
const SHOTS = [
  { name: 'dashboard', path: '/' },
  { name: 'county', path: '/kreise/03351' },
  { name: 'row-form', path: '/kreise/03351/leistungen/10519' },
  // The grid itself, not the filters above it.
  { name: 'matrix', path: '/matrix', scrollTo: '#legende' },
]

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer()
    server.on('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => done(port))
    })
  })
}

async function waitUntilHealthy(url, child, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`Der Server hat sich beendet (Code ${child.exitCode}).`)
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok).catch(() => false)
    if (ok) return
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`Der Server antwortete nicht binnen ${timeoutMs / 1000} s.`)
}

if (!existsSync(join(ROOT, 'build/server/index.js'))) {
  const build = spawnSync('npx', ['remix', 'vite:build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const port = await freePort()
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-radar-screenshots-'))
const server = spawn(process.execPath, ['server.mjs'], {
  cwd: ROOT,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), PGLITE_DIR: join(dataDir, 'pglite'), DATABASE_URL: '', DEMO_DATA: 'true', PUBLIC_URL: '', SMTP_URL: '' },
})
const baseURL = `http://127.0.0.1:${port}`
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
})
try {
  await waitUntilHealthy(baseURL, server)
  mkdirSync(OUT, { recursive: true })
  const context = await browser.newContext({ baseURL, locale: 'de-DE', reducedMotion: 'reduce' })
  const page = await context.newPage()
  await page.goto('/anmelden')
  await page.getByLabel('E-Mail-Adresse').fill('celle@demo.invalid')
  await page.getByLabel('Passwort').fill('ozg-radar-demo')
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/anmelden')), page.getByRole('button', { name: 'Anmelden' }).click()])
  for (const viewport of WIDTHS) {
    await page.setViewportSize(viewport)
    for (const shot of SHOTS) {
      await page.goto(shot.path)
      await page.waitForLoadState('networkidle')
      // Charts draw after hydration; give them a moment.
      await page.waitForTimeout(500)
      if (shot.scrollTo) await page.locator(shot.scrollTo).evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16))
      const file = join(OUT, `${shot.name}-${viewport.width}.png`)
      await page.screenshot({ path: file })
      console.log(`gespeichert: ${file.slice(ROOT.length + 1)}`)
    }
  }
} finally {
  await browser.close()
  server.kill('SIGTERM')
  await new Promise((r) => server.once('exit', r))
  rmSync(dataDir, { recursive: true, force: true })
}
