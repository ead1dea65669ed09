import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { fieldErrors } from '~/components/form'
import { negotiationFormValues } from '~/components/negotiation-form'
import {
  ALLOWED_DOCUMENT_LABELS,
  checkDocument,
  CommentInput,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENT_MB,
  NegotiationInput,
  NegotiationOfferInput,
  NegotiationParams,
} from '~/domain/negotiation'
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
import { CommentsSection, DocumentsSection, EditSection, Facts, HistorySection, OffersSection, type ActionData } from './sections'

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
      <Facts n={n} />
      {n.note ? <p className="kern-body report-notes">{n.note}</p> : null}

      <OffersSection n={n} canManage={canManage} busy={busy} offerErrors={offerErrors} offerValues={offerValues} actionData={actionData} />

      <DocumentsSection n={n} canManage={canManage} busy={busy} errorsFor={errorsFor} maxMb={maxMb} allowed={allowed} />

      <CommentsSection n={n} canComment={canComment} busy={busy} errorsFor={errorsFor} actionData={actionData} />

      <HistorySection n={n} />

      {canManage && options ? (
        <EditSection n={n} options={options} busy={busy} errorsFor={errorsFor} actionData={actionData} />
      ) : null}
    </div>
  )
}

