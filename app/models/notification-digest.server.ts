// The daily or weekly digest: the changes a user follows, made by others, in the period that ended.
import { sql } from 'drizzle-orm'
import { notifications } from '../../db/schema'
import {
  DEFAULT_SETTINGS,
  DIGEST_MAX_ITEMS,
  digestTitle,
  type DigestFrequency,
  type DigestItem,
  type DigestPayload,
  type NegotiationDigestItem,
} from '~/domain/notification'
import { negotiationHistoryLine } from '~/domain/negotiation'
import { displayValue, FIELD_LABEL, type StatusDiff, type StatusField } from '~/domain/status'
import { getDb, queryRows, type Db } from '~/utils/db.server'
import { negotiationTitle } from './negotiation.server'
import { getReferenceNames } from './status.server'
import { berlinMidnight, insertNotifications, lastPeriods } from './notification-insert.server'

type ChangeRow = {
  id: number
  changed_at: Date | string
  changes: StatusDiff | string
  ags: string
  county_name: string
  ozg_id: string
  service_name: string
  by_name: string | null
  by_email: string | null
  total: number | string
}

/**
 * The status changes in [from, to) that match the user's subscriptions, made by someone else,
 * after the user subscribed; confirmations alone („still current“) are no change. Newest first,
 * at most DIGEST_MAX_ITEMS, each with the total; and the entries of followed negotiations.
 */
export async function listDigestChanges(db: Db, userId: number, from: string, to: string) {
  const rows = await queryRows<ChangeRow>(
    db,
    sql`
      select sc.id, sc.changed_at, sc.changes, c.ags, c.name as county_name, sv.ozg_id, sv.name as service_name,
             u.name as by_name, u.email as by_email, count(*) over () as total
      from status_changes sc
      join statuses st on st.id = sc.status_id
      join counties c on c.id = sc.county_id
      join services sv on sv.id = sc.service_id
      left join users u on u.id = sc.changed_by
      where sc.changed_at >= ${berlinMidnight(from)} and sc.changed_at < ${berlinMidnight(to)}
        and sc.changed_by is distinct from ${userId}
        and (sc.changes - 'confirmedAt') <> '{}'::jsonb
        and exists (
          select 1 from subscriptions s
          where s.user_id = ${userId} and sc.changed_at >= s.created_at
            and (
              (s.kind = 'county' and s.target_id = sc.county_id)
              or (s.kind = 'service' and s.target_id = sc.service_id)
              or (s.kind = 'online_service' and s.target_id in (
                    st.online_service_id,
                    (sc.changes -> 'onlineServiceId' ->> 'from')::int,
                    (sc.changes -> 'onlineServiceId' ->> 'to')::int))
              or (s.kind = 'vendor' and exists (
                    select 1 from fachverfahren f
                    where f.vendor_id = s.target_id and f.id in (
                      st.fachverfahren_id,
                      (sc.changes -> 'fachverfahrenId' ->> 'from')::int,
                      (sc.changes -> 'fachverfahrenId' ->> 'to')::int)))
            )
        )
      order by sc.changed_at desc, sc.id desc
      limit ${DIGEST_MAX_ITEMS}
    `,
  )
  const parsed = rows.map((r) => ({ ...r, changes: (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as StatusDiff }))
  // Online services and Fachverfahren are named, not numbered, in the digest.
  const ids = (field: 'onlineServiceId' | 'fachverfahrenId') =>
    [...new Set(parsed.flatMap((r) => [r.changes[field]?.from, r.changes[field]?.to]).filter((v): v is number => typeof v === 'number'))]
  const refs = parsed.length ? await getReferenceNames(ids('onlineServiceId'), ids('fachverfahrenId')) : null
  const names = refs ? { onlineServices: new Map(refs.onlineServices), fachverfahren: new Map(refs.fachverfahren) } : undefined
  const items: DigestItem[] = parsed.map((r) => ({
    ags: r.ags,
    countyName: r.county_name,
    ozgId: r.ozg_id,
    serviceName: r.service_name,
    changedAt: new Date(r.changed_at).toISOString(),
    byName: r.by_name || r.by_email,
    lines: Object.entries(r.changes)
      .filter(([field]) => field !== 'confirmedAt')
      .map(([field, c]) => `${FIELD_LABEL[field as StatusField] ?? field}: ${displayValue(field, c?.from, names)} → ${displayValue(field, c?.to, names)}`),
  }))
  const negotiations = await listNegotiationDigestEntries(db, userId, from, to)
  return { total: (rows.length ? Number(rows[0].total) : 0) + negotiations.total, items, negotiations: negotiations.items }
}

/**
 * The history entries in [from, to) of the negotiations the user follows, written by someone
 * else after the user subscribed: the same audit entries the negotiation's page lists.
 */
async function listNegotiationDigestEntries(db: Db, userId: number, from: string, to: string) {
  const rows = await queryRows<{
    id: number
    at: Date | string
    action: string
    details: Record<string, unknown> | string | null
    negotiation_id: number
    vendor: string
    fachverfahren: string | null
    interface_standard: string | null
    by_name: string | null
    total: number | string
  }>(
    db,
    sql`
      select a.id, a.at, a.action, a.details, n.id as negotiation_id, v.name as vendor, f.name as fachverfahren,
             n.interface_standard, coalesce(nullif(u.name, ''), u.email) as by_name, count(*) over () as total
      from subscriptions s
      join negotiations n on n.id = s.target_id
      join vendors v on v.id = n.vendor_id
      left join fachverfahren f on f.id = n.fachverfahren_id
      join audit_log a on a.entity = 'negotiation' and a.entity_id = n.id::text
      left join users u on u.id = a.user_id
      where s.user_id = ${userId} and s.kind = 'negotiation'
        and a.at >= s.created_at
        and a.at >= ${berlinMidnight(from)} and a.at < ${berlinMidnight(to)}
        and a.user_id is distinct from ${userId}
      order by a.at desc, a.id desc
      limit ${DIGEST_MAX_ITEMS}
    `,
  )
  const items: NegotiationDigestItem[] = rows.map((r) => ({
    negotiationId: Number(r.negotiation_id),
    title: negotiationTitle({ vendor: r.vendor, fachverfahren: r.fachverfahren, interfaceStandard: r.interface_standard }),
    changedAt: new Date(r.at).toISOString(),
    byName: r.by_name,
    line: negotiationHistoryLine(r.action, typeof r.details === 'string' ? JSON.parse(r.details) : r.details),
  }))
  return { total: rows.length ? Number(rows[0].total) : 0, items }
}

/**
 * Creates the digest of the last finished day (daily) or week (weekly) for every active user
 * with subscriptions, where something changed. Safe to run every hour: one per user and period.
 */
export async function createDigests(now = new Date()): Promise<number> {
  const db = await getDb()
  const periods = await lastPeriods(db, now)
  const recipients = await queryRows<{ user_id: number; digest: DigestFrequency }>(
    db,
    sql`
      select u.id as user_id, coalesce(ns.digest, ${DEFAULT_SETTINGS.digest}) as digest
      from users u
      left join notification_settings ns on ns.user_id = u.id
      where u.is_active and exists (select 1 from subscriptions s where s.user_id = u.id)
        and coalesce(ns.digest, ${DEFAULT_SETTINGS.digest}) <> 'off'
        and not exists (
          select 1 from notifications n
          where n.user_id = u.id
            and n.dedupe_key = 'digest:' || coalesce(ns.digest, ${DEFAULT_SETTINGS.digest}) || ':' ||
              case coalesce(ns.digest, ${DEFAULT_SETTINGS.digest}) when 'daily' then ${periods.daily.from} else ${periods.weekly.from} end
        )
      order by u.id
    `,
  )
  let created = 0
  for (const r of recipients) {
    const frequency = r.digest as Exclude<DigestFrequency, 'off'>
    const period = periods[frequency]
    const { total, items, negotiations } = await listDigestChanges(db, Number(r.user_id), period.from, period.to)
    if (total === 0) continue
    const payload: DigestPayload = { frequency, from: period.from, to: period.to, total, items, negotiations }
    created += await insertNotifications(db, [
      {
        userId: Number(r.user_id),
        kind: 'digest',
        dedupeKey: `digest:${frequency}:${period.from}`,
        title: digestTitle(payload),
        link: null,
        payload,
        mail: true,
      },
    ])
  }
  return created
}
