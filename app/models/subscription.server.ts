// What a user follows and how often the digest comes: the /profil section and its writes, each
// with its audit_log entry.
import { and, asc, eq, sql } from 'drizzle-orm'
import { auditLog, counties, notificationSettings, onlineServices, services, subscriptions, vendors } from '../../db/schema'
import {
  DEFAULT_SETTINGS,
  type DigestFrequency,
  type NotificationSettingsInput,
  type SubscribeInput,
  type SubscriptionKind,
} from '~/domain/notification'
import type { SessionUser } from '~/domain/permissions'
import { getDb, queryRows } from '~/utils/db.server'
import { getStaleAfterDays } from './settings.server'

export type SubscriptionRow = { id: number; kind: SubscriptionKind; targetId: number; label: string; href: string | null }

/** The user's subscriptions with a readable name and a link to each target. */
export async function listSubscriptions(userId: number): Promise<SubscriptionRow[]> {
  const db = await getDb()
  const rows = await queryRows<{ id: number; kind: SubscriptionKind; target_id: number; label: string | null; key: string | null }>(
    db,
    sql`
      select s.id, s.kind, s.target_id,
             case s.kind
               when 'county' then (select c.name || ' (' || c.ags || ')' from counties c where c.id = s.target_id)
               when 'service' then (select sv.ozg_id || ' ' || sv.name from services sv where sv.id = s.target_id)
               when 'online_service' then (select os.name from online_services os where os.id = s.target_id)
               when 'vendor' then (select v.name from vendors v where v.id = s.target_id)
               when 'negotiation' then (
                 select concat_ws(' – ', v.name, f.name, n.interface_standard)
                 from negotiations n join vendors v on v.id = n.vendor_id left join fachverfahren f on f.id = n.fachverfahren_id
                 where n.id = s.target_id)
             end as label,
             case s.kind
               when 'county' then (select c.ags from counties c where c.id = s.target_id)
               when 'service' then (select sv.ozg_id from services sv where sv.id = s.target_id)
               else s.target_id::text
             end as key
      from subscriptions s
      where s.user_id = ${userId}
      order by s.kind, label
    `,
  )
  const path: Record<SubscriptionKind, string> = {
    county: '/kreise/',
    service: '/leistungen/',
    online_service: '/online-dienste/',
    vendor: '/hersteller/',
    negotiation: '/verhandlungen/',
  }
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    targetId: Number(r.target_id),
    // A deleted target leaves its subscription behind; it matches nothing and can be removed.
    label: r.label ?? 'Gelöschter Eintrag',
    href: r.label && r.key ? path[r.kind] + r.key : null,
  }))
}

/** The user's digest settings, and the community's stale period their reminders follow. */
export async function getNotificationSettings(userId: number): Promise<{ digest: DigestFrequency; instantMail: boolean; staleAfterDays: number }> {
  const db = await getDb()
  const [[row], staleAfterDays] = await Promise.all([
    db
      .select({ digest: notificationSettings.digest, instantMail: notificationSettings.instantMail })
      .from(notificationSettings)
      .where(eq(notificationSettings.userId, userId)),
    getStaleAfterDays(),
  ])
  const own = row ? { digest: row.digest as DigestFrequency, instantMail: row.instantMail } : { ...DEFAULT_SETTINGS }
  return { ...own, staleAfterDays }
}

/** The user's subscription of one target, if any (its id, to end it). */
export async function findSubscription(userId: number, kind: SubscriptionKind, targetId: number): Promise<number | null> {
  const db = await getDb()
  const [row] = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), eq(subscriptions.kind, kind), eq(subscriptions.targetId, targetId)))
  return row?.id ?? null
}

/** The choices of the „abonnieren“ forms: member counties, online services, vendors and negotiations by name. */
export async function listSubscriptionTargets() {
  const db = await getDb()
  const [countyList, onlineServiceList, vendorList, negotiationList] = await Promise.all([
    db.select({ ags: counties.ags, name: counties.name }).from(counties).where(eq(counties.isMember, true)).orderBy(asc(counties.name)),
    db.select({ id: onlineServices.id, name: onlineServices.name }).from(onlineServices).orderBy(asc(onlineServices.name)),
    db.select({ id: vendors.id, name: vendors.name }).from(vendors).orderBy(asc(vendors.name)),
    queryRows<{ id: number; name: string }>(
      db,
      sql`
        select n.id, concat_ws(' – ', v.name, f.name, n.interface_standard) as name
        from negotiations n join vendors v on v.id = n.vendor_id left join fachverfahren f on f.id = n.fachverfahren_id
        order by name
      `,
    ),
  ])
  return { counties: countyList, onlineServices: onlineServiceList, vendors: vendorList, negotiations: negotiationList.map((n) => ({ id: Number(n.id), name: n.name })) }
}

export type SubscribeResult = { ok: true; label: string } | { ok: false; field: string; message: string }

/** Follows one target; following it again changes nothing. An unknown target is a field error. */
export async function subscribe(user: SessionUser, input: SubscribeInput): Promise<SubscribeResult> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    let target: { id: number; label: string } | undefined
    let field: string
    let missing: string
    if (input.kind === 'county') {
      field = 'kreis'
      missing = 'Diesen Kreis gibt es in der Community nicht. Wählen Sie einen Kreis aus der Liste.'
      ;[target] = await tx
        .select({ id: counties.id, label: counties.name })
        .from(counties)
        .where(and(eq(counties.ags, input.kreis), eq(counties.isMember, true)))
    } else if (input.kind === 'service') {
      field = 'ozgId'
      missing = `Eine Leistung mit der OZG-ID ${input.ozgId} gibt es im Katalog nicht. Prüfen Sie die Nummer.`
      ;[target] = await tx.select({ id: services.id, label: sql<string>`${services.ozgId} || ' ' || ${services.name}` }).from(services).where(eq(services.ozgId, input.ozgId))
    } else if (input.kind === 'online_service') {
      field = 'onlineDienst'
      missing = 'Diesen Online-Dienst gibt es nicht. Wählen Sie einen aus der Liste.'
      ;[target] = await tx.select({ id: onlineServices.id, label: onlineServices.name }).from(onlineServices).where(eq(onlineServices.id, input.onlineDienst))
    } else if (input.kind === 'negotiation') {
      field = 'verhandlung'
      missing = 'Diese Verhandlung gibt es nicht. Wählen Sie eine aus der Liste.'
      ;[target] = await queryRows<{ id: number; label: string }>(
        tx,
        sql`
          select n.id, concat_ws(' – ', v.name, f.name, n.interface_standard) as label
          from negotiations n join vendors v on v.id = n.vendor_id left join fachverfahren f on f.id = n.fachverfahren_id
          where n.id = ${input.verhandlung}
        `,
      )
      if (target) target = { id: Number(target.id), label: target.label }
    } else {
      field = 'hersteller'
      missing = 'Diesen Hersteller gibt es nicht. Wählen Sie einen aus der Liste.'
      ;[target] = await tx.select({ id: vendors.id, label: vendors.name }).from(vendors).where(eq(vendors.id, input.hersteller))
    }
    if (!target) return { ok: false as const, field, message: missing }
    const inserted = await tx
      .insert(subscriptions)
      .values({ userId: user.id, kind: input.kind, targetId: target.id })
      .onConflictDoNothing()
      .returning({ id: subscriptions.id })
    if (inserted.length) {
      await tx.insert(auditLog).values({
        userId: user.id,
        action: 'create',
        entity: 'subscription',
        entityId: String(inserted[0].id),
        details: { kind: input.kind, targetId: target.id },
      })
    }
    return { ok: true as const, label: target.label }
  })
}

/** Removes one of the user's own subscriptions; false when it is not theirs or already gone. */
export async function unsubscribe(user: SessionUser, subscriptionId: number): Promise<boolean> {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(subscriptions)
      .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.userId, user.id)))
      .returning({ kind: subscriptions.kind, targetId: subscriptions.targetId })
    if (!deleted.length) return false
    await tx.insert(auditLog).values({
      userId: user.id,
      action: 'delete',
      entity: 'subscription',
      entityId: String(subscriptionId),
      details: { kind: deleted[0].kind, targetId: deleted[0].targetId },
    })
    return true
  })
}

export async function saveNotificationSettings(user: SessionUser, input: NotificationSettingsInput) {
  const db = await getDb()
  const before = await getNotificationSettings(user.id)
  await db.transaction(async (tx) => {
    await tx
      .insert(notificationSettings)
      .values({ userId: user.id, digest: input.digest, instantMail: input.instantMail })
      .onConflictDoUpdate({
        target: notificationSettings.userId,
        set: { digest: input.digest, instantMail: input.instantMail, updatedAt: new Date() },
      })
    await tx.insert(auditLog).values({
      userId: user.id,
      action: 'update',
      entity: 'notification_settings',
      entityId: String(user.id),
      details: { before, after: { digest: input.digest, instantMail: input.instantMail } },
    })
  })
}
