import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect } from 'react'
import { z } from 'zod'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { ConflictNotice, nameMaps, type ConflictView } from '~/components/status-form/conflict-notice'
import { ReadOnlyValues } from '~/components/status-form/read-only-values'
import { RowFacts } from '~/components/status-form/row-facts'
import { StatusForm, type StatusFormInput } from '~/components/status-form/status-form'
import { StatusHistory } from '~/components/status-form/status-history'
import { canEditCounty } from '~/domain/permissions'
import { FIELD_COLUMN, statusFormSchema, toFormValues, type StatusDiff } from '~/domain/status'
import { getReferenceNames, getStatus, getStatusForSave, getStatusReferences, listHistory, mergeAfterConflict, updateStatus } from '~/models/status.server'
import { requireUser } from '~/guards/auth.server'
import { echo, forbidden, notFound, parseParams } from '~/utils/http.server'
import { readFormValues } from '~/utils/form.server'
import statusFormCss from '~/styles/status-form.css?url'
import { agsSchema, ozgIdSchema } from '~/domain/rules'

const RowParams = z.object({ ags: agsSchema(), ozgId: ozgIdSchema() })
// „Speichern“ writes changes only; „Stand bestätigen“ also stamps an unchanged row as current.
const SaveIntent = z.enum(['speichern', 'bestaetigen'], { message: 'Wählen Sie „Speichern“ oder „Stand bestätigen“.' }).default('speichern')
const SAVED = { ja: 'changed', bestaetigt: 'confirmed', unveraendert: 'unchanged' } as const
const ERROR_PREFIX = 'Fehler: '
// A failed save without JavaScript is one request: the action marks it here, the loader that
// renders the page reads it, so the page title can say „Fehler:“ (meta sees no action data).
const FAILED_SAVE = 'statusFormFailed'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: statusFormCss }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.failedSave ? ERROR_PREFIX : ''}${data.row.serviceName} – ${data.row.countyName} – OZG-Radar` : 'Leistung – OZG-Radar' },
]

async function loadRow(params: unknown) {
  const { ags, ozgId } = parseParams(RowParams, params)
  const row = await getStatus(ags, ozgId)
  if (!row) throw notFound('Diese Leistung gibt es für diesen Kreis nicht. Prüfen Sie AGS und OZG-ID.')
  return row
}

/** Names for the ids in history entries and the conflict view. */
async function namesFor(entries: { changes: StatusDiff }[]) {
  const os = new Set<number>()
  const fv = new Set<number>()
  for (const e of entries) {
    for (const [field, change] of Object.entries(e.changes)) {
      for (const v of [change?.from, change?.to]) {
        if (typeof v !== 'number') continue
        if (field === 'onlineServiceId') os.add(v)
        if (field === 'fachverfahrenId') fv.add(v)
      }
    }
  }
  return getReferenceNames([...os], [...fv])
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const row = await loadRow(params)
  const [references, history] = await Promise.all([getStatusReferences(row.serviceId, row.onlineServiceId), listHistory(row.id)])
  const saved = new URL(request.url).searchParams.get('gespeichert') ?? ''
  return {
    row: { ...row, values: undefined, approach: row.values.approach, stage: row.values.stage },
    formValues: toFormValues(row.values),
    references,
    history,
    names: await namesFor(history),
    canEdit: canEditCounty(user, row.countyId),
    saved: Object.hasOwn(SAVED, saved) ? SAVED[saved as keyof typeof SAVED] : null,
    failedSave: context[FAILED_SAVE] === true,
  }
}

type ActionData = { errors: FieldErrors; values: StatusFormInput; conflict?: ConflictView }

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { ags, ozgId } = parseParams(RowParams, params)
  const raw = await readFormValues(request)
  const typed = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v : ''])) as ActionData['values'] & { aktion?: string }
  // The row and only the two references this form names, in one query: a save is the hot path.
  const found = await getStatusForSave(ags, ozgId, { onlineService: typed.online_dienst ?? '', fachverfahren: typed.fachverfahren ?? '' })
  if (!found) throw notFound('Diese Leistung gibt es für diesen Kreis nicht. Prüfen Sie AGS und OZG-ID.')
  const { row, onlineService, context: lookups } = found
  if (!canEditCounty(user, row.countyId)) {
    throw forbidden(`Sie dürfen nur die Leistungen Ihres eigenen Kreises bearbeiten, nicht die von ${row.countyName}.`)
  }
  const intent = SaveIntent.safeParse(typed.aktion || undefined)
  const parsed = statusFormSchema(lookups).safeParse(raw)
  if (!parsed.success || !intent.success) {
    // Every message at once (values, cross-field rules, the button), and the form is never
    // cleared on an error: everything typed goes back with the messages.
    context[FAILED_SAVE] = true
    const errors = { ...(intent.success ? {} : { _form: intent.error.issues[0].message }), ...(parsed.success ? {} : fieldErrors(parsed.error)) }
    return data<ActionData>({ errors, values: echo(typed) }, { status: 400 })
  }
  const { values, version, comment } = parsed.data
  const confirm = intent.data === 'bestaetigen'
  const result = await updateStatus({ statusId: row.id, expectedVersion: version, values, comment, actor: user, current: row, onlineServiceKind: onlineService?.kind ?? null, confirm })
  if (result.ok) {
    const saved = result.changed ? 'ja' : confirm ? 'bestaetigt' : 'unveraendert'
    return redirect(`/kreise/${row.ags}/leistungen/${row.ozgId}?gespeichert=${saved}`)
  }
  const { merged, clashes, theirs } = mergeAfterConflict(result.conflict.values, result.conflict.changesSince, values)
  const names = await namesFor([...result.conflict.changesSince, { changes: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { from: v, to: v }])) }])
  return data<ActionData>(
    {
      errors: {},
      // The form comes back with the user's input, the other person's changes merged in where the
      // user had not touched the field, and the new version, so that "Speichern" saves the merge.
      values: { ...toFormValues(merged), kommentar: typed.kommentar ?? '', version: String(result.conflict.version) },
      conflict: { version: result.conflict.version, changesSince: result.conflict.changesSince, clashes, theirs, current: result.conflict.values, mine: values, names },
    },
    { status: 409 },
  )
}

const SAVED_MESSAGE = {
  changed: 'Ihre Änderungen sind gespeichert. Der Stand gilt damit als bestätigt.',
  confirmed: 'Nichts geändert: Der Stand ist als aktuell bestätigt.',
  unchanged: 'Nichts geändert, nichts gespeichert. Stimmt der Stand noch, wählen Sie „Stand bestätigen“.',
}

/** „Fehler: “ before the page title while the form shows errors (in the browser, after a submission). */
function useErrorTitle(errors: FieldErrors | undefined) {
  useEffect(() => {
    if (!errors || Object.keys(errors).length === 0) return
    const before = document.title
    if (!before.startsWith(ERROR_PREFIX)) document.title = ERROR_PREFIX + before
    return () => {
      document.title = before.startsWith(ERROR_PREFIX) ? before.slice(ERROR_PREFIX.length) : before
    }
  }, [errors])
}

export default function StatusRowPage() {
  const { row, formValues, references, history, names, canEdit, saved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const navigation = useNavigation()
  const errors = actionData?.errors ?? {}
  useErrorTitle(actionData?.errors)
  const values: StatusFormInput = actionData?.values ?? { ...formValues, version: String(row.version) }
  // The form posts to this address, „?gespeichert=…“ included: an answer to a later save replaces the note.
  const savedNote = actionData ? null : saved

  return (
    <div className="kern-stack status-page">
      <RowFacts row={row} />
      {savedNote ? (
        <div className={`kern-alert ${savedNote === 'unchanged' ? 'kern-alert--info' : 'kern-alert--success'}`} role="status">
          <div className="kern-alert__body">
            <p className="kern-body">{SAVED_MESSAGE[savedNote]}</p>
          </div>
        </div>
      ) : null}
      {actionData?.conflict ? <ConflictNotice conflict={actionData.conflict} /> : null}
      <ErrorSummary errors={errors} focus />
      {canEdit ? (
        <StatusForm
          values={values}
          errors={errors}
          references={references}
          version={values.version ?? String(row.version)}
          busy={navigation.state === 'submitting'}
          changedElsewhere={actionData?.conflict?.theirs.map((f) => FIELD_COLUMN[f])}
        />
      ) : (
        <>
          <div className="kern-alert kern-alert--info" role="note">
            <div className="kern-alert__body">
              <p className="kern-body">Sie können diese Zeile lesen, aber nicht ändern: Bearbeiten darf nur der Kreis selbst und die Koordination.</p>
            </div>
          </div>
          <ReadOnlyValues values={formValues} references={references} />
        </>
      )}
      <StatusHistory history={history} names={nameMaps(names)} />
    </div>
  )
}
