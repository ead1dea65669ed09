// Creates an account, e.g. the first admin of a production installation:
//   npm run user:create -- --email it@kreis.de --role admin [--name "…"] [--county 03351] [--password …]
// Without --password (or USER_PASSWORD) a random password is generated and printed once.
// Uses DATABASE_URL (PostgreSQL) or PGLITE_DIR like the app; never run it against a PGlite
// directory a running server holds (the lock file refuses that).
import { parseArgs } from 'node:util'
import { NewUserInput } from '../app/domain/user'
import { createUser, generatePassword } from '../app/models/user.server'
import { openDatabase, useDatabase } from '../app/utils/db.server'
import { env } from '../app/utils/env.server'
import { join } from 'node:path'

async function main() {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, role: { type: 'string' }, county: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  })
  const generated = !values.password && !process.env.USER_PASSWORD
  const password = values.password ?? process.env.USER_PASSWORD ?? generatePassword()
  const parsed = NewUserInput.safeParse({ email: values.email ?? '', name: values.name ?? '', role: values.role ?? '', kreis: values.county ?? '', password })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path[0] === 'kreis' ? 'county' : String(issue.path[0])}: ${issue.message}`)
    console.error('Aufruf: npm run user:create -- --email name@kreis.de --role admin|coordinator|editor|viewer [--county AGS] [--name "Name"] [--password …]')
    process.exit(2)
  }
  const config = env()
  const handle = config.DATABASE_URL
    ? await openDatabase({ engine: 'postgres', url: config.DATABASE_URL, max: 1 })
    : await openDatabase({ engine: 'pglite', dir: join(config.PGLITE_DIR, 'pglite') })
  try {
    useDatabase(handle)
    const result = await createUser(parsed.data, null, handle.db)
    if (!result.ok) {
      console.error(`${result.field}: ${result.message}`)
      process.exitCode = 1
      return
    }
    console.log(`Konto ${parsed.data.email} (${parsed.data.role}) angelegt, id ${result.id}.`)
    if (generated) console.log(`Passwort (wird nur jetzt angezeigt): ${password}`)
  } finally {
    await handle.close()
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
