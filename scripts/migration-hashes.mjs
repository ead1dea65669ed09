// Committed migrations are immutable: a database that applied one never runs it again, so an
// edit would make two databases differ silently. `db/migration-hashes.json` records each
// migration's SHA-256 when it is added; the unit suite compares. `npm run db:record` adds the
// hash of a NEW migration and refuses to change a recorded one.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const migrationsDir = fileURLToPath(new URL('../db/migrations/', import.meta.url))
export const hashesFile = fileURLToPath(new URL('../db/migration-hashes.json', import.meta.url))

export function currentHashes() {
  const journal = JSON.parse(readFileSync(`${migrationsDir}meta/_journal.json`, 'utf8'))
  return Object.fromEntries(
    journal.entries.map(({ tag }) => [
      tag,
      createHash('sha256').update(readFileSync(`${migrationsDir}${tag}.sql`)).digest('hex'),
    ]),
  )
}

export function recordedHashes() {
  return JSON.parse(readFileSync(hashesFile, 'utf8'))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const recorded = recordedHashes()
  const current = currentHashes()
  const sqlFiles = readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4))
  const unjournaled = sqlFiles.filter((tag) => !(tag in current))
  if (unjournaled.length) {
    console.error(`Nicht im Journal: ${unjournaled.join(', ')} (mit drizzle-kit erzeugen).`)
    process.exit(1)
  }
  let changed = false
  for (const [tag, hash] of Object.entries(current)) {
    if (recorded[tag] === undefined) {
      recorded[tag] = hash
      changed = true
      console.log(`aufgenommen: ${tag}`)
    } else if (recorded[tag] !== hash) {
      console.error(`${tag} wurde nach dem Einchecken geändert. Schreiben Sie eine neue Migration statt sie zu ändern.`)
      process.exit(1)
    }
  }
  if (changed) writeFileSync(hashesFile, `${JSON.stringify(recorded, null, 2)}\n`)
  else console.log('Alle Migrationen sind bereits aufgenommen.')
}
