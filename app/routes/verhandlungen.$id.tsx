import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { TextField } from '~/components/fields'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { NegotiationForm, negotiationFormValues } from '~/components/negotiation-form'
import { NegotiationStage, type NegotiationStageCode } from '~/domain/enums'
import { germanDate, germanDateTime } from '~/domain/meeting-report'
import { ALLOWED_DOCUMENT_LABELS, checkDocument, CommentInput, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_MB, NegotiationInput, NegotiationOfferInput, NegotiationParams, negotiationHistoryLine } from '~/domain/negotiation'
import { canCommentNegotiation, canManageCoordination } from '~/domain/permissions'
import {
  addNegotiationComment,
  addNegotiationDocument,
  getNegotiation,
  getNegotiationFormOptions,
  participantCountyIds,
  setNegotiationOffer,
  updateNegotiation,
} from '~/models/negotiation.server'
import { findSubscription, subscribe, unsubscribe } from '~/models/subscription.server'
import { requireUser } from '~/guards/auth.server'
import { readForm } from '~/utils/form.server'
import { forbidden, notFound, parseParams } from '~/utils/http.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? [data.negotiation.vendor, data.negotiation.fachverfahren, data.negotiation.interfaceStandard].filter(Boolean).join(' – ') : 'Verhandlung'} – Verhandlungen – OZG-Radar` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { id } = parseParams(NegotiationParams, params)
  const negotiation = await getNegotiation(id)
  if (!negotiation) throw notFound('Diese Verhandlung gibt es nicht. Wählen Sie eine aus der Liste der Verhandlungen.')
  const canManage = canManageCoordination(user)
  return {
    negotiation,
    options: canManage ? await getNegotiationFormOptions() : null,
    canManage,
    canComment: canCommentNegotiation(user, negotiation.participants.map((p) => p.countyId)),
    subscriptionId: await findSubscription(user.id, 'negotiation', id),
    maxMb: MAX_DOCUMENT_MB,
    allowed: ALLOWED_DOCUMENT_LABELS,
  }
}

type ActionData = { intent: string; errors: FieldErrors; values: Record<string, unknown> }

// Room for the multipart framing around a file at the limit.
const MULTIPART_OVERHEAD = 64 * 1024

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { id } = parseParams(NegotiationParams, params)
  const participants = await participantCountyIds(id)
  if (!participants) throw notFound('Diese Verhandlung gibt es nicht mehr.')
  const canManage = canManageCoordination(user)
  const length = Number(request.headers.get('Content-Length') ?? 0)
  if (length > MAX_DOCUMENT_BYTES + MULTIPART_OVERHEAD) {
    if (!canManage) throw forbidden('Nur die Koordination darf Dokumente hochladen.')
    // Refused before reading: the body is not buffered just to say it is too large.
    return data<ActionData>({ intent: 'dokument', errors: { dokument: `Die Datei ist zu groß. Erlaubt sind höchstens ${MAX_DOCUMENT_MB} MB.` }, values: {} }, { status: 413 })
  }
  const form = await readForm(request, { files: ['dokument'] })
  const intent = String(form.get('intent') ?? '')
  // Anyone signed in may follow a negotiation; the digest then lists its history.
  if (intent === 'abonnieren') {
    const result = await subscribe(user, { intent: 'abo-anlegen', kind: 'negotiation', verhandlung: id })
    if (!result.ok) throw notFound('Diese Verhandlung gibt es nicht mehr.')
    return redirect(`/verhandlungen/${id}?abo=ja#abo`)
  }
  if (intent === 'abbestellen') {
    const subscriptionId = await findSubscription(user.id, 'negotiation', id)
    if (subscriptionId === null || !(await unsubscribe(user, subscriptionId))) throw notFound('Sie haben diese Verhandlung nicht abonniert.')
    return redirect(`/verhandlungen/${id}?abo=nein#abo`)
  }
  if (intent === 'kommentar') {
    if (!canCommentNegotiation(user, participants)) {
      throw forbidden('Kommentieren dürfen die Koordination und die Bearbeitung der beteiligten Kreise.')
    }
    const values = { kommentar: String(form.get('kommentar') ?? '') }
    const parsed = CommentInput.safeParse(values)
    if (!parsed.success) return data<ActionData>({ intent, errors: fieldErrors(parsed.error), values }, { status: 400 })
    if (!(await addNegotiationComment(id, parsed.data, user))) throw forbidden()
    return redirect(`/verhandlungen/${id}?gespeichert=kommentar#kommentare`)
  }
  if (!canManage) throw forbidden('Nur die Koordination darf Verhandlungen ändern.')
  if (intent === 'bearbeiten') {
    const values = negotiationFormValues(form)
    const parsed = NegotiationInput.safeParse(values)
    if (!parsed.success) return data<ActionData>({ intent, errors: fieldErrors(parsed.error), values }, { status: 400 })
    const result = await updateNegotiation(id, parsed.data, user)
    if (!result) throw notFound('Diese Verhandlung gibt es nicht mehr.')
    if (!result.ok) return data<ActionData>({ intent, errors: result.errors, values }, { status: 400 })
    return redirect(`/verhandlungen/${id}?gespeichert=1`)
  }
  if (intent === 'angebot') {
    const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>
    const parsed = NegotiationOfferInput.safeParse(values)
    if (!parsed.success) return data<ActionData>({ intent, errors: fieldErrors(parsed.error), values }, { status: 400 })
    const result = await setNegotiationOffer(id, parsed.data, user)
    if (!result) throw notFound('Diese Verhandlung gibt es nicht mehr.')
    if (!result.ok) return data<ActionData>({ intent, errors: result.errors, values }, { status: 400 })
    return redirect(`/verhandlungen/${id}?gespeichert=angebot#angebote`)
  }
  if (intent === 'dokument') {
    const file = form.get('dokument')
    if (!file || typeof file === 'string' || file.size === 0) {
      return data<ActionData>({ intent, errors: { dokument: 'Wählen Sie eine Datei aus.' }, values: {} }, { status: 400 })
    }
    const bytes = new Uint8Array(await file.arrayBuffer())
    const checked = checkDocument(file.name, bytes)
    if (!checked.ok) return data<ActionData>({ intent, errors: { dokument: checked.message }, values: {} }, { status: checked.message.includes('zu groß') ? 413 : 415 })
    await addNegotiationDocument(id, { fileName: checked.fileName, kind: checked.kind, bytes }, user)
    return redirect(`/verhandlungen/${id}?gespeichert=dokument#dokumente`)
  }
  return data<ActionData>({ intent, errors: { _form: 'Diese Aktion gibt es nicht. Laden Sie die Seite neu.' }, values: {} }, { status: 400 })
}

const euro = (value: string | null) => (value === null ? '–' : `${Number(value).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`)
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`)

export default function NegotiationPage() {
  const { negotiation: n, options, canManage, canComment, maxMb, allowed, subscriptionId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : {})
  const title = [n.vendor, n.fachverfahren, n.interfaceStandard].filter(Boolean).join(' – ')
  const busy = navigation.state === 'submitting'
  const offerErrors = errorsFor('angebot')
  const offerValues = actionData?.intent === 'angebot' ? (actionData.values as unknown as Record<string, string>) : null
  return (
    <div className="kern-stack">
      <p className="kern-body no-print">
        <Link className="kern-link" to="/verhandlungen">
          ← Alle Verhandlungen
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <Form method="post" className="no-print" id="abo">
        <input type="hidden" name="intent" value={subscriptionId === null ? 'abonnieren' : 'abbestellen'} />
        <p className="kern-body">
          {subscriptionId === null
            ? 'Abonnieren Sie diese Verhandlung, um Änderungen anderer in Ihrer E-Mail-Zusammenfassung zu sehen. '
            : 'Sie haben diese Verhandlung abonniert: Änderungen anderer stehen in Ihrer E-Mail-Zusammenfassung. '}
          <Link className="kern-link" to="/profil#benachrichtigungen">
            Häufigkeit im Profil einstellen
          </Link>
        </p>
        <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
          <span className="kern-label">{subscriptionId === null ? 'Verhandlung abonnieren' : 'Abonnement beenden'}</span>
        </button>
        {search.get('abo') ? (
          <p className="kern-body" role="status">
            {search.get('abo') === 'ja' ? 'Sie haben die Verhandlung abonniert.' : 'Das Abonnement ist beendet.'}
          </p>
        ) : null}
      </Form>
      {search.get('gespeichert') && !actionData ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Gespeichert.</p>
          </div>
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Hersteller</dt>
          <dd>
            <Link className="kern-link" to={`/hersteller/${n.vendorId}`}>
              {n.vendor}
            </Link>
          </dd>
        </div>
        <div>
          <dt>Fachverfahren</dt>
          <dd>{n.fachverfahren ?? '–'}</dd>
        </div>
        <div>
          <dt>Schnittstellenstandard</dt>
          <dd>{n.interfaceStandard ?? '–'}</dd>
        </div>
        <div>
          <dt>Stand</dt>
          <dd>{NegotiationStage.label(n.stage as NegotiationStageCode)}</dd>
        </div>
        <div>
          <dt>Verhandelt für die Community</dt>
          <dd>{[n.leadCounty, n.leadUser].filter(Boolean).join(', ') || 'noch niemand bestimmt'}</dd>
        </div>
        <div>
          <dt>Nächster Schritt</dt>
          <dd>
            {n.nextStep ?? '–'}
            {n.dueDate ? ` (fällig am ${germanDate(n.dueDate)})` : ''}
          </dd>
        </div>
      </dl>
      {n.note ? <p className="kern-body report-notes">{n.note}</p> : null}

      <section className="kern-stack" aria-labelledby="angebote">
        <h2 className="kern-heading-medium" id="angebote">
          Beteiligte Kreise und Angebote ({n.participants.length})
        </h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Beteiligte Kreise und Angebote">
          <table className="kern-table kern-table--small kern-table--striped">
            <caption className="visually-hidden">Angebot und Preis je beteiligtem Kreis</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Kreis</th>
                <th scope="col" className="kern-table__header">Angebot</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Einmalig</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Jährlich</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {n.participants.map((p) => (
                <tr key={p.ags} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link className="kern-link" to={`/kreise/${p.ags}${n.fachverfahrenId ? `?fachverfahren=${n.fachverfahrenId}` : ''}`}>
                      {p.name}
                    </Link>
                  </th>
                  <td className="kern-table__cell">{p.offer ?? '–'}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{euro(p.priceOneOff)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{euro(p.priceAnnual)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canManage ? (
          <details className="no-print" open={actionData?.intent === 'angebot' ? true : undefined}>
            <summary className="kern-link">Angebot für einen Kreis erfassen</summary>
            <ErrorSummary errors={offerErrors} />
            <Form method="post" className="kern-stack" noValidate>
              <input type="hidden" name="intent" value="angebot" />
              <div className="kern-form-input">
                <label className="kern-label" htmlFor="kreis">
                  Kreis
                </label>
                {offerErrors.kreis ? (
                  <p className="kern-error" id="kreis-error">
                    {offerErrors.kreis}
                  </p>
                ) : null}
                <div className="kern-form-input__select-wrapper">
                  <select className="kern-form-input__select" id="kreis" name="kreis" defaultValue={offerValues?.kreis} aria-describedby={offerErrors.kreis ? 'kreis-error' : undefined}>
                    {n.participants.map((p) => (
                      <option key={p.ags} value={p.ags}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <TextField name="angebot" label="Angebot" multiline defaultValue={offerValues?.angebot} error={offerErrors.angebot} />
              <TextField name="preis_einmalig" label="Preis einmalig (EUR)" inputMode="decimal" defaultValue={offerValues?.preis_einmalig} error={offerErrors.preis_einmalig} />
              <TextField name="preis_jaehrlich" label="Preis jährlich (EUR)" inputMode="decimal" defaultValue={offerValues?.preis_jaehrlich} error={offerErrors.preis_jaehrlich} />
              <div>
                <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
                  <span className="kern-label">Angebot speichern</span>
                </button>
              </div>
            </Form>
          </details>
        ) : null}
      </section>

      <section className="kern-stack" aria-labelledby="dokumente">
        <h2 className="kern-heading-medium" id="dokumente">
          Dokumente ({n.documents.length})
        </h2>
        {n.documents.length === 0 ? (
          <p className="kern-body">Noch kein Dokument.</p>
        ) : (
          <ul className="kern-list">
            {n.documents.map((d) => (
              <li key={d.id}>
                <a className="kern-link" href={`/verhandlungen/${n.id}/dokumente/${d.id}`} download>
                  {d.fileName}
                </a>{' '}
                ({size(d.size)}, {germanDateTime(new Date(d.uploadedAt).toISOString())}
                {d.uploadedBy ? `, ${d.uploadedBy}` : ''})
              </li>
            ))}
          </ul>
        )}
        {canManage ? (
          <>
            <ErrorSummary errors={errorsFor('dokument')} />
            <Form method="post" encType="multipart/form-data" className="kern-stack no-print" noValidate>
              <input type="hidden" name="intent" value="dokument" />
              <div className={`kern-form-input ${errorsFor('dokument').dokument ? 'kern-form-input--error' : ''}`}>
                <label className="kern-label" htmlFor="dokument">
                  Dokument hochladen
                </label>
                <p className="kern-hint" id="dokument-hint">
                  Höchstens {maxMb} MB; erlaubt sind {allowed}.
                </p>
                {errorsFor('dokument').dokument ? (
                  <p className="kern-error" id="dokument-error">
                    {errorsFor('dokument').dokument}
                  </p>
                ) : null}
                <input
                  className="kern-form-input__input"
                  type="file"
                  id="dokument"
                  name="dokument"
                  accept=".pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg,.txt"
                  aria-invalid={errorsFor('dokument').dokument ? true : undefined}
                  aria-describedby={`dokument-hint${errorsFor('dokument').dokument ? ' dokument-error' : ''}`}
                />
              </div>
              <div>
                <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
                  <span className="kern-label">Hochladen</span>
                </button>
              </div>
            </Form>
          </>
        ) : null}
      </section>

      <section className="kern-stack" aria-labelledby="kommentare">
        <h2 className="kern-heading-medium" id="kommentare">
          Kommentare ({n.comments.length})
        </h2>
        {n.comments.length === 0 ? <p className="kern-body">Noch kein Kommentar.</p> : null}
        {n.comments.map((c) => (
          <article key={c.id} className="comment">
            <p className="kern-body kern-body--small">
              {c.author ?? 'Unbekannt'}
              {c.authorCounty ? ` (${c.authorCounty})` : ''}, {germanDateTime(new Date(c.createdAt).toISOString())}
            </p>
            <p className="kern-body report-notes">{c.body}</p>
          </article>
        ))}
        {canComment ? (
          <>
            <ErrorSummary errors={errorsFor('kommentar')} />
            <Form method="post" className="kern-stack no-print" noValidate>
              <input type="hidden" name="intent" value="kommentar" />
              <TextField name="kommentar" label="Kommentar schreiben" multiline defaultValue={actionData?.intent === 'kommentar' ? String(actionData.values.kommentar ?? '') : ''} error={errorsFor('kommentar').kommentar} />
              <div>
                <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
                  <span className="kern-label">Kommentieren</span>
                </button>
              </div>
            </Form>
          </>
        ) : null}
      </section>

      <section className="kern-stack" aria-labelledby="verlauf">
        <h2 className="kern-heading-medium" id="verlauf">
          Verlauf
        </h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Verlauf der Verhandlung">
          <table className="kern-table kern-table--small">
            <caption className="visually-hidden">Verlauf der Verhandlung, neueste zuerst</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Wann</th>
                <th scope="col" className="kern-table__header">Wer</th>
                <th scope="col" className="kern-table__header">Was</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {n.history.map((h) => (
                <tr key={h.id} className="kern-table__row">
                  <td className="kern-table__cell">{germanDateTime(new Date(h.at).toISOString())}</td>
                  <td className="kern-table__cell">{h.by ?? '–'}</td>
                  <td className="kern-table__cell">
                    {negotiationHistoryLine(h.action, h.details)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {canManage && options ? (
        <details className="report-edit no-print" open={actionData?.intent === 'bearbeiten' ? true : undefined}>
          <summary className="kern-link">Verhandlung bearbeiten</summary>
          <NegotiationForm
            intent="bearbeiten"
            errors={errorsFor('bearbeiten')}
            values={
              actionData?.intent === 'bearbeiten'
                ? (actionData.values as unknown as Record<string, string> & { kreise?: string[] })
                : {
                    hersteller: String(n.vendorId),
                    fachverfahren: n.fachverfahrenId ? String(n.fachverfahrenId) : '',
                    schnittstellenstandard: n.interfaceStandard ?? '',
                    stufe: NegotiationStage.value(n.stage as NegotiationStageCode),
                    kreise: n.participants.map((p) => p.ags),
                    federfuehrung_kreis: n.leadCountyAgs ?? '',
                    federfuehrung_person: n.leadUserId ? String(n.leadUserId) : '',
                    naechster_schritt: n.nextStep ?? '',
                    faellig: n.dueDate ? germanDate(n.dueDate) : '',
                    notiz: n.note ?? '',
                  }
            }
            options={options}
            submitLabel="Änderungen speichern"
            busy={busy}
          />
        </details>
      ) : null}
    </div>
  )
}

