// A county's basic components (Basisdienste). Versioned like status rows; every change is
// written to the audit log.
import { and, eq, sql } from 'drizzle-orm'
import { auditLog, countyBasicComponents, users } from '../../db/schema'
import type { BasicComponentUpdate } from '~/domain/basic-component'
import { BasicComponent, type BasicComponentCode, type BasicComponentStatusCode } from '~/domain/enums'
import { getDb } from '~/utils/db.server'
import { pick } from './columns.server'
import type { Actor } from './status.server'

export type BasicComponentRow = {
  component: BasicComponentCode
  status: BasicComponentStatusCode
  provider: string | null
  note: string | null
  /** 0: no row stored yet (shown as „nicht begonnen“). */
  version: number
  updatedAt: Date | null
  updatedByName: string | null
}

/** All six components of a county, in the order of the enum, including those never stored. */
export async function listBasicComponents(countyId: number): Promise<BasicComponentRow[]> {
  const db = await getDb()
  const rows = await db
    .select({
      ...pick(countyBasicComponents, 'component', 'status', 'provider', 'note', 'version', 'updatedAt'),
      updatedByName: users.name,
    })
    .from(countyBasicComponents)
    .leftJoin(users, eq(users.id, countyBasicComponents.updatedBy))
    .where(eq(countyBasicComponents.countyId, countyId))
  const byCode = new Map(rows.map((r) => [r.component, r]))
  return BasicComponent.codes.map((code) => {
    const r = byCode.get(code)
    return r
      ? { ...r, component: code, status: r.status as BasicComponentStatusCode }
      : { component: code, status: 'not_started', provider: null, note: null, version: 0, updatedAt: null, updatedByName: null }
  })
}

export type BasicComponentsResult = { ok: true; changed: number } | { ok: false; conflicts: BasicComponentCode[] }

/** Saves the changed components in one transaction; a stale version aborts all (conflict). */
export async function updateBasicComponents(countyId: number, updates: BasicComponentUpdate[], actor: Actor): Promise<BasicComponentsResult> {
  const db = await getDb()
  const current = new Map((await listBasicComponents(countyId)).map((r) => [r.component, r]))
  const conflicts = updates.filter((u) => current.get(u.component)?.version !== u.expectedVersion).map((u) => u.component)
  if (conflicts.length) return { ok: false, conflicts }
  try {
    return await db.transaction(async (tx) => {
      let changed = 0
      for (const u of updates) {
        const before = current.get(u.component)!
        const diff: Record<string, { from: unknown; to: unknown }> = {}
        for (const f of ['status', 'provider', 'note'] as const) if ((before[f] ?? null) !== (u[f] ?? null)) diff[f] = { from: before[f] ?? null, to: u[f] ?? null }
        if (Object.keys(diff).length === 0) continue
        if (u.expectedVersion === 0) {
          const inserted = await tx
            .insert(countyBasicComponents)
            .values({ countyId, component: u.component, status: u.status, provider: u.provider, note: u.note, updatedBy: actor?.id ?? null })
            .onConflictDoNothing()
            .returning({ version: countyBasicComponents.version })
          if (inserted.length === 0) throw new BasicComponentConflict(u.component)
        } else {
          // The version in the where clause makes the check and the write one atomic step.
          const updated = await tx
            .update(countyBasicComponents)
            .set({ status: u.status, provider: u.provider, note: u.note, version: sql`${countyBasicComponents.version} + 1`, updatedAt: sql`now()`, updatedBy: actor?.id ?? null })
            .where(and(eq(countyBasicComponents.countyId, countyId), eq(countyBasicComponents.component, u.component), eq(countyBasicComponents.version, u.expectedVersion)))
            .returning({ version: countyBasicComponents.version })
          if (updated.length === 0) throw new BasicComponentConflict(u.component)
        }
        await tx.insert(auditLog).values({ userId: actor?.id ?? null, action: 'update', entity: 'county_basic_component', entityId: `${countyId}:${u.component}`, details: { changes: diff } })
        changed++
      }
      return { ok: true as const, changed }
    })
  } catch (error) {
    if (error instanceof BasicComponentConflict) return { ok: false, conflicts: [error.component] }
    throw error
  }
}

class BasicComponentConflict extends Error {
  constructor(public component: BasicComponentCode) {
    super(`Basisdienst ${component} wurde inzwischen geändert.`)
  }
}
