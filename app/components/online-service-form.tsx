// The coordinator's form for an online service (create and edit share it).
import { Form } from '@remix-run/react'
import { ErrorSummary, type FieldErrors } from '~/components/form'
import { enumOptions, SelectField, TextField } from '~/components/fields'
import { Availability, MaturityModel, OnlineServiceKind } from '~/domain/enums'
import type { OnlineServiceFormValues } from '~/domain/online-service'

export function OnlineServiceForm({
  values,
  errors,
  counties,
  submitLabel,
}: {
  values: Partial<OnlineServiceFormValues>
  errors: FieldErrors
  counties: { ags: string; name: string }[]
  submitLabel: string
}) {
  return (
    <Form method="post" className="kern-stack" noValidate>
      <ErrorSummary errors={errors} />
      <TextField name="name" label="Name" error={errors.name} defaultValue={values.name} />
      <SelectField name="art" label="Art" error={errors.art} defaultValue={values.art ?? 'efa'} options={enumOptions(OnlineServiceKind)} />
      <TextField name="anbieter" label="Anbieter (Land, Hersteller oder IT-Dienstleister)" error={errors.anbieter} defaultValue={values.anbieter} />
      <SelectField
        name="federfuehrung"
        label="Federführender Kreis (nur Community-Lösung)"
        error={errors.federfuehrung}
        defaultValue={values.federfuehrung}
        empty="Keiner"
        options={counties.map((c) => ({ value: c.ags, label: c.name }))}
      />
      <TextField name="betreiber" label="Betreiber (IT-Dienstleister)" error={errors.betreiber} defaultValue={values.betreiber} />
      <SelectField
        name="verfuegbarkeit"
        label="Verfügbarkeit"
        error={errors.verfuegbarkeit}
        defaultValue={values.verfuegbarkeit ?? 'verfuegbar'}
        options={enumOptions(Availability)}
      />
      <TextField name="reifegrad" label="Reifegrad" hint="0 bis 4 im Modell 1.1, 0 bis 7 im Modell 2.0; leer, wenn unbekannt." error={errors.reifegrad} defaultValue={values.reifegrad} inputMode="numeric" />
      <SelectField name="reifegradmodell" label="Reifegradmodell" error={errors.reifegradmodell} defaultValue={values.reifegradmodell ?? '1.1'} options={enumOptions(MaturityModel)} />
      <TextField name="adresse" label="Adresse (URL)" error={errors.adresse} defaultValue={values.adresse} type="url" />
      <TextField name="marktplatz" label="Eintrag im Marktplatz (URL)" error={errors.marktplatz} defaultValue={values.marktplatz} type="url" />
      <TextField name="einmalentgelt_eur" label="Einmaliges Entgelt in EUR" hint="z. B. 1234,50" error={errors.einmalentgelt_eur} defaultValue={values.einmalentgelt_eur} inputMode="decimal" />
      <TextField name="jahresentgelt_eur" label="Jährliches Entgelt in EUR" hint="z. B. 1234,50" error={errors.jahresentgelt_eur} defaultValue={values.jahresentgelt_eur} inputMode="decimal" />
      <TextField name="entgeltnotiz" label="Konditionen / Notiz zum Entgelt" error={errors.entgeltnotiz} defaultValue={values.entgeltnotiz} multiline />
      <TextField name="schnittstellenstandards" label="Lieferbare Schnittstellenstandards" hint="z. B. FIT-Connect, XBau 2.3" error={errors.schnittstellenstandards} defaultValue={values.schnittstellenstandards} />
      <TextField name="leistungen" label="Umgesetzte Leistungen (OZG-IDs)" hint="Fünfstellige OZG-IDs, durch Komma getrennt, z. B. 10519, 10520" error={errors.leistungen} defaultValue={values.leistungen} multiline />
      <TextField name="beschreibung" label="Beschreibung" error={errors.beschreibung} defaultValue={values.beschreibung} multiline />
      <div>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{submitLabel}</span>
        </button>
      </div>
    </Form>
  )
}
