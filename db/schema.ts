// Table definitions only: no connection, no environment. Enum columns are text with CHECK
// constraints (values from app/domain/enums.ts) so that a new value is one migration away and
// both PGlite and PostgreSQL 15 read the same SQL.
import { sql, type SQL } from 'drizzle-orm'
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import {
  Approach,
  Availability,
  BasicComponent,
  BasicComponentStatus,
  Connection,
  CountyKind,
  Funding,
  InterfaceStatus,
  InternalProcessing,
  MaturityModel,
  NegotiationStage,
  OnlineServiceKind,
  PendingPlan,
  Responsibility,
  Role,
  Stage,
} from '../app/domain/enums'
import { CHANGE_SOURCES } from '../app/domain/status-fields'
import { DIGEST_FREQUENCIES, NOTIFICATION_KINDS, SUBSCRIPTION_KINDS } from '../app/domain/notification'

function oneOf(column: SQL, codes: readonly string[]) {
  return sql`${column} in (${sql.raw(codes.map((c) => `'${c}'`).join(', '))})`
}
const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}

export const themes = pgTable('themes', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().unique(),
})

export const lifeSituations = pgTable('life_situations', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().unique(),
  themeId: integer('theme_id')
    .notNull()
    .references(() => themes.id),
})

export const counties = pgTable(
  'counties',
  {
    id: serial('id').primaryKey(),
    ags: text('ags').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: CountyKind.codes }).notNull(),
    // Bundesland, as the official register names it: applicability rules are per Land.
    land: text('land'),
    population: integer('population'),
    wikidata: text('wikidata'),
    // Kept equal to "has an open membership" (county_memberships) by the model that writes both;
    // every figure and form reads this flag.
    isMember: boolean('is_member').notNull().default(true),
    isDemo: boolean('is_demo').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    check('counties_ags_format', sql`${t.ags} ~ '^([0-9]{5}|[0-9]{8})$'`),
    check('counties_kind', oneOf(sql`${t.kind}`, CountyKind.codes)),
  ],
)

export const services = pgTable(
  'services',
  {
    id: serial('id').primaryKey(),
    ozgId: text('ozg_id').notNull().unique(),
    name: text('name').notNull(),
    description: text('description'),
    themeId: integer('theme_id')
      .notNull()
      .references(() => themes.id),
    lifeSituationId: integer('life_situation_id').references(() => lifeSituations.id),
    // Derived from the LeiKa types of the service's LeiKa entries; kept as columns because
    // every applicability decision and filter reads them.
    responsibilities: text('responsibilities', { enum: Responsibility.codes }).array().notNull().default(sql`'{}'::text[]`),
    appliesTo: text('applies_to', { enum: CountyKind.codes }).array().notNull().default(sql`'{}'::text[]`),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    check('services_ozg_id_format', sql`${t.ozgId} ~ '^[0-9]{5}$'`),
    index('services_theme_idx').on(t.themeId),
  ],
)

export const leikaEntries = pgTable(
  'leika_entries',
  {
    id: serial('id').primaryKey(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    // null where the catalogue says „nicht im LeiKa“.
    key: text('key'),
    name: text('name').notNull(),
    leikaType: text('leika_type'),
    legalBasis: text('legal_basis'),
  },
  (t) => [
    check('leika_key_format', sql`${t.key} is null or ${t.key} ~ '^99[0-9]{12}$'`),
    uniqueIndex('leika_entries_service_key_uq').on(t.serviceId, t.key, t.name),
    index('leika_entries_key_idx').on(t.key),
  ],
)

// An account and an invitation to one hold a known role, and an editor is bound to one county;
// the other roles may have a home county.
function roleChecks(table: 'users' | 'invitations', t: { role: AnyPgColumn; countyId: AnyPgColumn }) {
  return [
    check(`${table}_role`, oneOf(sql`${t.role}`, Role.codes)),
    check(`${table}_editor_has_county`, sql`${t.role} <> 'editor' or ${t.countyId} is not null`),
  ]
}

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: Role.codes }).notNull(),
    countyId: integer('county_id').references(() => counties.id),
    isActive: boolean('is_active').notNull().default(true),
    isDemo: boolean('is_demo').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_uq').on(sql`lower(${t.email})`),
    ...roleChecks('users', t),
  ],
)

export const sessions = pgTable(
  'sessions',
  {
    // SHA-256 of the cookie's token: a leaked table does not yield usable sessions.
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    // Sliding idle timeout: moved forward at most once a minute (session.server.ts).
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    // Shown shortened on the profile so that a user recognises their own devices.
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

// Counters of the login throttle and the API rate limit (decision record 012): one row per
// bucket key, a fixed window that restarts when it has run out. Checked and incremented in one
// upsert so that parallel requests and several app processes share them.
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowSeconds: integer('window_seconds').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  hits: integer('hits').notNull(),
})

// Addresses an account signed in from successfully: the owner's usual places are exempt from the
// account-wide throttle that a distributed attack on the account trips.
export const loginKnownAddresses = pgTable(
  'login_known_addresses',
  {
    email: text('email').notNull(),
    address: text('address').notNull(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.email, t.address] })],
)

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
)

export const vendors = pgTable('vendors', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  website: text('website'),
  note: text('note'),
  isDemo: boolean('is_demo').notNull().default(false),
  ...timestamps,
})

export const fachverfahren = pgTable(
  'fachverfahren',
  {
    id: serial('id').primaryKey(),
    vendorId: integer('vendor_id')
      .notNull()
      .references(() => vendors.id),
    name: text('name').notNull(),
    // Free text: standards and their versions change faster than a fixed list could.
    interfaceStandards: text('interface_standards'),
    note: text('note'),
    isDemo: boolean('is_demo').notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex('fachverfahren_vendor_name_uq').on(t.vendorId, t.name)],
)

export const onlineServices = pgTable(
  'online_services',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
    kind: text('kind', { enum: OnlineServiceKind.codes }).notNull(),
    provider: text('provider'),
    leadCountyId: integer('lead_county_id').references(() => counties.id),
    operator: text('operator'),
    availability: text('availability', { enum: Availability.codes }).notNull().default('available'),
    maturity: integer('maturity'),
    maturityModel: text('maturity_model', { enum: MaturityModel.codes }).notNull().default('1.1'),
    url: text('url'),
    marketplaceUrl: text('marketplace_url'),
    feeOneOff: numeric('fee_one_off', { precision: 12, scale: 2 }),
    feeAnnual: numeric('fee_annual', { precision: 12, scale: 2 }),
    feeNote: text('fee_note'),
    interfaceStandards: text('interface_standards'),
    description: text('description'),
    isDemo: boolean('is_demo').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    check('online_services_kind', oneOf(sql`${t.kind}`, OnlineServiceKind.codes)),
    check('online_services_availability', oneOf(sql`${t.availability}`, Availability.codes)),
    check('online_services_maturity_model', oneOf(sql`${t.maturityModel}`, MaturityModel.codes)),
    check(
      'online_services_maturity_range',
      sql`${t.maturity} is null or (${t.maturity} >= 0 and ${t.maturity} <= case ${t.maturityModel} when '2.0' then 7 else 4 end)`,
    ),
    check('online_services_fees', sql`coalesce(${t.feeOneOff}, 0) >= 0 and coalesce(${t.feeAnnual}, 0) >= 0`),
    // A community solution always has a lead county (Federführung).
    check('online_services_community_lead', sql`${t.kind} <> 'community' or ${t.leadCountyId} is not null`),
  ],
)

export const onlineServiceServices = pgTable(
  'online_service_services',
  {
    onlineServiceId: integer('online_service_id')
      .notNull()
      .references(() => onlineServices.id, { onDelete: 'cascade' }),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
  },
  (t) => [
    primaryKey({ columns: [t.onlineServiceId, t.serviceId] }),
    index('online_service_services_service_idx').on(t.serviceId),
  ],
)

export const countyBasicComponents = pgTable(
  'county_basic_components',
  {
    countyId: integer('county_id')
      .notNull()
      .references(() => counties.id),
    component: text('component', { enum: BasicComponent.codes }).notNull(),
    status: text('status', { enum: BasicComponentStatus.codes }).notNull().default('not_started'),
    provider: text('provider'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.component] }),
    check('county_basic_components_component', oneOf(sql`${t.component}`, BasicComponent.codes)),
    check('county_basic_components_status', oneOf(sql`${t.status}`, BasicComponentStatus.codes)),
  ],
)

export const statuses = pgTable(
  'statuses',
  {
    id: serial('id').primaryKey(),
    countyId: integer('county_id')
      .notNull()
      .references(() => counties.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    approach: text('approach', { enum: Approach.codes }).notNull().default('pending'),
    pendingPlan: text('pending_plan', { enum: PendingPlan.codes }),
    onlineServiceId: integer('online_service_id').references(() => onlineServices.id),
    connection: text('connection', { enum: Connection.codes }),
    stage: text('stage', { enum: Stage.codes }).notNull().default('planned'),
    maturity: integer('maturity'),
    maturityModel: text('maturity_model', { enum: MaturityModel.codes }).notNull().default('1.1'),
    onlineSince: date('online_since'),
    targetDate: date('target_date'),
    fachverfahrenId: integer('fachverfahren_id').references(() => fachverfahren.id),
    interfaceStandard: text('interface_standard'),
    interfaceStatus: text('interface_status', { enum: InterfaceStatus.codes }),
    endToEnd: boolean('end_to_end'),
    internalProcessing: text('internal_processing', { enum: InternalProcessing.codes }),
    funding: text('funding', { enum: Funding.codes }),
    costOneOff: numeric('cost_one_off', { precision: 12, scale: 2 }),
    costAnnual: numeric('cost_annual', { precision: 12, scale: 2 }),
    fundingNote: text('funding_note'),
    applicationsPerYear: integer('applications_per_year'),
    contact: text('contact'),
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('statuses_county_service_uq').on(t.countyId, t.serviceId),
    index('statuses_service_idx').on(t.serviceId),
    index('statuses_online_service_idx').on(t.onlineServiceId),
    index('statuses_fachverfahren_idx').on(t.fachverfahrenId),
    // The stale count reads the rows confirmed since the summary's stale cutoff through this.
    index('statuses_confirmed_at_idx').on(t.confirmedAt),
    check('statuses_approach', oneOf(sql`${t.approach}`, Approach.codes)),
    check('statuses_stage', oneOf(sql`${t.stage}`, Stage.codes)),
    check('statuses_pending_plan', sql`${t.pendingPlan} is null or (${oneOf(sql`${t.pendingPlan}`, PendingPlan.codes)} and ${t.approach} = 'pending')`),
    check('statuses_connection', sql`${t.connection} is null or (${oneOf(sql`${t.connection}`, Connection.codes)} and ${t.onlineServiceId} is not null)`),
    check('statuses_interface_status', sql`${t.interfaceStatus} is null or ${oneOf(sql`${t.interfaceStatus}`, InterfaceStatus.codes)}`),
    check('statuses_internal_processing', sql`${t.internalProcessing} is null or ${oneOf(sql`${t.internalProcessing}`, InternalProcessing.codes)}`),
    check('statuses_funding', sql`${t.funding} is null or ${oneOf(sql`${t.funding}`, Funding.codes)}`),
    check('statuses_maturity_model', oneOf(sql`${t.maturityModel}`, MaturityModel.codes)),
    check(
      'statuses_maturity_range',
      sql`${t.maturity} is null or (${t.maturity} >= 0 and ${t.maturity} <= case ${t.maturityModel} when '2.0' then 7 else 4 end)`,
    ),
    // Only an implemented service (own or EfA) can be (partly) online; pending is always planned.
    check(
      'statuses_stage_fits_approach',
      sql`(${t.approach} in ('own', 'efa') or ${t.stage} not in ('partially_online', 'online')) and (${t.approach} <> 'pending' or ${t.stage} = 'planned')`,
    ),
    check('statuses_amounts', sql`coalesce(${t.costOneOff}, 0) >= 0 and coalesce(${t.costAnnual}, 0) >= 0 and coalesce(${t.applicationsPerYear}, 0) >= 0`),
  ],
)

export const statusChanges = pgTable(
  'status_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    statusId: integer('status_id')
      .notNull()
      .references(() => statuses.id),
    // Denormalised so that feeds and meeting reports filter without joining the status row.
    countyId: integer('county_id')
      .notNull()
      .references(() => counties.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    changedBy: integer('changed_by').references(() => users.id),
    // { field: { from, to } } in the codes of the status row.
    changes: jsonb('changes').$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
    comment: text('comment'),
    source: text('source', { enum: CHANGE_SOURCES }).notNull().default('form'),
  },
  (t) => [
    index('status_changes_status_at_idx').on(t.statusId, t.changedAt),
    index('status_changes_county_at_idx').on(t.countyId, t.changedAt),
    index('status_changes_at_idx').on(t.changedAt),
    check('status_changes_source', oneOf(sql`${t.source}`, CHANGE_SOURCES)),
  ],
)

export const meetings = pgTable(
  'meetings',
  {
    id: serial('id').primaryKey(),
    heldOn: date('held_on').notNull(),
    title: text('title').notNull(),
    notes: text('notes'),
    // Overrides "since the previous meeting" when a coordinator wants another start.
    coversFrom: date('covers_from'),
    createdBy: integer('created_by').references(() => users.id),
    ...timestamps,
  },
  (t) => [index('meetings_held_on_idx').on(t.heldOn)],
)

// Every write that is not a status change (those have their own history) lands here.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)],
)

export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})

// Summary tables for the dashboard, the county page and the API (issue 6): per county and
// Themenfeld the counts that summary.server.ts shows, over the rows of services not retired.
// They are kept current by statement-level triggers (migration 0001) in the same transaction as
// every write to statuses, status_changes or services, so no write path can forget them;
// summary_rebuild() recomputes both from scratch (after bulk loads of back-dated history).
const counter = (name: string) => integer(name).notNull().default(0)
// The counters of summary_counts and summary_county_counts.
const summaryCounters = () => ({
  applicable: counter('applicable'),
  online: counter('online'),
  own: counter('own'),
  efa: counter('efa'),
  pending: counter('pending'),
  notApplicable: counter('not_applicable'),
  partiallyOnline: counter('partially_online'),
  inProgress: counter('in_progress'),
  endToEnd: counter('end_to_end'),
  openNegotiations: counter('open_negotiations'),
  ownOnline: counter('own_online'),
  ownPartial: counter('own_partial'),
  ownWorking: counter('own_working'),
  efaOnline: counter('efa_online'),
  efaPartial: counter('efa_partial'),
  efaWorking: counter('efa_working'),
  maturity0: counter('maturity_0'),
  maturity1: counter('maturity_1'),
  maturity2: counter('maturity_2'),
  maturity3: counter('maturity_3'),
  maturity4: counter('maturity_4'),
  /** Sum of the model-1.1 maturities of online rows: the mean is this over maturity_0..4. */
  maturitySum: counter('maturity_sum'),
  maturityUnknown: counter('maturity_unknown'),
  maturityOtherModel: counter('maturity_other_model'),
  /** Online rows per level 0–7 of the Reifegradmodell 2.0 (migration 0011); they sum to maturity_other_model. */
  maturity20Level0: counter('maturity20_0'),
  maturity20Level1: counter('maturity20_1'),
  maturity20Level2: counter('maturity20_2'),
  maturity20Level3: counter('maturity20_3'),
  maturity20Level4: counter('maturity20_4'),
  maturity20Level5: counter('maturity20_5'),
  maturity20Level6: counter('maturity20_6'),
  maturity20Level7: counter('maturity20_7'),
  /** Applicable rows never confirmed or confirmed before summary_meta.stale_cutoff. */
  stale: counter('stale'),
})
export const summaryCounts = pgTable(
  'summary_counts',
  {
    countyId: integer('county_id')
      .notNull()
      .references(() => counties.id),
    themeId: integer('theme_id')
      .notNull()
      .references(() => themes.id),
    ...summaryCounters(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.themeId] })],
)

// Per county the sums of its summary_counts rows over all Themenfelder (migration 0012), kept by
// the same upsert: the unfiltered dashboard, API and county page read one row per county instead
// of summing ~14 (docs/decisions/039-national-scale-summaries.md).
export const summaryCountyCounts = pgTable('summary_county_counts', {
  countyId: integer('county_id')
    .primaryKey()
    .references(() => counties.id),
  ...summaryCounters(),
})

// "Stale" depends on the clock. summary_counts.stale counts against a fixed cutoff instant (at
// most a day behind now − 180 days); readers add the few rows confirmed between the cutoff and
// now − 180 days, and move the cutoff forward once a day (summary_advance_stale_cutoff()).
export const summaryMeta = pgTable(
  'summary_meta',
  {
    id: integer('id').primaryKey(),
    staleCutoff: timestamp('stale_cutoff', { withTimezone: true }).notNull(),
  },
  (t) => [check('summary_meta_single_row', sql`${t.id} = 1`)],
)

// Per county, Themenfeld and month (first day, German time) the net change of online rows from
// the history's stage changes, and how many stage changes there were (the trend starts at the
// first one).
export const summaryOnlineTrend = pgTable(
  'summary_online_trend',
  {
    countyId: integer('county_id')
      .notNull()
      .references(() => counties.id),
    themeId: integer('theme_id')
      .notNull()
      .references(() => themes.id),
    month: date('month').notNull(),
    delta: counter('delta'),
    events: counter('events'),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.themeId, t.month] })],
)

// The same summed over the member counties, per Themenfeld and month: the community's trend line
// reads a few hundred rows instead of one per county.
export const summaryCommunityTrend = pgTable(
  'summary_community_trend',
  {
    themeId: integer('theme_id')
      .notNull()
      .references(() => themes.id),
    month: date('month').notNull(),
    delta: counter('delta'),
    events: counter('events'),
  },
  (t) => [primaryKey({ columns: [t.themeId, t.month] })],
)

// An uploaded status list between its preview and the confirmation. The app servers keep no
// state of their own (several run behind a load balancer), so the file and the planned changes
// wait here, not on a disk or in memory; the page carries only a signed token with the id.
// drizzle has no bytea column; PGlite hands back a Uint8Array, postgres.js a Buffer.
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
})

export const importUploads = pgTable(
  'import_uploads',
  {
    /** Random; only the signed token in the confirmation form names it. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** The uploaded file, gzip-compressed: read again only when the data changed meanwhile. */
    file: bytea('file').notNull(),
    /** The planned changes (gzip-compressed JSON) that the confirmation applies; null while the
     *  file is still being analysed (the file is stored meanwhile). */
    plan: bytea('plan'),
    /** The preview as shown, returned again after the import is applied. */
    preview: jsonb('preview'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('import_uploads_user_idx').on(t.userId), index('import_uploads_expires_at_idx').on(t.expiresAt)],
)

// ---------------------------------------------------------------------------------------------
// Notifications (issue 13): what users follow, their digest settings, the in-app list (which is
// also the outbox of the mails), and the events that notify counties once.

// Generic: a kind and the id of its target, so another kind (negotiations) is one CHECK away.
// The target is not a foreign key for the same reason; deleting a target leaves a dead row that
// matches nothing.
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SUBSCRIPTION_KINDS }).notNull(),
    targetId: integer('target_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('subscriptions_user_kind_target_uq').on(t.userId, t.kind, t.targetId),
    index('subscriptions_kind_target_idx').on(t.kind, t.targetId),
    check('subscriptions_kind', oneOf(sql`${t.kind}`, SUBSCRIPTION_KINDS)),
  ],
)

export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    digest: text('digest', { enum: DIGEST_FREQUENCIES }).notNull().default('weekly'),
    /** „Jetzt verfügbar“ and reminders also by mail (they are always in the in-app list). */
    instantMail: boolean('instant_mail').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('notification_settings_digest', oneOf(sql`${t.digest}`, DIGEST_FREQUENCIES))],
)

// One row per user and message: the in-app list reads it, the mail job sends it. dedupe_key
// makes every job that creates notifications safe to run twice, or in two processes at once.
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    title: text('title').notNull(),
    link: text('link'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    // none: in-app only; pending → sending (claimed at) → sent, or failed / skipped (no SMTP).
    mailStatus: text('mail_status').notNull().default('none'),
    mailClaimedAt: timestamp('mail_claimed_at', { withTimezone: true }),
    mailAttempts: integer('mail_attempts').notNull().default(0),
    mailError: text('mail_error'),
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_user_dedupe_uq').on(t.userId, t.dedupeKey),
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    index('notifications_mail_idx').on(t.mailStatus).where(sql`${t.mailStatus} in ('pending', 'sending')`),
    check('notifications_kind', oneOf(sql`${t.kind}`, NOTIFICATION_KINDS)),
    check('notifications_mail_status', oneOf(sql`${t.mailStatus}`, ['none', 'pending', 'sending', 'sent', 'failed', 'skipped'])),
  ],
)

// Written by a trigger (custom migration now_available_trigger) whenever the availability of an
// EfA or community online service changes to available, whatever the write path; a job turns
// each into notices and marks it processed.
export const notificationEvents = pgTable(
  'notification_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    onlineServiceId: integer('online_service_id')
      .notNull()
      .references(() => onlineServices.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_events_pending_idx').on(t.id).where(sql`${t.processedAt} is null`),
    check('notification_events_kind', oneOf(sql`${t.kind}`, ['now_available'])),
  ],
)

// One row per online service, waiting county and event: the unique key is what makes
// „jetzt verfügbar“ reach a county once, even when two app processes handle the event together.
export const nowAvailableNotices = pgTable(
  'now_available_notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    onlineServiceId: integer('online_service_id')
      .notNull()
      .references(() => onlineServices.id, { onDelete: 'cascade' }),
    countyId: integer('county_id')
      .notNull()
      .references(() => counties.id),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => notificationEvents.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('now_available_notices_uq').on(t.onlineServiceId, t.countyId, t.eventId)],
)

// The official register of all Kreise and kreisfreie Städte (seeds/reference/kreise_deutschland.csv):
// reference data an admin picks members from. A county becomes a row of `counties` when it joins.
export const countyRegister = pgTable(
  'county_register',
  {
    ags: text('ags').primaryKey(),
    name: text('name').notNull(),
    land: text('land').notNull(),
    /** Known for Lower Saxony only (kreise_niedersachsen.csv); elsewhere the admin sets it. */
    kind: text('kind', { enum: CountyKind.codes }),
    population: integer('population'),
    wikidata: text('wikidata'),
  },
  (t) => [
    check('county_register_ags_format', sql`${t.ags} ~ '^[0-9]{5}$'`),
    check('county_register_kind', sql`${t.kind} is null or ${oneOf(sql`${t.kind}`, CountyKind.codes)}`),
  ],
)

// Membership periods: a county that leaves keeps its rows and history; one that rejoins gets a
// new period. At most one period is open per county.
export const countyMemberships = pgTable(
  'county_memberships',
  {
    id: serial('id').primaryKey(),
    countyId: integer('county_id')
      .notNull()
      .references(() => counties.id),
    joinedOn: date('joined_on').notNull(),
    leftOn: date('left_on'),
    joinedBy: integer('joined_by').references(() => users.id),
    leftBy: integer('left_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('county_memberships_open_uq').on(t.countyId).where(sql`${t.leftOn} is null`),
    index('county_memberships_county_idx').on(t.countyId),
    check('county_memberships_dates', sql`${t.leftOn} is null or ${t.leftOn} >= ${t.joinedOn}`),
  ],
)

// An invitation by e-mail: only the SHA-256 of the link's token is stored. Accepting it creates
// the account with the role and county chosen here.
export const invitations = pgTable(
  'invitations',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    role: text('role', { enum: Role.codes }).notNull(),
    countyId: integer('county_id').references(() => counties.id),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: integer('invited_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    userId: integer('user_id').references(() => users.id),
  },
  (t) => [
    index('invitations_email_idx').on(sql`lower(${t.email})`),
    ...roleChecks('invitations', t),
  ],
)

// A password-reset link: SHA-256 of the token, short-lived, used once.
export const passwordResets = pgTable(
  'password_resets',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_resets_user_at_idx').on(t.userId, t.createdAt)],
)

// Named people a member can call about a county's services.
export const countyContacts = pgTable(
  'county_contacts',
  {
    id: serial('id').primaryKey(),
    countyId: integer('county_id')
      .notNull()
      .references(() => counties.id),
    name: text('name').notNull(),
    role: text('role'),
    email: text('email'),
    phone: text('phone'),
    updatedBy: integer('updated_by').references(() => users.id),
    ...timestamps,
  },
  (t) => [index('county_contacts_county_idx').on(t.countyId)],
)

// Which services counties of one kind execute in one Land, where it differs from (or confirms)
// the LeiKa suggestion; shipped for Niedersachsen with their legal basis
// (seeds/reference/zustaendigkeit_niedersachsen.csv). An unconfirmed assumption counts, and the
// coordinator sees it marked until someone confirms it.
export const applicabilityRules = pgTable(
  'applicability_rules',
  {
    id: serial('id').primaryKey(),
    land: text('land').notNull(),
    countyKind: text('county_kind', { enum: CountyKind.codes }).notNull(),
    topic: text('topic').notNull(),
    ozgIds: text('ozg_ids').array().notNull(),
    applies: boolean('applies').notNull(),
    legalBasis: text('legal_basis'),
    source: text('source'),
    isAssumption: boolean('is_assumption').notNull().default(false),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: integer('confirmed_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('applicability_rules_uq').on(t.land, t.countyKind, t.topic),
    check('applicability_rules_kind', oneOf(sql`${t.countyKind}`, CountyKind.codes)),
  ],
)

// A coordinator's decision for one service, for the whole community (county null) or one county;
// it outranks the rules and the LeiKa suggestion.
export const applicabilityOverrides = pgTable(
  'applicability_overrides',
  {
    id: serial('id').primaryKey(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    countyId: integer('county_id').references(() => counties.id),
    applies: boolean('applies').notNull(),
    reason: text('reason').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('applicability_overrides_uq').on(t.serviceId, sql`coalesce(${t.countyId}, 0)`)],
)

// ---------------------------------------------------------------------------------------------
// Coordination (issue 13): shared vendor negotiations, and meetings that decide.

// One negotiation per vendor × Fachverfahren, or per vendor × interface standard when the
// community negotiates a standard across several of the vendor's products.
export const negotiations = pgTable(
  'negotiations',
  {
    id: serial('id').primaryKey(),
    vendorId: integer('vendor_id')
      .notNull()
      .references(() => vendors.id),
    fachverfahrenId: integer('fachverfahren_id').references(() => fachverfahren.id),
    interfaceStandard: text('interface_standard'),
    stage: text('stage', { enum: NegotiationStage.codes }).notNull().default('preparing'),
    /** Who negotiates for the community: a member county, a person, or both. */
    leadCountyId: integer('lead_county_id').references(() => counties.id),
    leadUserId: integer('lead_user_id').references(() => users.id),
    nextStep: text('next_step'),
    dueDate: date('due_date'),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    check('negotiations_stage', oneOf(sql`${t.stage}`, NegotiationStage.codes)),
    check('negotiations_subject', sql`${t.fachverfahrenId} is not null or ${t.interfaceStandard} is not null`),
    uniqueIndex('negotiations_subject_uq').on(t.vendorId, sql`coalesce(${t.fachverfahrenId}, 0)`, sql`lower(coalesce(${t.interfaceStandard}, ''))`),
    index('negotiations_due_idx').on(t.dueDate),
  ],
)

export const negotiationCounties = pgTable(
  'negotiation_counties',
  {
    negotiationId: integer('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    countyId: integer('county_id')
      .notNull()
      .references(() => counties.id),
    offer: text('offer'),
    priceOneOff: numeric('price_one_off', { precision: 12, scale: 2 }),
    priceAnnual: numeric('price_annual', { precision: 12, scale: 2 }),
  },
  (t) => [
    primaryKey({ columns: [t.negotiationId, t.countyId] }),
    index('negotiation_counties_county_idx').on(t.countyId),
    check('negotiation_counties_prices', sql`coalesce(${t.priceOneOff}, 0) >= 0 and coalesce(${t.priceAnnual}, 0) >= 0`),
  ],
)

// Documents live in the database like every other upload: the app servers keep no files.
export const negotiationDocuments = pgTable(
  'negotiation_documents',
  {
    id: serial('id').primaryKey(),
    negotiationId: integer('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** The type found by sniffing the content, not the one the browser claimed. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('negotiation_documents_negotiation_idx').on(t.negotiationId)],
)

export const negotiationComments = pgTable(
  'negotiation_comments',
  {
    id: serial('id').primaryKey(),
    negotiationId: integer('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    userId: integer('user_id').references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('negotiation_comments_negotiation_idx').on(t.negotiationId, t.createdAt)],
)

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    serviceId: integer('service_id').references(() => services.id),
    onlineServiceId: integer('online_service_id').references(() => onlineServices.id),
    negotiationId: integer('negotiation_id').references(() => negotiations.id),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agenda_items_meeting_idx').on(t.meetingId, t.position)],
)

export const decisions = pgTable(
  'decisions',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: integer('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('decisions_meeting_idx').on(t.meetingId)],
)

// To-dos (Aufgaben). The reminders of the notifications read owner, due date and done_at here.
export const tasks = pgTable(
  'tasks',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    agendaItemId: integer('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    ownerCountyId: integer('owner_county_id').references(() => counties.id),
    ownerUserId: integer('owner_user_id').references(() => users.id),
    dueDate: date('due_date').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: integer('done_by').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('tasks_owner', sql`${t.ownerCountyId} is not null or ${t.ownerUserId} is not null`),
    index('tasks_open_due_idx').on(t.dueDate).where(sql`${t.doneAt} is null`),
    index('tasks_meeting_idx').on(t.meetingId),
  ],
)
