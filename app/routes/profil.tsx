import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { TextField } from '~/components/fields'
import { TableHead } from '~/components/table-head'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { SubscriptionSettings, type SubscriptionActionData } from '~/components/subscription-settings'
import { useErrorTitle } from '~/components/error-title'
import { Role } from '~/domain/enums'
import { formatDateTime, formatNumber } from '~/domain/format'
import { hasUserErrors, metaTitle } from '~/domain/page-title'
import { getCountyByAgs } from '~/models/status.server'
import { describeUserAgent, SESSION_DAYS, SESSION_IDLE_HOURS } from '~/domain/session'
import { createApiToken, listApiTokens, revokeApiToken } from '~/models/api-token.server'
import { requireUser, readToken } from '~/guards/auth.server'
import { echo, notFound } from '~/utils/http.server'
import { idSchema } from '~/domain/id'
import { text } from '~/domain/text'
import { readFormValues } from '~/utils/form.server'
import { endOtherSessions, listSessions } from '~/models/session.server'
import { NotificationSettingsInput, SUBSCRIPTION_KIND_LABEL, SubscribeInput, UnsubscribeInput } from '~/domain/notification'
import type { SessionUser } from '~/domain/permissions'
import { getNotificationSettings, listSubscriptions, listSubscriptionTargets, saveNotificationSettings, subscribe, unsubscribe } from '~/models/subscription.server'

export const meta: MetaFunction = () => metaTitle(['Profil'])

const ProfileAction = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create'),
    name: text()
      .trim()
      .min(1, 'Geben Sie dem Token einen Namen, z. B. „Power BI Kreistag“.')
      .max(100, 'Der Name darf höchstens 100 Zeichen lang sein.'),
  }),
  z.object({
    intent: z.literal('revoke'),
    tokenId: idSchema('Diesen Token gibt es nicht. Laden Sie die Seite neu.'),
  }),
  z.object({ intent: z.literal('ueberall-abmelden') }),
], { message: 'Unbekannte Aktion: Laden Sie die Seite neu und senden Sie das Formular erneut ab.' })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [county, tokens, sessions, subscriptions, settings, targets] = await Promise.all([
    user.countyAgs ? getCountyByAgs(user.countyAgs) : null,
    listApiTokens(user.id),
    listSessions(user.id, readToken(request)),
    listSubscriptions(user.id),
    getNotificationSettings(user.id),
    listSubscriptionTargets(),
  ])
  return {
    user,
    countyName: county?.name ?? null,
    tokens,
    sessions: sessions.map((s) => ({ createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, browser: describeUserAgent(s.userAgent), current: s.current })),
    notifications: { subscriptions, settings, targets, homeCountyAgs: user.countyAgs },
  }
}

// The subscription forms („abo-…“). The token forms' keys are sent along empty, so that the
// page reads one shape of action data.
async function subscriptionAction(user: SessionUser, form: Record<string, FormDataEntryValue>) {
  const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v)]))
  const reply = (subscription: SubscriptionActionData, status = 200) =>
    data({ errors: {} as FieldErrors, values: { name: '' }, token: null, revoked: null, endedSessions: null, subscription }, { status })
  if (values.intent === 'abo-loeschen') {
    const parsed = UnsubscribeInput.safeParse(values)
    if (!parsed.success || !(await unsubscribe(user, parsed.data.subscriptionId))) throw notFound('Dieses Abonnement gibt es nicht oder es wurde schon abbestellt.')
    return reply({ errors: {}, values: {}, message: 'Das Abonnement ist abbestellt.' })
  }
  if (values.intent === 'abo-einstellungen') {
    const parsed = NotificationSettingsInput.safeParse(values)
    if (!parsed.success) return reply({ errors: fieldErrors(parsed.error), values, message: null }, 400)
    await saveNotificationSettings(user, parsed.data)
    return reply({ errors: {}, values: {}, message: 'Ihre Einstellungen für Benachrichtigungen sind gespeichert.' })
  }
  const parsed = SubscribeInput.safeParse(values)
  if (!parsed.success) return reply({ errors: fieldErrors(parsed.error), values, message: null }, 400)
  const result = await subscribe(user, parsed.data)
  if (!result.ok) return reply({ errors: { [result.field]: result.message }, values, message: null }, 400)
  return reply({ errors: {}, values: {}, message: `Sie haben ${SUBSCRIPTION_KIND_LABEL[parsed.data.kind]} „${result.label}“ abonniert.` })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await readFormValues(request)
  if (String(form.intent ?? '').startsWith('abo-')) return subscriptionAction(user, form)
  const values = { name: String(form.name ?? '') }
  const parsed = ProfileAction.safeParse(form)
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error) as FieldErrors, values: echo(values), token: null, revoked: null, endedSessions: null }, { status: 400 })
  }
  if (parsed.data.intent === 'ueberall-abmelden') {
    // requireUser found the session, so the request carries its token.
    const ended = await endOtherSessions(user.id, readToken(request)!)
    return data({ errors: {} as FieldErrors, values: echo(values), token: null, revoked: null, endedSessions: ended })
  }
  if (parsed.data.intent === 'create') {
    const { token } = await createApiToken(user, parsed.data.name)
    // The plaintext exists only in this one response; the database keeps its hash.
    return data({ errors: {} as FieldErrors, values: { name: '' }, token: { name: parsed.data.name, value: token }, revoked: null, endedSessions: null })
  }
  const ok = await revokeApiToken(user, parsed.data.tokenId)
  if (!ok) throw notFound('Diesen Token gibt es nicht oder er wurde schon widerrufen.')
  return data({ errors: {} as FieldErrors, values: echo(values), token: null, revoked: parsed.data.tokenId, endedSessions: null })
}

type ProfileData = ReturnType<typeof useLoaderData<typeof loader>>
type ActionData = ReturnType<typeof useActionData<typeof action>>

function Facts({ user, countyName }: { user: ProfileData['user']; countyName: string | null }) {
  return (
    <dl className="kern-description-list">
      <div className="kern-description-list-item">
        <dt className="kern-description-list-item__key">Name</dt>
        <dd className="kern-description-list-item__value">{user.name || '–'}</dd>
      </div>
      <div className="kern-description-list-item">
        <dt className="kern-description-list-item__key">E-Mail-Adresse</dt>
        <dd className="kern-description-list-item__value">{user.email}</dd>
      </div>
      <div className="kern-description-list-item">
        <dt className="kern-description-list-item__key">Rolle</dt>
        <dd className="kern-description-list-item__value">
          {Role.label(user.role)}
          {countyName ? ` (${countyName})` : ''}
        </dd>
      </div>
    </dl>
  )
}

function SessionsSection({ sessions, actionData }: { sessions: ProfileData['sessions']; actionData: ActionData }) {
  return (
    <section aria-labelledby="sitzungen" className="kern-stack">
      <h2 className="kern-heading-medium" id="sitzungen">
        Angemeldete Sitzungen
      </h2>
      <p className="kern-body">
        Hier sind Sie angemeldet. Eine Sitzung endet nach {SESSION_IDLE_HOURS} Stunden ohne Aktivität, spätestens nach{' '}
        {SESSION_DAYS} Tagen. Erkennen Sie eine Sitzung nicht, melden Sie sich überall ab und ändern Sie Ihr Passwort.
      </p>
      {actionData?.endedSessions != null ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">
              {actionData.endedSessions === 0
                ? 'Es war keine andere Sitzung angemeldet.'
                : actionData.endedSessions === 1
                  ? 'Eine andere Sitzung wurde beendet.'
                  : `${actionData.endedSessions} andere Sitzungen wurden beendet.`}{' '}
              Diese Sitzung bleibt angemeldet.
            </p>
          </div>
        </div>
      ) : null}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Ihre Sitzungen">
        <table className="kern-table kern-table--striped">
          <caption className="kern-title">Ihre Sitzungen ({formatNumber(sessions.length)})</caption>
          <TableHead columns={['Browser', 'Angemeldet seit', 'Zuletzt aktiv']} />
          <tbody className="kern-table__body">
            {sessions.map((s, i) => (
              <tr key={i} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {s.browser}
                  {s.current ? <strong> (diese Sitzung)</strong> : null}
                </th>
                <td className="kern-table__cell">{formatDateTime(s.createdAt)}</td>
                <td className="kern-table__cell">{formatDateTime(s.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="post">
        <input type="hidden" name="intent" value="ueberall-abmelden" />
        <p className="kern-hint" id="ueberall-hint">
          Beendet alle anderen Sitzungen Ihres Kontos, z. B. auf einem fremden Rechner. Diese Sitzung bleibt angemeldet.
        </p>
        <button type="submit" className="kern-btn kern-btn--secondary" aria-describedby="ueberall-hint">
          <span className="kern-label">Überall abmelden</span>
        </button>
      </Form>
    </section>
  )
}

function TokenForm({ actionData, errors, submitting }: { actionData: ActionData; errors: FieldErrors; submitting: boolean }) {
  return (
    <Form method="post" className="kern-stack" noValidate>
      <input type="hidden" name="intent" value="create" />
      <TextField
        key={actionData?.token ? 'reset' : 'keep'}
        name="name"
        label="Name des neuen Tokens"
        hint="Wofür ist er? Zum Beispiel „Power BI Kreistag“."
        maxLength={100}
        defaultValue={actionData?.values.name}
        error={errors.name}
      />
      <div>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={submitting}>
          <span className="kern-label">Token erstellen</span>
        </button>
      </div>
    </Form>
  )
}

function TokenTable({ tokens }: { tokens: ProfileData['tokens'] }) {
  const active = tokens.filter((t) => !t.revokedAt)
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Ihre API-Tokens">
      <table className="kern-table kern-table--striped">
        <caption className="kern-title">Ihre API-Tokens ({formatNumber(active.length)} aktiv)</caption>
        <TableHead columns={['Name', 'Erstellt', 'Zuletzt benutzt', 'Status', 'Aktion']} />
        <tbody className="kern-table__body">
          {tokens.length === 0 ? (
            <tr className="kern-table__row">
              <td className="kern-table__cell" colSpan={5}>
                Sie haben noch keinen Token erstellt.
              </td>
            </tr>
          ) : null}
          {tokens.map((t) => (
            <tr key={t.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">{t.name}</th>
              <td className="kern-table__cell">{formatDateTime(t.createdAt)}</td>
              <td className="kern-table__cell">{formatDateTime(t.lastUsedAt)}</td>
              <td className="kern-table__cell">{t.revokedAt ? `Widerrufen am ${formatDateTime(t.revokedAt)}` : 'Aktiv'}</td>
              <td className="kern-table__cell">
                {t.revokedAt ? (
                  '–'
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="tokenId" value={t.id} />
                    <button type="submit" className="kern-btn kern-btn--secondary kern-btn--x-small">
                      <span className="kern-label">
                        Widerrufen<span className="visually-hidden"> (Token „{t.name}“)</span>
                      </span>
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export default function Profile() {
  const { user, countyName, tokens, sessions, notifications } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const errors = actionData?.errors ?? {}
  const subscription = actionData && 'subscription' in actionData ? (actionData.subscription as SubscriptionActionData) : null
  useErrorTitle(hasUserErrors(actionData) || hasUserErrors(subscription))
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large" tabIndex={-1}>
        Profil
      </h1>
      <Facts user={user} countyName={countyName} />
      <SessionsSection sessions={sessions} actionData={actionData} />
      <h2 className="kern-heading-medium">API-Tokens</h2>
      <p className="kern-body">
        Mit einem persönlichen Token lesen Programme die Daten über die JSON-Schnittstelle unter{' '}
        <code>/api/v1</code> (Beschreibung: <a className="kern-link" href="/api/v1/openapi.json">OpenAPI-Dokument</a>). Senden
        Sie ihn im Header <code>Authorization: Bearer &lt;Token&gt;</code>. Ein Token hat dieselben Leserechte wie Sie;
        widerrufen Sie ihn, sobald er nicht mehr gebraucht wird.
      </p>
      {actionData?.token ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__header">
            <span className="kern-title">Token „{actionData.token.name}“ erstellt</span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">
              Kopieren Sie den Token jetzt. Er wird nur dieses eine Mal angezeigt; gespeichert ist nur eine Prüfsumme.
            </p>
            <label className="kern-label" htmlFor="new-token">
              Neuer Token
            </label>
            <input className="kern-form-input__input" id="new-token" readOnly value={actionData.token.value} />
          </div>
        </div>
      ) : null}
      {actionData?.revoked ? (
        <div className="kern-alert kern-alert--info" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Der Token wurde widerrufen. Programme, die ihn nutzen, erhalten ab sofort keinen Zugriff mehr.</p>
          </div>
        </div>
      ) : null}

      <ErrorSummary errors={errors} />
      <TokenForm actionData={actionData} errors={errors} submitting={navigation.state === 'submitting'} />
      <TokenTable tokens={tokens} />
      <SubscriptionSettings data={notifications} result={subscription} />
    </div>
  )
}
