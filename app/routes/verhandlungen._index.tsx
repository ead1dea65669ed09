import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { optionalIdSchema } from '~/domain/id'
import { SelectField } from '~/components/fields'
import { fieldErrors } from '~/components/form'
import { NegotiationForm, negotiationFormValues } from '~/components/negotiation-form'
import { isOpenNegotiationStage, NegotiationStage, type NegotiationStageCode } from '~/domain/enums'
import { germanDate } from '~/domain/meeting-report'
import { NegotiationInput } from '~/domain/negotiation'
import { canManageCoordination } from '~/domain/permissions'
import { todayIso } from '~/domain/status'
import { createNegotiation, getNegotiationFormOptions, listNegotiations } from '~/models/negotiation.server'
import { requireCoordinator, requireUser } from '~/guards/auth.server'
import { readForm } from '~/utils/form.server'
import { parseSearchParams } from '~/utils/http.server'
import { emptyToUndefined } from '~/domain/text'
import { AGS_PATTERN } from '~/domain/rules'

export const meta: MetaFunction = () => [{ title: 'Verhandlungen – OZG-Radar' }]

const ListFilter = z.object({
  hersteller: optionalIdSchema('Wählen Sie einen Hersteller aus der Liste.'),
  kreis: z.preprocess(emptyToUndefined, z.string().regex(AGS_PATTERN, 'Ein Kreis wird mit seinem AGS angegeben, z. B. 03351.').optional()),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const filter = parseSearchParams(ListFilter, request)
  const canManage = canManageCoordination(user)
  const [negotiations, options] = await Promise.all([listNegotiations({ vendorId: filter.hersteller, countyAgs: filter.kreis }), getNegotiationFormOptions()])
  return { negotiations, options, filter, canManage, today: todayIso() }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCoordinator(request)
  const values = negotiationFormValues(await readForm(request))
  const parsed = NegotiationInput.safeParse(values)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 })
  const result = await createNegotiation(parsed.data, user)
  if (!result.ok) return data({ errors: result.errors, values }, { status: 400 })
  return redirect(`/verhandlungen/${result.id}?gespeichert=1`)
}

export default function Negotiations() {
  const { negotiations, options, filter, canManage, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">Verhandlungen mit Herstellern</h1>
      <p className="kern-body">
        Eine gemeinsame Verhandlung je Hersteller und Fachverfahren (oder Schnittstellenstandard): welche Kreise teilnehmen, wer für die Community
        verhandelt, der Stand, der nächste Schritt und bis wann.
      </p>
      <form method="get" className="filters" role="search" aria-label="Verhandlungen filtern">
        <SelectField name="hersteller" label="Hersteller" options={options.vendors.map((v) => ({ value: String(v.id), label: v.name }))} empty="alle" defaultValue={filter.hersteller ? String(filter.hersteller) : ''} id="filter-hersteller" />
        <SelectField name="kreis" label="Beteiligter Kreis" options={options.counties.map((c) => ({ value: c.ags, label: c.name }))} empty="alle" defaultValue={filter.kreis ?? ''} id="filter-kreis" />
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">Filtern</span>
          </button>
        </div>
      </form>
      {negotiations.length === 0 ? (
        <p className="kern-body">Es gibt keine Verhandlung{filter.hersteller || filter.kreis ? ' für diesen Filter' : ''}.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabelle der Verhandlungen">
          <table className="kern-table kern-table--small kern-table--striped">
            <caption className="kern-title">Verhandlungen ({negotiations.length}), nach Hersteller</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Verhandlung</th>
                <th scope="col" className="kern-table__header">Stand</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Kreise</th>
                <th scope="col" className="kern-table__header">Verhandelt für die Community</th>
                <th scope="col" className="kern-table__header">Nächster Schritt</th>
                <th scope="col" className="kern-table__header">Fällig</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {negotiations.map((n) => {
                const overdue = n.dueDate !== null && n.dueDate < today && isOpenNegotiationStage(n.stage)
                return (
                  <tr key={n.id} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      <Link className="kern-link" to={`/verhandlungen/${n.id}`}>
                        {[n.vendor, n.fachverfahren, n.interfaceStandard].filter(Boolean).join(' – ')}
                      </Link>
                    </th>
                    <td className="kern-table__cell">{NegotiationStage.label(n.stage as NegotiationStageCode)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{n.countyCount}</td>
                    <td className="kern-table__cell">{[n.leadCounty, n.leadUser].filter(Boolean).join(', ') || '–'}</td>
                    <td className="kern-table__cell">{n.nextStep ?? '–'}</td>
                    <td className={`kern-table__cell ${overdue ? 'is-overdue' : ''}`}>{n.dueDate ? `${germanDate(n.dueDate)}${overdue ? ' (überfällig)' : ''}` : '–'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {canManage ? (
        <section className="kern-stack" aria-labelledby="new-negotiation">
          <h2 className="kern-heading-medium" id="new-negotiation">
            Neue Verhandlung anlegen
          </h2>
          <NegotiationForm
            errors={actionData?.errors ?? {}}
            values={actionData?.values ?? { hersteller: filter.hersteller ? String(filter.hersteller) : '' }}
            options={options}
            submitLabel="Verhandlung anlegen"
            busy={navigation.state === 'submitting'}
          />
        </section>
      ) : null}
    </div>
  )
}
