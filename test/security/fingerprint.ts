// A fingerprint of the community's data: one hash per table over all its rows, so a test can say
// "this request changed nothing" and, as its positive control, "this one changed table X".
// Left out: what signing in and browsing write by design (sessions, login counters, uploads
// awaiting confirmation) and audit records of sign-ins.
//
// PostgreSQL: queried directly on the server's database while it runs. PGlite: one process owns
// the directory, so the server is stopped, the directory opened with PGlite, and the server
// started again on the same data (sessions live in the database, so cookies stay valid).
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import { startServer, type RunningServer, type ServerEngine } from '../support/server'

export type Fingerprint = Record<string, string>

const EXCLUDED = ['sessions', 'login_attempts', 'rate_limits', 'login_known_addresses', 'import_uploads']

const TABLES = `select table_name as name from information_schema.tables
  where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`

function tableQuery(table: string) {
  const where = table === 'audit_log' ? ` where t.action !~* '(sign|login|logout|anmeld|abmeld|session)'` : ''
  return `select coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as hash from "${table}" t${where}`
}

async function collect(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<Fingerprint> {
  const fingerprint: Fingerprint = {}
  for (const { name } of (await query(TABLES)) as { name: string }[]) {
    if (EXCLUDED.includes(name)) continue
    fingerprint[name] = String(((await query(tableQuery(name))) as { hash: string }[])[0].hash)
  }
  // A fingerprint of the wrong database would be an empty one, and every comparison would pass.
  if (!fingerprint.statuses || !fingerprint.users) throw new Error(`Die Datenbank hat keine Daten der Community: ${JSON.stringify(fingerprint)}`)
  return fingerprint
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort()
}

/** A server per engine whose data a test can fingerprint; `server.baseURL` changes on PGlite. */
export class InspectableServer {
  private constructor(
    readonly engine: ServerEngine,
    public server: RunningServer,
  ) {}

  static async start(engine: ServerEngine) {
    return new InspectableServer(engine, await startServer(engine))
  }

  get baseURL() {
    return this.server.baseURL
  }

  async fingerprint(): Promise<Fingerprint> {
    if (this.engine === 'postgres') {
      const sql = postgres(this.server.databaseUrl!, { max: 1, onnotice: () => {} })
      try {
        return await collect((query) => sql.unsafe(query) as Promise<Record<string, unknown>[]>)
      } finally {
        await sql.end()
      }
    }
    const { dataDir, sessionSecret } = this.server
    const code = await this.server.stop({ keepData: true })
    if (code !== 0) throw new Error(`Der Server endete mit Code ${code}:\n${this.server.log()}`)
    // The server keeps PGlite's files in PGLITE_DIR/pglite (beside its lock file).
    const db = new PGlite(join(dataDir, 'pglite'))
    try {
      return await collect(async (query) => (await db.query<Record<string, unknown>>(query)).rows)
    } finally {
      await db.close()
      this.server = await startServer({ engine: 'pglite', dataDir, env: { SESSION_SECRET: sessionSecret } })
    }
  }

  async stop() {
    const code = await this.server.stop()
    // A server restarted on kept data leaves the data to its starter: remove it here.
    rmSync(this.server.dataDir, { recursive: true, force: true })
    return code
  }
}
