// The health probe's one question to the database, for /healthz.
import { checkDatabaseHealth, type DatabaseHealth } from '~/utils/db.server'

/** Whether the database is open and answers a query (503 on /healthz otherwise). */
export function checkHealth(): Promise<DatabaseHealth> {
  return checkDatabaseHealth()
}
