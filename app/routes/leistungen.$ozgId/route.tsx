import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import chartsCss from '~/components/charts/charts.css?url'
import { CountyKind, Responsibility } from '~/domain/enums'
import { getServiceDetail } from '~/models/service-detail.server'
import { requireUser } from '~/guards/auth.server'
import { notFound, parseParams } from '~/utils/http.server'
import { ReuseSection } from './reuse'
import { CountiesSection, ImplementationsSection, LeikaSection } from './tables'
import { ozgIdSchema } from '~/domain/rules'

const Params = z.object({ ozgId: ozgIdSchema() })

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chartsCss }]
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.service.ozgId} ${data.service.name} – Leistungen – OZG-Radar` : 'Leistung – OZG-Radar' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request)
  const { ozgId } = parseParams(Params, params)
  const detail = await getServiceDetail(ozgId)
  if (!detail) throw notFound(`Eine Leistung mit der OZG-ID ${ozgId} gibt es im Katalog nicht. Suchen Sie sie unter „Leistungen“.`)
  return detail
}

export default function ServicePage() {
  const { service, leika, implementations, counties, reuse, communitySolutions, contacts } = useLoaderData<typeof loader>()
  return (
    <div className="kern-stack">
      <p className="kern-body no-print">
        <Link className="kern-link" to="/leistungen">
          Zurück zum Katalog
        </Link>
      </p>
      <h1 className="kern-heading-large">
        <span className="muted">{service.ozgId}</span> {service.name}
      </h1>
      {service.retiredAt ? (
        <div className="kern-alert kern-alert--warning" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">Diese Leistung ist nicht mehr im aktuellen Katalog.</p>
          </div>
        </div>
      ) : null}
      {service.description ? <p className="kern-body">{service.description}</p> : null}
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Themenfeld</dt>
          <dd className="kern-description-list-item__value">{service.theme}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Lebenslage</dt>
          <dd className="kern-description-list-item__value">{service.lifeSituation ?? '–'}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Zuständigkeit</dt>
          <dd className="kern-description-list-item__value">
            {service.responsibilities.map((r) => Responsibility.label(r)).join(', ') || '–'}
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Gilt für</dt>
          <dd className="kern-description-list-item__value">
            {service.appliesTo.map((k) => CountyKind.label(k)).join(', ') || 'keine Kreisebene (nicht kommunal)'}
          </dd>
        </div>
      </dl>

      <LeikaSection service={service} leika={leika} />
      <ImplementationsSection service={service} implementations={implementations} />
      <ReuseSection service={service} reuse={reuse} counties={counties} communitySolutions={communitySolutions} contacts={contacts} />
      <CountiesSection service={service} counties={counties} />
    </div>
  )
}
