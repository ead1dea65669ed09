// Community-wide settings that an admin changes in the UI; kept in app_meta beside the demo flag.
import { sql } from 'drizzle-orm'
import { auditLog } from '../../db/schema'
import { getDb, queryRows } from '~/utils/db.server'
import type { Actor } from './status.server'

const COMMUNITY_NAME = 'community_name'

/** The community's own name, e.g. „OpenR@thaus“; null until an admin sets it. */
export async function getCommunityName(): Promise<string | null> {
  const db = await getDb()
  const [row] = await queryRows<{ value: string }>(db, sql`select value from app_meta where key = ${COMMUNITY_NAME}`)
  return row?.value ?? null
}

export async function setCommunityName(name: string, actor: Actor): Promise<void> {
  const db = await getDb()
  await db.transaction(async (tx) => {
    const [before] = await queryRows<{ value: string }>(tx, sql`select value from app_meta where key = ${COMMUNITY_NAME}`)
    await tx.execute(
      sql`insert into app_meta (key, value) values (${COMMUNITY_NAME}, ${name}) on conflict (key) do update set value = excluded.value`,
    )
    await tx.insert(auditLog).values({
      userId: actor?.id ?? null,
      action: 'update',
      entity: 'setting',
      entityId: COMMUNITY_NAME,
      details: { from: before?.value ?? null, to: name },
    })
  })
}
