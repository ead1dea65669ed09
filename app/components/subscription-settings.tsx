// The „Benachrichtigungen“ section of /profil: how often the digest comes, what the user
// follows, and one small form per kind of target. Every form works without JavaScript.
import { Form } from '@remix-run/react'
import type { FieldErrors } from './form'
import { ErrorSummary } from './form'
import { SelectField, TextField } from './fields'
import { staleText } from '~/domain/rules'
import { DIGEST_FREQUENCIES, DIGEST_LABEL, SUBSCRIPTION_KIND_LABEL, TASK_DUE_SOON_DAYS, type DigestFrequency, type SubscriptionKind } from '~/domain/notification'

export type SubscriptionSectionData = {
  settings: { digest: DigestFrequency; instantMail: boolean; staleAfterDays: number }
  subscriptions: { id: number; kind: SubscriptionKind; label: string; href: string | null }[]
  targets: {
    counties: { ags: string; name: string }[]
    onlineServices: { id: number; name: string }[]
    vendors: { id: number; name: string }[]
    negotiations: { id: number; name: string }[]
  }
  homeCountyAgs: string | null
}

export type SubscriptionActionData = { errors: FieldErrors; values: Record<string, string>; message: string | null }

function AddButton({ label }: { label: string }) {
  return (
    <div>
      <button type="submit" className="kern-btn kern-btn--secondary">
        <span className="kern-label">{label}</span>
      </button>
    </div>
  )
}

function DigestSettings({ errors, digest, instantMail }: { errors: FieldErrors; digest: DigestFrequency; instantMail: boolean }) {
  return (
    <Form method="post" className="kern-stack" noValidate>
      <input type="hidden" name="intent" value="abo-einstellungen" />
      <fieldset className="kern-fieldset">
        <legend className="kern-heading-small">E-Mail-Zusammenfassung</legend>
        <div className="kern-fieldset__body">
          {errors.digest ? (
            <p className="kern-error" id="digest">
              {errors.digest}
            </p>
          ) : null}
          {DIGEST_FREQUENCIES.map((f) => (
            <div className="kern-form-check" key={f}>
              <input className="kern-form-check__radio" type="radio" id={`digest-${f}`} name="digest" value={f} defaultChecked={digest === f} />
              <label className="kern-label" htmlFor={`digest-${f}`}>
                {DIGEST_LABEL[f]}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="kern-form-check">
        <input className="kern-form-check__checkbox" type="checkbox" id="instantMail" name="instantMail" value="ja" defaultChecked={instantMail} />
        <label className="kern-label" htmlFor="instantMail">
          „Jetzt verfügbar“ und Erinnerungen auch per E-Mail
        </label>
      </div>
      <div>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">Einstellungen speichern</span>
        </button>
      </div>
    </Form>
  )
}

function SubscriptionTable({ subscriptions }: { subscriptions: SubscriptionSectionData['subscriptions'] }) {
  return (
    <div className="table-scroll">
      <table className="kern-table kern-table--striped">
        <caption className="kern-title">Ihre Abonnements ({subscriptions.length})</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Art</th>
            <th scope="col" className="kern-table__header">Abonniert</th>
            <th scope="col" className="kern-table__header">Aktion</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {subscriptions.length === 0 ? (
            <tr className="kern-table__row">
              <td className="kern-table__cell" colSpan={3}>
                Sie haben noch nichts abonniert.
              </td>
            </tr>
          ) : null}
          {subscriptions.map((s) => (
            <tr className="kern-table__row" key={s.id}>
              <td className="kern-table__cell">{SUBSCRIPTION_KIND_LABEL[s.kind]}</td>
              <th scope="row" className="kern-table__cell">
                {s.href ? (
                  <a className="kern-link" href={s.href}>
                    {s.label}
                  </a>
                ) : (
                  s.label
                )}
              </th>
              <td className="kern-table__cell">
                <Form method="post">
                  <input type="hidden" name="intent" value="abo-loeschen" />
                  <input type="hidden" name="subscriptionId" value={s.id} />
                  <button type="submit" className="kern-btn kern-btn--secondary kern-btn--x-small">
                    <span className="kern-label">
                      Abbestellen<span className="visually-hidden"> ({SUBSCRIPTION_KIND_LABEL[s.kind]} {s.label})</span>
                    </span>
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function NewSubscriptionForms({ data, errors, values }: { data: SubscriptionSectionData; errors: FieldErrors; values: Record<string, string> }) {
  return (
    <div className="subscription-forms">
      <Form method="post" className="kern-stack" noValidate>
        <input type="hidden" name="intent" value="abo-anlegen" />
        <input type="hidden" name="kind" value="county" />
        <SelectField
          name="kreis"
          label="Kreis"
          options={data.targets.counties.map((c) => ({ value: c.ags, label: `${c.name} (${c.ags})` }))}
          empty="– Kreis wählen –"
          defaultValue={values.kind === 'county' ? values.kreis : (data.homeCountyAgs ?? '')}
          error={errors.kreis}
        />
        <AddButton label="Kreis abonnieren" />
      </Form>
      <Form method="post" className="kern-stack" noValidate>
        <input type="hidden" name="intent" value="abo-anlegen" />
        <input type="hidden" name="kind" value="service" />
        <TextField
          name="ozgId"
          label="Leistung (OZG-ID)"
          hint="Fünf Ziffern, z. B. 10110; sie steht auf der Seite der Leistung."
          inputMode="numeric"
          defaultValue={values.kind === 'service' ? values.ozgId : ''}
          error={errors.ozgId}
        />
        <AddButton label="Leistung abonnieren" />
      </Form>
      {[
        { kind: 'online_service', name: 'onlineDienst', label: 'Online-Dienst', list: data.targets.onlineServices },
        { kind: 'vendor', name: 'hersteller', label: 'Hersteller', list: data.targets.vendors },
        { kind: 'negotiation', name: 'verhandlung', label: 'Verhandlung', list: data.targets.negotiations },
      ].map((t) => (
        <Form key={t.kind} method="post" className="kern-stack" noValidate>
          <input type="hidden" name="intent" value="abo-anlegen" />
          <input type="hidden" name="kind" value={t.kind} />
          <SelectField
            name={t.name}
            label={t.label}
            options={t.list.map((o) => ({ value: String(o.id), label: o.name }))}
            empty={`– ${t.label} wählen –`}
            defaultValue={values.kind === t.kind ? values[t.name] : ''}
            error={errors[t.name]}
          />
          <AddButton label={`${t.label} abonnieren`} />
        </Form>
      ))}
    </div>
  )
}

export function SubscriptionSettings({ data, result }: { data: SubscriptionSectionData; result: SubscriptionActionData | null }) {
  const errors = result?.errors ?? {}
  const values = result?.values ?? {}
  const digest = (values.digest as DigestFrequency | undefined) ?? data.settings.digest
  const instantMail = values.intent === 'abo-einstellungen' ? values.instantMail === 'ja' : data.settings.instantMail
  return (
    <section className="kern-stack" aria-labelledby="benachrichtigungen">
      <h2 className="kern-heading-medium" id="benachrichtigungen" tabIndex={-1}>
        Benachrichtigungen
      </h2>
      <p className="kern-body">
        Abonnieren Sie Kreise, Leistungen, Online-Dienste, Hersteller oder Verhandlungen. Was andere dort ändern, fasst OZG-Radar für Sie zusammen –
        per E-Mail und unter <a className="kern-link" href="/benachrichtigungen">Benachrichtigungen</a>. Wird ein EfA-Dienst oder eine
        Community-Lösung verfügbar, auf die Ihr Kreis wartet, erfahren Sie es sofort. Wer einen Kreis bearbeitet, wird einmal pro Woche an
        Leistungen erinnert, die {staleText(data.settings.staleAfterDays)} wurden. An Ihre offenen Aufgaben erinnert OZG-Radar
        {` ${TASK_DUE_SOON_DAYS} `}Tage vor der Fälligkeit und noch einmal, wenn sie überfällig sind.
      </p>

      {result?.message ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">{result.message}</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />

      <DigestSettings errors={errors} digest={digest} instantMail={instantMail} />

      <SubscriptionTable subscriptions={data.subscriptions} />

      <h3 className="kern-heading-small">Neues Abonnement</h3>
      <NewSubscriptionForms data={data} errors={errors} values={values} />
    </section>
  )
}
