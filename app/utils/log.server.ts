// One JSON line per event on stdout (stderr for errors), filtered by LOG_LEVEL: what an operator's
// log collector reads. Messages carry no personal data beyond a user id.
import { env } from './env.server'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
const ORDER = ['debug', 'info', 'warn', 'error', 'silent'] as const

export function log(level: LogLevel, scope: string, message: string, fields: Record<string, unknown> = {}) {
  if (ORDER.indexOf(level) < ORDER.indexOf(env().LOG_LEVEL)) return
  const line = JSON.stringify({ at: new Date().toISOString(), level, scope, message, ...fields })
  if (level === 'error') console.error(line)
  else console.log(line)
}
