// The sections of a negotiation's page (/verhandlungen/:id): facts, offers, documents, comments,
// history and the edit form.
import { Form, Link } from '@remix-run/react'
import { FileField, TextField } from '~/components/fields'
import { ErrorSummary, type FieldErrors } from '~/components/form'
import { NegotiationForm } from '~/components/negotiation-form'
import { NegotiationStage, type NegotiationStageCode } from '~/domain/enums'
import { germanDate, germanDateTime } from '~/domain/meeting-report'
import { negotiationHistoryLine } from '~/domain/negotiation'
import type { getNegotiation, getNegotiationFormOptions } from '~/models/negotiation.server'
import { formatAmount } from '~/domain/format'

export type ActionData = { intent: string; errors: FieldErrors; values: Record<string, unknown> }
type Negotiation = NonNullable<Awaited<ReturnType<typeof getNegotiation>>>
type FormOptions = Awaited<ReturnType<typeof getNegotiationFormOptions>>
type ErrorsFor = (intent: string) => FieldErrors

const euro = (value: string | null) => (value === null ? '–' : `${formatAmount(Number(value))} €`)
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`)

export function Facts({ n }: { n: Negotiation }) {
  return (
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
  )
}

export function OffersSection({ n, canManage, busy, offerErrors, offerValues, actionData }: { n: Negotiation; canManage: boolean; busy: boolean; offerErrors: FieldErrors; offerValues: Record<string, string> | null; actionData: ActionData | undefined }) {
  return (
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
  )
}

export function DocumentsSection({ n, canManage, busy, errorsFor, maxMb, allowed }: { n: Negotiation; canManage: boolean; busy: boolean; errorsFor: ErrorsFor; maxMb: number; allowed: string }) {
  return (
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
            <FileField name="dokument" label="Dokument hochladen" accept=".pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg,.txt" hint={`Höchstens ${maxMb} MB; erlaubt sind ${allowed}.`} error={errorsFor('dokument').dokument} />
            <div>
              <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
                <span className="kern-label">Hochladen</span>
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  )
}

export function CommentsSection({ n, canComment, busy, errorsFor, actionData }: { n: Negotiation; canComment: boolean; busy: boolean; errorsFor: ErrorsFor; actionData: ActionData | undefined }) {
  return (
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
  )
}

export function HistorySection({ n }: { n: Negotiation }) {
  return (
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
  )
}

export function EditSection({ n, options, busy, errorsFor, actionData }: { n: Negotiation; options: FormOptions; busy: boolean; errorsFor: ErrorsFor; actionData: ActionData | undefined }) {
  return (
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
  )
}

