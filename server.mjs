// The production HTTP server (`npm start`, after `npm run build`): Express around the Remix
// build. It checks the configuration before listening, refuses foreign-origin posts, oversized
// and trickling bodies with German pages of its own, sets the security headers, serves the
// assets, and closes the database on SIGTERM/SIGINT. The rules it applies come from the build
// (app/entry.server.tsx re-exports them), so each has one definition. It adapts Express to
// Remix itself (as @remix-run/express does, in a few lines) because the Request Remix sees
// must carry the public address and the guarded body. See docs/decisions/011-own-http-server.md.
import { spawn } from 'node:child_process'
import cluster from 'node:cluster'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'

const BUILD = new URL('./build/server/index.js', import.meta.url)
const build = await import(BUILD.href)
const kit = build.entry.module

let config
try {
  config = kit.parseEnv(process.env)
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}

const workers = kit.workerCount(config, availableParallelism())
if (cluster.isPrimary && workers > 1) runPrimary(workers)
else await runWorker()

function runPrimary(count) {
  let stopping = false
  const fork = () => cluster.fork()
  for (let i = 0; i < count; i++) fork()
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    console.error(`Serverprozess ${worker.process.pid} ist beendet (${signal ?? code}); ein neuer startet.`)
    fork()
  })
  const stop = () => {
    if (stopping) return
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

async function runWorker() {
  // Our handlers come first, so the database module does not add its own (it would close the
  // database a second time, racing ours). Until the server listens, a signal closes the database.
  let stop = () => kit.closeDatabase().finally(() => process.exit(0))
  process.on('SIGTERM', () => stop())
  process.on('SIGINT', () => stop())
  // A fresh PGlite directory is seeded by a process of its own, whose end returns the seed's memory.
  if (!config.DATABASE_URL) await seedFreshPglite(join(config.PGLITE_DIR, 'pglite'))
  // Open (migrate, seed) before listening: a server without its database must not answer pages.
  await kit.openAppDatabase()
  // Digests, reminders and „jetzt verfügbar“ (docs/decisions/016-job-queue.md).
  await kit.startJobs()
  const isHttps = config.PUBLIC_URL?.startsWith('https:') ?? false
  const stylesheets = kit.stylesheets()
  const handleRemix = createRequestHandler(build, config.NODE_ENV)
  const app = express()
  app.disable('x-powered-by')
  // req.ip: the socket's address, or the address the outermost of TRUST_PROXY proxies saw.
  app.set('trust proxy', config.TRUST_PROXY)

  // One JSON line per request when it is answered (or the client left): method, the route
  // pattern (never the concrete path), status, duration and the signed-in user's id.
  const routePattern = kit.createRoutePattern(build.routes)
  app.use((req, res, next) => {
    const startedAt = performance.now()
    res.locals.requestFacts = { userId: null }
    res.locals.route = 'static'
    res.once('close', () => {
      const { userId } = res.locals.requestFacts
      kit.logRequest({ method: req.method, route: res.locals.route, status: res.statusCode, durationMs: performance.now() - startedAt, userId })
    })
    next()
  })
  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    next()
  })
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // Our bundles, and Remix's inline hydration scripts carrying this response's nonce.
          scriptSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
          scriptSrcAttr: ["'none'"],
          // React renders style attributes (bar widths); no style sheets from elsewhere.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(isHttps ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: isHttps ? { maxAge: 365 * 86_400, includeSubDomains: false } : false,
    }),
  )
  app.use(compression())
  // Vite puts a content hash into every file name under /assets: cache those for good.
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y', index: false }))
  app.use(express.static('build/client', { maxAge: '1h', index: false }))

  const refuse = (req, res, status, message) => {
    const { contentType, body } = kit.problemResponse(req.path, status, message, stylesheets)
    // The rest of a refused body is not read: close the connection after answering.
    if (status === 413 || status === 408) res.set('Connection', 'close')
    res.status(status).type(contentType).set('Cache-Control', 'no-store').send(body)
  }

  app.all('*', async (req, res, next) => {
    res.locals.route = routePattern(req.path)
    try {
      const origin = kit.publicOrigin({
        publicUrl: config.PUBLIC_URL,
        trustProxy: config.TRUST_PROXY,
        headers: req.headers,
        encrypted: Boolean(req.socket.encrypted),
      })
      // A request line with a full URL ("GET http://elsewhere/ HTTP/1.1") or "*" names no path of ours.
      if (!kit.ALLOWED_METHODS.has(req.method)) {
        res.set('Allow', [...kit.ALLOWED_METHODS].join(', '))
        return refuse(req, res, 405, kit.METHOD_NOT_ALLOWED_MESSAGE)
      }
      if (!origin || !req.originalUrl.startsWith('/')) return refuse(req, res, 400, kit.BAD_HOST_MESSAGE)
      const url = new URL(`${origin}${req.originalUrl}`)
      // Remix sees the public address: its own origin check compares Origin with Host (or an
      // X-Forwarded-Host it would trust blindly), and the app's assertSameOrigin with the URL.
      const headers = new Headers()
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1])
      headers.set('Host', url.host)
      headers.delete('X-Forwarded-Host')
      headers.delete('X-Forwarded-Proto')

      const controller = new AbortController()
      const init = { method: req.method, headers, signal: controller.signal }
      const request = new Request(url, init)
      // Cross-site request forgery: a page elsewhere could post with the user's cookie. The API
      // authenticates with tokens in a header, which no other page can send along.
      const isMutation = !['GET', 'HEAD', 'OPTIONS'].includes(req.method)
      if (isMutation && !/^\/api(\/|$)/i.test(req.path) && !kit.isSameOrigin(request)) {
        return refuse(req, res, 403, kit.FOREIGN_ORIGIN_MESSAGE)
      }

      let guard = null
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const limit = kit.bodyLimitFor(req.path)
        if (Number(req.get('Content-Length') ?? 0) > limit.bytes) return refuse(req, res, 413, limit.tooLarge)
        guard = kit.guardBody(req, limit, () => controller.abort())
        init.body = createReadableStreamFromReadable(guard.body)
        init.duplex = 'half'
      }
      // The client went away before the answer was complete: stop the loaders and actions.
      res.on('close', () => {
        if (!res.writableFinished) controller.abort()
        guard?.release()
      })

      const loadContext = { clientAddress: req.ip, cspNonce: res.locals.cspNonce }
      const response = await kit.withRequestFacts(res.locals.requestFacts, () => handleRemix(guard ? new Request(url, init) : request, loadContext))
      const problem = guard?.problem()
      if (problem) {
        await response.body?.cancel()
        const limit = kit.bodyLimitFor(req.path)
        return refuse(req, res, problem === 'too-large' ? 413 : 408, problem === 'too-large' ? limit.tooLarge : kit.SLOW_BODY_MESSAGE)
      }
      res.statusMessage = response.statusText
      res.status(response.status)
      // The app's own header replaces the security default of the same name (a download sets
      // nosniff itself); only cookies come several at a time.
      for (const [name, value] of response.headers) {
        if (name === 'set-cookie') res.append(name, value)
        else res.set(name, value)
      }
      if (response.body) await writeReadableStreamToWritable(response.body, res)
      else res.end()
    } catch (error) {
      next(error)
    }
  })

  app.use((error, req, res, _next) => {
    console.error(error)
    if (res.headersSent) return res.destroy()
    refuse(req, res, 500, kit.UNEXPECTED_MESSAGE)
  })

  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address()
    const shown = typeof address === 'string' ? address : `http://${config.HOST ?? 'localhost'}:${address?.port}`
    console.log(`OZG-Radar läuft auf ${shown} (Prozess ${process.pid})`)
  })
  // Headers must arrive within 20 s and a whole request within 10 min (uploads included);
  // the body guard above cuts ordinary forms far earlier.
  server.headersTimeout = 20_000
  server.requestTimeout = 600_000
  server.on('error', (error) => {
    console.error(`Der Server kann nicht starten: ${error.message}`)
    process.exit(1)
  })

  let stopping = false
  stop = () => {
    if (stopping) return
    stopping = true
    // Stop taking connections, let running requests finish (up to 10 s), then close the
    // database: open pools and PGlite would otherwise keep the process alive.
    const force = setTimeout(() => server.closeAllConnections(), 10_000)
    force.unref()
    server.close(() => {
      // The database is closed (and PGlite's lock released) even when stopping the jobs failed.
      kit
        .stopJobs()
        .catch((error) => console.error(error))
        .then(() => kit.closeDatabase())
        .catch((error) => console.error(error))
        .finally(() => process.exit(0))
    })
  }
}

async function seedFreshPglite(dir) {
  if (existsSync(dir) && readdirSync(dir).length > 0) return
  const seeder = spawn(process.execPath, [new URL('./scripts/seed-pglite.mjs', import.meta.url).pathname, BUILD.href], { stdio: 'inherit' })
  // A server stopped while seeding takes the seeding process with it.
  const stopSeeder = () => seeder.kill()
  process.once('exit', stopSeeder)
  const code = await new Promise((resolve, reject) => {
    seeder.once('error', reject)
    seeder.once('exit', resolve)
  })
  process.off('exit', stopSeeder)
  // The seeding process has said why (openAppDatabase logs the cause); the server does not start.
  if (code !== 0) process.exit(1)
}
