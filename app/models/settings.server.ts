// Community-wide settings that an admin changes in the UI; kept in app_meta beside the demo flag.
// Each write is audited; the stale period's write also moves the summary tables' stale cutoff
// (a trigger on app_meta, migration stale_period_setting), whichever path writes it.
import { sql } from 'drizzle-orm'
import { auditLog } from '../../db/schema'
import { getDb, queryRows } from '~/utils/db.server'
import type { Actor } from './status.server'
import { staleAfterDaysSql } from './sql.server'

const COMMUNITY_NAME = 'community_name'
const STALE_AFTER_DAYS = 'stale_after_days'

async function readSetting(key: string): Promise<string | null> {
  const db = await getDb()
  const [row] = await queryRows<{ value: string }>(db, sql`select value from app_meta where key = ${key}`)
  return row?.value ?? null
}

async function writeSetting(key: string, value: string, actor: Actor): Promise<void> {
  const db = await getDb()
  await db.transaction(async (tx) => {
    const [before] = await queryRows<{ value: string }>(tx, sql`select value from app_meta where key = ${key}`)
    await tx.execute(sql`insert into app_meta (key, value) values (${key}, ${value}) on conflict (key) do update set value = excluded.value`)
    await tx.insert(auditLog).values({
      userId: actor?.id ?? null,
      action: 'update',
      entity: 'setting',
      entityId: key,
      details: { from: before?.value ?? null, to: value },
    })
  })
}

/** The community's own name, e.g. „OpenR@thaus“; null until an admin sets it. */
export async function getCommunityName(): Promise<string | null> {
  return readSetting(COMMUNITY_NAME)
}

export async function setCommunityName(name: string, actor: Actor): Promise<void> {
  await writeSetting(COMMUNITY_NAME, name, actor)
}

/** Days after which an unconfirmed row counts as stale, as the summary triggers read it. */
export async function getStaleAfterDays(): Promise<number> {
  const db = await getDb()
  const [row] = await queryRows<{ days: number | string }>(db, sql`select ${staleAfterDaysSql} as days`)
  return Number(row.days)
}

/** Changes the stale period (validated by StaleAfterDaysInput); the summaries recount at once. */
export async function setStaleAfterDays(days: number, actor: Actor): Promise<void> {
  await writeSetting(STALE_AFTER_DAYS, String(days), actor)
}
