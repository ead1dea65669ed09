import { Form } from '@remix-run/react'
import { enumOptions, SelectField } from '~/components/fields'
import { Approach, InterfaceStatus } from '~/domain/enums'
import { INTERFACE_STATUS_UNSET } from '~/domain/status'

export type MatrixFilterValues = {
  themenfeld: number | null
  umsetzungsweg: string | null
  unterschiede: boolean
  hersteller: number | null
  fachverfahren: number | null
  schnittstellenstatus: string | null
}

type VendorOptions = { vendors: { id: number; name: string }[]; fachverfahren: { id: number; name: string; vendor: string }[] }

/** The address of a page of the matrix under the same filters. */
export function matrixPageLink(filter: MatrixFilterValues, number: number) {
  const params = new URLSearchParams()
  if (filter.themenfeld !== null) params.set('themenfeld', String(filter.themenfeld))
  if (filter.umsetzungsweg !== null) params.set('umsetzungsweg', filter.umsetzungsweg)
  if (filter.unterschiede) params.set('unterschiede', '1')
  if (filter.hersteller !== null) params.set('hersteller', String(filter.hersteller))
  if (filter.fachverfahren !== null) params.set('fachverfahren', String(filter.fachverfahren))
  if (filter.schnittstellenstatus !== null) params.set('schnittstellenstatus', filter.schnittstellenstatus)
  params.set('seite', String(number))
  return `/matrix?${params}`
}

export function MatrixFilters({ filter, themes, vendorOptions }: { filter: MatrixFilterValues; themes: readonly { id: number; name: string }[]; vendorOptions: VendorOptions }) {
  return (
    <Form method="get" className="filters no-print" aria-label="Matrix filtern">
      <SelectField
        name="themenfeld"
        label="Themenfeld"
        options={themes.map((t) => ({ value: String(t.id), label: t.name }))}
        empty="Alle Themenfelder"
        defaultValue={filter.themenfeld === null ? '' : String(filter.themenfeld)}
      />
      <SelectField
        name="umsetzungsweg"
        label="Mindestens ein Kreis mit Umsetzungsweg"
        options={Approach.list.map((a) => ({ value: a.code, label: a.label }))}
        empty="Beliebig"
        defaultValue={filter.umsetzungsweg ?? ''}
      />
      <SelectField
        name="hersteller"
        label="Mindestens ein Kreis mit Hersteller"
        options={vendorOptions.vendors.map((v) => ({ value: String(v.id), label: v.name }))}
        empty="Beliebig"
        defaultValue={filter.hersteller === null ? '' : String(filter.hersteller)}
      />
      <SelectField
        name="fachverfahren"
        label="… und Fachverfahren"
        options={vendorOptions.fachverfahren.map((f) => ({ value: String(f.id), label: f.name, group: f.vendor }))}
        empty="Beliebig"
        defaultValue={filter.fachverfahren === null ? '' : String(filter.fachverfahren)}
      />
      <SelectField
        name="schnittstellenstatus"
        label="… und Schnittstellenstatus"
        options={[...enumOptions(InterfaceStatus), { value: INTERFACE_STATUS_UNSET.value, label: INTERFACE_STATUS_UNSET.label }]}
        empty="Beliebig"
        defaultValue={filter.schnittstellenstatus ?? ''}
      />
      <div className="kern-form-check">
        <input className="kern-form-check__checkbox" type="checkbox" id="unterschiede" name="unterschiede" value="1" defaultChecked={filter.unterschiede} />
        <label className="kern-label" htmlFor="unterschiede">
          Nur wo Kreise sich unterscheiden
        </label>
      </div>
      <div>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">Filtern</span>
        </button>
      </div>
    </Form>
  )
}
