// /admin/kreise — the community's members: pick them from the official register (search, several
// at once), upload a CSV of AGS, add one that is not in the register, end a membership; and the
// community's own settings (name, stale period). The sections are beside this file.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { text } from '~/domain/text'
import { fieldErrors } from '~/components/form'
import { CountyKind } from '~/domain/enums'
import { CommunityNameInput, JoinInput, LANDS, LeaveInput, ManualCountyInput, MEMBER_KINDS } from '~/domain/membership'
import { StaleAfterDaysInput } from '~/domain/rules'
import { todayIso } from '~/domain/status'
import { joinCounties, joinCountiesFromCsv, joinManualCounty, leaveCommunity, listMemberships, searchRegister, type JoinResult } from '~/models/membership.server'
import { getCommunityName, getStaleAfterDays, setCommunityName, setStaleAfterDays } from '~/models/settings.server'
import type { SessionUser } from '~/domain/permissions'
import { requireAdmin } from '~/guards/auth.server'
import { readForm } from '~/utils/form.server'
import { badRequest, parseSearchParams } from '~/utils/http.server'
import { CsvSection, LeaveSection, ManualSection } from './join-forms'
import { MemberList, RegisterSection } from './member-sections'
import { CommunitySettings } from './settings-section'
import { formState, Success, type ActionData, type Intent } from './shared'

export const meta: MetaFunction = () => [{ title: 'Mitgliedskreise – OZG-Radar' }]

const Search = z.object({
  q: text().trim().max(100, 'Der Suchbegriff darf höchstens 100 Zeichen lang sein.').optional(),
  land: z
    .string()
    .optional()
    .refine((v) => !v || LANDS.includes(v), 'Wählen Sie ein Land aus der Liste.'),
})

const MAX_CSV_BYTES = 256 * 1024

const kindOptions = MEMBER_KINDS.map((k) => ({ value: k, label: CountyKind.label(k) }))
const landOptions = LANDS.map((l) => ({ value: l, label: l }))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const search = parseSearchParams(Search, request)
  const [members, register, communityName, staleAfterDays] = await Promise.all([listMemberships(), searchRegister(search), getCommunityName(), getStaleAfterDays()])
  return { members, register, communityName, staleAfterDays, search, today: todayIso() }
}

type Form = Awaited<ReturnType<typeof readForm>>

function failed(intent: Intent, errors: ActionData['errors'], values: Record<string, string>, status = 400) {
  return data<ActionData>({ intent, errors, values }, { status })
}

function joinFailed(intent: Intent, result: Extract<JoinResult, { ok: false }>, values: Record<string, string>) {
  return data<ActionData>({ intent, errors: { _form: 'Es wurde kein Kreis aufgenommen. Korrigieren Sie die genannten Angaben.' }, messages: result.errors, values }, { status: 400 })
}

function joined(result: JoinResult, intent: Intent, values: Record<string, string>) {
  return result.ok ? redirect(`/admin/kreise?aufgenommen=${result.joined.length}&zeilen=${result.rows}`) : joinFailed(intent, result, values)
}

// One handler per form; each answers with its own errors and typed values.
const handlers: Record<Intent, (field: (name: string) => string, form: Form, admin: SessionUser) => Promise<Response | ReturnType<typeof failed>>> = {
  async name(field, _form, admin) {
    const values = { communityName: field('communityName') }
    const parsed = CommunityNameInput.safeParse(values)
    if (!parsed.success) return failed('name', fieldErrors(parsed.error), values)
    await setCommunityName(parsed.data.communityName, admin)
    return redirect('/admin/kreise?gespeichert=name')
  },
  async frist(field, _form, admin) {
    const values = { staleAfterDays: field('staleAfterDays') }
    const parsed = StaleAfterDaysInput.safeParse(values)
    if (!parsed.success) return failed('frist', fieldErrors(parsed.error), values)
    await setStaleAfterDays(parsed.data.staleAfterDays, admin)
    return redirect('/admin/kreise?gespeichert=frist')
  },
  async join(field, form, admin) {
    const values = { kind: field('kind'), joinedOn: field('joinedOn') }
    const parsed = JoinInput.safeParse({ ags: form.getAll('ags').map(String), ...values })
    if (!parsed.success) {
      // The checkboxes have no single field to link to: that message heads the summary.
      const { ags, ...errors } = fieldErrors(parsed.error)
      return failed('join', ags ? { _form: ags, ...errors } : errors, values)
    }
    return joined(await joinCounties(parsed.data, admin), 'join', values)
  },
  async csv(field, form, admin) {
    const values = { csvKind: field('csvKind'), csvJoinedOn: field('csvJoinedOn') }
    const parsed = JoinInput.omit({ ags: true }).safeParse({ kind: values.csvKind, joinedOn: values.csvJoinedOn })
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error)
      return failed('csv', { csvKind: errors.kind, csvJoinedOn: errors.joinedOn }, values)
    }
    const file = form.get('datei')
    if (!(file instanceof File) || file.size === 0) return failed('csv', { datei: 'Wählen Sie eine CSV-Datei mit Kreisschlüsseln aus.' }, values)
    if (file.size > MAX_CSV_BYTES) return failed('csv', { datei: 'Die Datei ist zu groß (höchstens 256 KB).' }, values, 413)
    return joined(await joinCountiesFromCsv(new Uint8Array(await file.arrayBuffer()), { defaultKind: parsed.data.kind, joinedOn: parsed.data.joinedOn }, admin), 'csv', values)
  },
  async manual(field, _form, admin) {
    const values = { ags: field('manualAgs'), name: field('manualName'), kind: field('manualKind'), land: field('manualLand'), joinedOn: field('manualJoinedOn') }
    const parsed = ManualCountyInput.safeParse(values)
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error)
      return failed('manual', Object.fromEntries(Object.entries(errors).map(([k, v]) => [`manual${k[0].toUpperCase()}${k.slice(1)}`, v])), values)
    }
    return joined(await joinManualCounty(parsed.data, admin), 'manual', values)
  },
  async leave(field, _form, admin) {
    const values = { leaveAgs: field('leaveAgs'), leftOn: field('leftOn') }
    const parsed = LeaveInput.safeParse({ ags: values.leaveAgs, leftOn: values.leftOn })
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error)
      return failed('leave', { leaveAgs: errors.ags, leftOn: errors.leftOn }, values)
    }
    const result = await leaveCommunity(parsed.data, admin)
    if (!result.ok) return failed('leave', { leaveAgs: result.message }, values)
    return redirect(`/admin/kreise?ausgetreten=${encodeURIComponent(result.name)}`)
  },
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const contentLength = Number(request.headers.get('Content-Length') ?? 0)
  if (contentLength > MAX_CSV_BYTES + 10_000) throw data({ message: 'Die Datei ist zu groß (höchstens 256 KB).' }, { status: 413 })
  const form = await readForm(request, { files: ['datei'] })
  const intent = String(form.get('intent') ?? '')
  const field = (name: string) => {
    const v = form.get(name)
    return typeof v === 'string' ? v : ''
  }
  if (!Object.hasOwn(handlers, intent)) throw badRequest('Unbekannte Aktion. Laden Sie die Seite neu und versuchen Sie es noch einmal.')
  return handlers[intent as Intent](field, form, admin)
}

export default function CountiesAdmin() {
  const { members, register, communityName, staleAfterDays, search, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const [params] = useSearchParams()
  const busy = useNavigation().state === 'submitting'
  const state = (intent: Intent) => formState(actionData, intent, busy)
  const current = members.filter((m) => m.isMember)
  const former = members.filter((m) => !m.isMember)
  const added = params.get('aufgenommen')
  const left = params.get('ausgetreten')
  const saved = params.get('gespeichert')
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Mitgliedskreise</h1>
      {added ? (
        <Success>
          {added} Kreis{added === '1' ? '' : 'e'} aufgenommen, {params.get('zeilen') ?? '0'} Zeilen zum Umsetzungsstand angelegt.
        </Success>
      ) : null}
      {left ? <Success>{left} ist ausgetreten. Die Zeilen und ihre Historie bleiben erhalten.</Success> : null}
      {saved === 'name' ? <Success>Der Name der Community ist gespeichert.</Success> : null}
      {saved === 'frist' ? <Success>Die Frist ist gespeichert: Leistungen gelten nach {staleAfterDays} Tagen ohne Bestätigung als veraltet.</Success> : null}
      <CommunitySettings communityName={communityName} staleAfterDays={staleAfterDays} actionData={actionData} name={state('name')} period={state('frist')} />
      <MemberList current={current} former={former} />
      <RegisterSection register={register} search={search} actionData={actionData} join={state('join')} kindOptions={kindOptions} landOptions={landOptions} today={today} />
      <CsvSection actionData={actionData} csv={state('csv')} kindOptions={kindOptions} today={today} />
      <LeaveSection actionData={actionData} leave={state('leave')} memberOptions={current.map((m) => ({ value: m.ags, label: `${m.name} (${m.ags})` }))} today={today} />
      <ManualSection actionData={actionData} manual={state('manual')} kindOptions={kindOptions} landOptions={landOptions} today={today} />
    </div>
  )
}
