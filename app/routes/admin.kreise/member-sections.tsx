// The members of the community and the search of the official register to add more.
import { Form, Link } from '@remix-run/react'
import { SelectField, TextField } from '~/components/fields'
import { TableHead } from '~/components/table-head'
import { CountyKind } from '~/domain/enums'
import type { listMemberships, searchRegister } from '~/models/membership.server'
import { FormErrors, SubmitButton, type ActionData, type FormState } from './shared'

type Member = Awaited<ReturnType<typeof listMemberships>>[number]
type Register = Awaited<ReturnType<typeof searchRegister>>
type Option = { value: string; label: string }

export function MemberList({ current, former }: { current: Member[]; former: Member[] }) {
  return (
    <section aria-labelledby="members-heading" className="kern-stack">
      <h2 className="kern-heading-medium" id="members-heading">
        Mitglieder ({current.length})
      </h2>
      {current.length === 0 ? (
        <p className="kern-body">Noch kein Kreis ist Mitglied. Wählen Sie die Mitglieder unten aus dem Verzeichnis oder laden Sie eine CSV-Datei hoch.</p>
      ) : (
        <div className="table-scroll">
          <table className="kern-table kern-table--small kern-table--striped">
            <caption className="visually-hidden">Aktuelle Mitgliedskreise</caption>
            <TableHead columns={['Kreis', 'AGS', 'Kreistyp', 'Land', 'Mitglied seit']} />
            <tbody className="kern-table__body">
              {current.map((m) => (
                <tr key={m.ags} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link className="kern-link" to={`/kreise/${m.ags}`}>
                      {m.name}
                    </Link>
                  </th>
                  <td className="kern-table__cell">{m.ags}</td>
                  <td className="kern-table__cell">{CountyKind.label(m.kind as never)}</td>
                  <td className="kern-table__cell">{m.land ?? '–'}</td>
                  <td className="kern-table__cell">{m.joinedOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {former.length ? (
        <>
          <h3 className="kern-heading-small">Ehemalige Mitglieder ({former.length})</h3>
          <ul className="kern-list">
            {former.map((m) => (
              <li key={m.ags}>
                {m.name} ({m.ags}), ausgetreten am {m.leftOn} – Zeilen und Historie bleiben erhalten
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}

function RegisterTable({ entries, more }: Register) {
  return (
    <fieldset className="kern-fieldset">
      <legend className="kern-label">Treffer ({entries.length}{more ? ', weitere: Suche eingrenzen' : ''})</legend>
      <div className="table-scroll">
        <table className="kern-table kern-table--small">
          <caption className="visually-hidden">Treffer im Verzeichnis</caption>
          <TableHead columns={['Aufnehmen', 'AGS', 'Land', 'Kreistyp (Verzeichnis)', 'Einwohner 2018']} />
          <tbody className="kern-table__body">
            {entries.map((e) => (
              <tr key={e.ags} className="kern-table__row">
                <td className="kern-table__cell">
                  {e.state === 'member' ? (
                    <span>{e.name} – schon Mitglied</span>
                  ) : (
                    <div className="kern-form-check">
                      <input className="kern-form-check__checkbox" type="checkbox" id={`ags-${e.ags}`} name="ags" value={e.ags} />
                      <label className="kern-label" htmlFor={`ags-${e.ags}`}>
                        {e.name}
                        {e.state === 'former' ? ' (ehemaliges Mitglied: Wiedereintritt)' : ''}
                      </label>
                    </div>
                  )}
                </td>
                <td className="kern-table__cell">{e.ags}</td>
                <td className="kern-table__cell">{e.land}</td>
                <td className="kern-table__cell">{e.kind ? CountyKind.label(e.kind as never) : 'unbekannt'}</td>
                <td className="kern-table__cell">{e.population?.toLocaleString('de-DE') ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  )
}

export function RegisterSection({ register, search, actionData, join, kindOptions, landOptions, today }: {
  register: Register
  search: { q?: string; land?: string }
  actionData: ActionData | undefined
  join: FormState
  kindOptions: Option[]
  landOptions: Option[]
  today: string
}) {
  return (
    <section aria-labelledby="register-heading" className="kern-stack">
      <h2 className="kern-heading-medium" id="register-heading">
        Kreise aus dem Verzeichnis aufnehmen
      </h2>
      <p className="kern-body">
        Das amtliche Verzeichnis aller 401 Kreise und kreisfreien Städte (Destatis, Stand 31.12.2018). Suchen Sie nach Name oder Kreisschlüssel (AGS) oder wählen Sie ein Land.
      </p>
      <Form method="get" className="kern-stack search-form" role="search" aria-label="Verzeichnis durchsuchen">
        <TextField name="q" label="Name oder AGS" defaultValue={search.q ?? ''} />
        <SelectField name="land" label="Land" options={landOptions} empty="– alle Länder –" defaultValue={search.land ?? ''} />
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">Im Verzeichnis suchen</span>
          </button>
        </div>
      </Form>
      <FormErrors data={actionData} intent="join" />
      {search.q || search.land ? (
        register.entries.length === 0 ? (
          <p className="kern-body">Kein Kreis im Verzeichnis passt zu dieser Suche.</p>
        ) : (
          <Form method="post" className="kern-stack" noValidate>
            <input type="hidden" name="intent" value="join" />
            <RegisterTable {...register} />
            <SelectField name="kind" label="Kreistyp" hint="Leer: wie im Verzeichnis (bekannt für Niedersachsen). Sonst gilt der gewählte Typ für alle ausgewählten Kreise." options={kindOptions} empty="– wie im Verzeichnis –" defaultValue={join.values.kind} error={join.errors.kind} />
            <TextField name="joinedOn" label="Mitglied seit" hint="Datum wie 01.03.2025; leer: heute." defaultValue={join.values.joinedOn ?? today} error={join.errors.joinedOn} />
            <SubmitButton label="Ausgewählte Kreise aufnehmen" busy={join.busy} primary />
          </Form>
        )
      ) : null}
    </section>
  )
}
