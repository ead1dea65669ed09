// The community's own settings: its name and the period after which a row counts as stale.
import { Form } from '@remix-run/react'
import { TextField } from '~/components/fields'
import { MAX_STALE_AFTER_DAYS, MIN_STALE_AFTER_DAYS } from '~/domain/rules'
import { FormErrors, SubmitButton, type ActionData, type FormState } from './shared'

export function CommunitySettings({ communityName, staleAfterDays, actionData, name, period }: {
  communityName: string | null
  staleAfterDays: number
  actionData: ActionData | undefined
  name: FormState
  period: FormState
}) {
  return (
    <>
      <section aria-labelledby="name-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="name-heading">
          Name der Community
        </h2>
        <FormErrors data={actionData} intent="name" />
        <Form method="post" className="kern-stack" noValidate>
          <input type="hidden" name="intent" value="name" />
          <TextField name="communityName" label="Name der Community" hint="Erscheint in der Kopfzeile, in Sitzungsberichten und Einladungen, z. B. OpenR@thaus." defaultValue={name.values.communityName ?? communityName ?? ''} error={name.errors.communityName} />
          <SubmitButton label="Namen speichern" busy={name.busy} />
        </Form>
      </section>

      <section aria-labelledby="frist-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="frist-heading">
          Frist für die Bestätigung
        </h2>
        <p className="kern-body">
          Eine zuständige Leistung gilt als veraltet, wenn ihr Stand nie oder nicht innerhalb dieser Frist bestätigt wurde. Die Frist gilt für die Kennzahl
          „Nicht bestätigt“, den Filter „veraltet“, Sitzungsberichte und die wöchentliche Erinnerung an die Bearbeitenden.
        </p>
        <FormErrors data={actionData} intent="frist" />
        <Form method="post" className="kern-stack" noValidate>
          <input type="hidden" name="intent" value="frist" />
          <TextField
            name="staleAfterDays"
            label="Frist in Tagen"
            inputMode="numeric"
            hint={`Ganze Tage von ${MIN_STALE_AFTER_DAYS} bis ${MAX_STALE_AFTER_DAYS}, z. B. 180.`}
            defaultValue={period.values.staleAfterDays ?? String(staleAfterDays)}
            error={period.errors.staleAfterDays}
          />
          <SubmitButton label="Frist speichern" busy={period.busy} />
        </Form>
      </section>
    </>
  )
}
