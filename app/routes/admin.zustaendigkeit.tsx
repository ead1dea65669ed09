// /admin/zustaendigkeit — applicability as data: the rules per Land and county kind (with their
// legal basis, assumptions marked until confirmed), the coordinator's overrides per service, and
// what applying them would change.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { SelectField, TextField } from '~/components/fields'
import { ErrorSummary, fieldErrors, type FieldErrors } from '~/components/form'
import { ASSUMPTION_LABEL, OverrideInput, RemoveOverrideInput } from '~/domain/applicability'
import { Approach, CountyKind } from '~/domain/enums'
import { parseId } from '~/domain/id'
import { applyAllApplicability, confirmRule, listOverrides, listRules, planApplicability, removeOverride, setOverride } from '~/models/applicability.server'
import { listCountyChoices } from '~/models/user.server'
import { requireCoordinator } from '~/guards/auth.server'
import { readFormValues } from '~/utils/form.server'
import { badRequest } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Zuständigkeit – OZG-Radar' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCoordinator(request)
  const [rules, overrides, plan, counties] = await Promise.all([listRules(), listOverrides(), planApplicability(), listCountyChoices()])
  return { rules, overrides, plan, counties }
}

type ActionData = { intent: string; errors: FieldErrors; values?: Record<string, string> }
type PageData = Awaited<ReturnType<typeof loader>>
type Plan = PageData['plan']
type Override = PageData['overrides'][number]
type Rule = PageData['rules'][number]
type CountyChoice = PageData['counties'][number]

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCoordinator(request)
  const form = await readFormValues(request)
  const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '')
  switch (form.intent) {
    case 'override': {
      const values = { ozgId: str('ozgId'), ags: str('ags'), applies: str('applies'), reason: str('reason') }
      const parsed = OverrideInput.safeParse(values)
      if (!parsed.success) return data<ActionData>({ intent: 'override', errors: fieldErrors(parsed.error), values }, { status: 400 })
      const result = await setOverride(parsed.data, user)
      if (!result.ok) return data<ActionData>({ intent: 'override', errors: { [result.field]: result.message }, values }, { status: 400 })
      return redirect(`/admin/zustaendigkeit?offen=${result.toPending}&nicht=${result.toNotApplicable}&entscheiden=${result.blocked.blocked}`)
    }
    case 'remove': {
      const values = { reason: str('removeReason') }
      const parsed = RemoveOverrideInput.safeParse({ id: str('id'), reason: values.reason })
      if (!parsed.success) return data<ActionData>({ intent: `remove-${str('id')}`, errors: { removeReason: fieldErrors(parsed.error).reason ?? 'Ungültige Festlegung.' }, values }, { status: 400 })
      const result = await removeOverride(parsed.data.id, parsed.data.reason, user)
      if (!result) return redirect('/admin/zustaendigkeit')
      return redirect(`/admin/zustaendigkeit?offen=${result.toPending}&nicht=${result.toNotApplicable}`)
    }
    case 'confirm': {
      const id = parseId(str('id'))
      if (id === null) throw badRequest('Diese Regel gibt es nicht.')
      await confirmRule(id, user)
      return redirect('/admin/zustaendigkeit?bestaetigt=1#regeln')
    }
    case 'apply': {
      const result = await applyAllApplicability(user)
      return redirect(`/admin/zustaendigkeit?offen=${result.toPending}&nicht=${result.toNotApplicable}`)
    }
    default:
      throw badRequest('Unbekannte Aktion. Laden Sie die Seite neu und versuchen Sie es noch einmal.')
  }
}

function Notices({ params }: { params: URLSearchParams }) {
  const moved = params.get('offen') !== null
  return (
    <>
      {moved ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">
              Angewendet: {params.get('offen')} Zeilen auf „offen“, {params.get('nicht')} auf „nicht zuständig“ gesetzt
              {params.get('entscheiden') && params.get('entscheiden') !== '0' ? `; ${params.get('entscheiden')} Zeilen mit Daten brauchen eine Entscheidung` : ''}.
            </p>
          </div>
        </div>
      ) : null}
      {params.get('bestaetigt') ? (
        <div className="kern-alert kern-alert--success" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Die Regel ist bestätigt.</p>
          </div>
        </div>
      ) : null}
    </>
  )
}

function PlanSection({ plan, busy }: { plan: Plan; busy: boolean }) {
  return (
    <section aria-labelledby="plan-heading" className="kern-stack">
      <h2 className="kern-heading-medium" id="plan-heading">
        Stand der Zeilen
      </h2>
      <p className="kern-body" data-plan="">
        Nach den geltenden Regeln und Festlegungen wären {plan.toPending} Zeilen auf „offen“ und {plan.toNotApplicable} auf „nicht zuständig“ zu setzen; {plan.blocked} Zeilen mit Daten weichen ab und brauchen eine Entscheidung.
      </p>
      {plan.toPending + plan.toNotApplicable > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="apply" />
          <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
            <span className="kern-label">Regeln auf alle Mitglieder anwenden</span>
          </button>
        </Form>
      ) : null}
      {plan.blockedRows.length ? (
        <div className="table-scroll">
          <table className="kern-table kern-table--small">
            <caption className="kern-title">Zur Entscheidung: Zeilen mit Daten, deren Zuständigkeit abweicht{plan.blocked > plan.blockedRows.length ? ` (die ersten ${plan.blockedRows.length} von ${plan.blocked})` : ''}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Kreis</th>
                <th scope="col" className="kern-table__header">Leistung</th>
                <th scope="col" className="kern-table__header">Umsetzungsweg jetzt</th>
                <th scope="col" className="kern-table__header">Nach den Regeln</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {plan.blockedRows.map((b) => (
                <tr key={`${b.ags}-${b.ozgId}`} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">{b.countyName}</th>
                  <td className="kern-table__cell">
                    <Link className="kern-link" to={`/kreise/${b.ags}/leistungen/${b.ozgId}`}>
                      {b.ozgId} {b.serviceName}
                    </Link>
                  </td>
                  <td className="kern-table__cell">{Approach.label(b.approach as never)}</td>
                  <td className="kern-table__cell">{b.applies ? 'zuständig' : 'nicht zuständig'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}

function OverrideForm({ counties, errors: overrideErrors, values, busy }: { counties: CountyChoice[]; errors: FieldErrors; values: Record<string, string>; busy: boolean }) {
  return (
    <>
      <ErrorSummary errors={overrideErrors} />
      <Form method="post" className="kern-stack" noValidate>
        <input type="hidden" name="intent" value="override" />
        <TextField name="ozgId" label="OZG-ID der Leistung" inputMode="numeric" defaultValue={values.ozgId} error={overrideErrors.ozgId} />
        <SelectField name="ags" label="Für" options={counties.map((c) => ({ value: c.ags, label: `${c.name} (${c.ags})` }))} empty="die ganze Community" defaultValue={values.ags} error={overrideErrors.ags} />
        <fieldset className="kern-fieldset" aria-describedby={overrideErrors.applies ? 'applies-error' : undefined}>
          <legend className="kern-label">Zuständig?</legend>
          {overrideErrors.applies ? (
            <p className="kern-error" id="applies-error">
              {overrideErrors.applies}
            </p>
          ) : null}
          <div className="kern-form-check">
            <input className="kern-form-check__radio" type="radio" id="applies-ja" name="applies" value="ja" defaultChecked={values.applies === 'ja'} />
            <label className="kern-label" htmlFor="applies-ja">
              Ja, die Kreise führen die Leistung aus
            </label>
          </div>
          <div className="kern-form-check">
            <input className="kern-form-check__radio" type="radio" id="applies-nein" name="applies" value="nein" defaultChecked={values.applies === 'nein'} />
            <label className="kern-label" htmlFor="applies-nein">
              Nein, nicht zuständig
            </label>
          </div>
        </fieldset>
        <TextField name="reason" label="Begründung" hint="Rechtsgrundlage oder Beschluss; steht in der Historie jeder verschobenen Zeile." multiline defaultValue={values.reason} error={overrideErrors.reason} />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
            <span className="kern-label">Festlegen und anwenden</span>
          </button>
        </div>
      </Form>
    </>
  )
}

function OverrideTable({ overrides, actionData, busy }: { overrides: Override[]; actionData: ActionData | undefined; busy: boolean }) {
  return (
    <>
      {overrides.length ? (
        <div className="table-scroll">
          <table className="kern-table kern-table--small">
            <caption className="kern-title">Festlegungen ({overrides.length})</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Leistung</th>
                <th scope="col" className="kern-table__header">Für</th>
                <th scope="col" className="kern-table__header">Zuständig</th>
                <th scope="col" className="kern-table__header">Begründung</th>
                <th scope="col" className="kern-table__header">Aufheben</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {overrides.map((o) => {
                const removeErrors = actionData?.intent === `remove-${o.id}` ? actionData.errors : {}
                return (
                  <tr key={o.id} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      <Link className="kern-link" to={`/leistungen/${o.ozgId}`}>
                        {o.ozgId} {o.serviceName}
                      </Link>
                    </th>
                    <td className="kern-table__cell">{o.countyName ? `${o.countyName} (${o.ags})` : 'ganze Community'}</td>
                    <td className="kern-table__cell">{o.applies ? 'ja' : 'nein'}</td>
                    <td className="kern-table__cell">{o.reason}</td>
                    <td className="kern-table__cell">
                      <Form method="post" className="kern-stack">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="id" value={o.id} />
                        <TextField name="removeReason" id={`remove-${o.id}`} label={`Begründung zum Aufheben (${o.ozgId})`} error={removeErrors.removeReason} />
                        <button type="submit" className="kern-btn kern-btn--tertiary kern-btn--x-small" disabled={busy}>
                          <span className="kern-label">Aufheben</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  )
}

function RulesSection({ rules, assumptions, busy }: { rules: Rule[]; assumptions: number; busy: boolean }) {
  return (
    <section aria-labelledby="regeln" className="kern-stack">
      <h2 className="kern-heading-medium" id="regeln">
        Regeln je Land und Kreistyp ({rules.length}, davon {assumptions} unbestätigte Annahmen)
      </h2>
      <div className="table-scroll">
        <table className="kern-table kern-table--small kern-table--striped">
          <caption className="visually-hidden">Zuständigkeitsregeln</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Thema</th>
              <th scope="col" className="kern-table__header">Land, Kreistyp</th>
              <th scope="col" className="kern-table__header">OZG-IDs</th>
              <th scope="col" className="kern-table__header">Zuständig</th>
              <th scope="col" className="kern-table__header">Rechtsgrundlage und Quelle</th>
              <th scope="col" className="kern-table__header">Stand</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {rules.map((r) => (
              <tr key={r.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">{r.topic}</th>
                <td className="kern-table__cell">
                  {r.land}, {CountyKind.label(r.countyKind as never)}
                </td>
                <td className="kern-table__cell">{r.ozgIds.join(', ')}</td>
                <td className="kern-table__cell">{r.applies ? 'ja' : 'nein'}</td>
                <td className="kern-table__cell">
                  {r.legalBasis ? <p className="kern-body kern-body--small">{r.legalBasis}</p> : null}
                  {r.source ? <p className="kern-body kern-body--small muted">{r.source}</p> : null}
                </td>
                <td className="kern-table__cell">
                  {r.isAssumption && !r.confirmedAt ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="confirm" />
                      <input type="hidden" name="id" value={r.id} />
                      <span className="kern-badge kern-badge--warning">
                        <span className="kern-label kern-label--small">{ASSUMPTION_LABEL}</span>
                      </span>{' '}
                      <button type="submit" className="kern-btn kern-btn--tertiary kern-btn--x-small" disabled={busy} aria-label={`Annahme bestätigen: ${r.topic}, ${CountyKind.label(r.countyKind as never)}`}>
                        <span className="kern-label">Bestätigen</span>
                      </button>
                    </Form>
                  ) : r.isAssumption ? (
                    'Annahme, bestätigt'
                  ) : (
                    'Rechtsgrundlage'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

export default function ApplicabilityPage() {
  const { rules, overrides, plan, counties } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const overrideErrors = actionData?.intent === 'override' ? actionData.errors : {}
  const values = actionData?.intent === 'override' ? (actionData.values ?? {}) : {}
  const assumptions = rules.filter((r) => r.isAssumption && !r.confirmedAt).length
  return (
    <div className="kern-stack">
        <h1 className="kern-heading-large">Zuständigkeit</h1>
        <p className="kern-body">
          Welche Leistungen ein Kreis ausführt, entscheidet in dieser Reihenfolge: eine Festlegung für den Kreis, eine Festlegung für die ganze Community, die Regel seines Landes und Kreistyps, sonst der LeiKa-Typ (kommunal:
          zuständig). Eine Änderung verschiebt Zeilen zwischen „offen“ und „nicht zuständig“, jede mit Historie; Zeilen, an denen schon gearbeitet wurde, bleiben und stehen unten zur Entscheidung.
        </p>
        <Notices params={params} />

        <PlanSection plan={plan} busy={busy} />

        <section aria-labelledby="override-heading" className="kern-stack">
          <h2 className="kern-heading-medium" id="override-heading">
            Festlegung für eine Leistung
          </h2>
          <OverrideForm counties={counties} errors={overrideErrors} values={values} busy={busy} />
          <OverrideTable overrides={overrides} actionData={actionData} busy={busy} />
        </section>

        <RulesSection rules={rules} assumptions={assumptions} busy={busy} />
    </div>
  )
}
