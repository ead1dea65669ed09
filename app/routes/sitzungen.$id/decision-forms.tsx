// The coordination's forms on a meeting page: an agenda item, a decision, a to-do. Plain forms
// (they work without JavaScript); typed values come back on an error.
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { CountyPersonFields } from '~/components/county-person-fields'
import { SelectField, TextField } from '~/components/fields'
import { ErrorSummary, type FieldErrors } from '~/components/form'

type Options = {
  counties: { ags: string; name: string }[]
  people: { id: number; name: string; county: string | null }[]
  onlineServices: { id: number; name: string }[]
  negotiations: { id: number; title: string }[]
  agenda: { id: number; position: number; title: string }[]
}

/** A collapsed form under its summary line, opened when the last submission came back with errors. */
function DisclosureForm({ summary, intent, submitLabel, errors, busy, children }: { summary: string; intent: string; submitLabel: string; errors: FieldErrors; busy: boolean; children: ReactNode }) {
  return (
    <details className="no-print" open={Object.keys(errors).length ? true : undefined}>
      <summary className="kern-link">{summary}</summary>
      <ErrorSummary errors={errors} />
      <Form method="post" className="kern-stack" noValidate>
        <input type="hidden" name="intent" value={intent} />
        {children}
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
            <span className="kern-label">{submitLabel}</span>
          </button>
        </div>
      </Form>
    </details>
  )
}

const agendaOptions = (agenda: Options['agenda']) => agenda.map((a) => ({ value: String(a.id), label: `TOP ${a.position}: ${a.title}` }))

export function AgendaItemForm({ errors, values, options, busy }: { errors: FieldErrors; values: Record<string, string>; options: Options; busy: boolean }) {
  return (
    <DisclosureForm summary="Tagesordnungspunkt hinzufügen" intent="top" submitLabel="Tagesordnungspunkt hinzufügen" errors={errors} busy={busy}>
      <TextField name="top_titel" label="Tagesordnungspunkt" defaultValue={values.top_titel} error={errors.top_titel} />
      <TextField name="top_leistung" label="Leistung (OZG-ID, optional)" inputMode="numeric" hint="Zum Beispiel 10530." defaultValue={values.top_leistung} error={errors.top_leistung} />
      <SelectField name="top_online_dienst" label="Online-Dienst (optional)" options={options.onlineServices.map((o) => ({ value: String(o.id), label: o.name }))} empty="– keiner –" defaultValue={values.top_online_dienst} error={errors.top_online_dienst} />
      <SelectField name="top_verhandlung" label="Verhandlung (optional)" options={options.negotiations.map((n) => ({ value: String(n.id), label: n.title }))} empty="– keine –" defaultValue={values.top_verhandlung} error={errors.top_verhandlung} />
      <TextField name="top_notiz" label="Notiz (optional)" multiline defaultValue={values.top_notiz} error={errors.top_notiz} />
    </DisclosureForm>
  )
}

export function DecisionForm({ errors, values, options, busy }: { errors: FieldErrors; values: Record<string, string>; options: Options; busy: boolean }) {
  return (
    <DisclosureForm summary="Beschluss festhalten" intent="beschluss" submitLabel="Beschluss speichern" errors={errors} busy={busy}>
      <TextField name="beschluss" label="Beschluss" multiline defaultValue={values.beschluss} error={errors.beschluss} />
      <SelectField name="beschluss_top" label="Zu Tagesordnungspunkt (optional)" options={agendaOptions(options.agenda)} empty="– keinem –" defaultValue={values.beschluss_top} error={errors.beschluss_top} />
    </DisclosureForm>
  )
}

export function TaskForm({ errors, values, options, busy }: { errors: FieldErrors; values: Record<string, string>; options: Options; busy: boolean }) {
  return (
    <DisclosureForm summary="Aufgabe vergeben" intent="aufgabe" submitLabel="Aufgabe speichern" errors={errors} busy={busy}>
      <TextField name="aufgabe" label="Aufgabe" defaultValue={values.aufgabe} error={errors.aufgabe} />
      <CountyPersonFields
        prefix="verantwortlich"
        label="Verantwortlich"
        hint="Ein Kreis, eine Person oder beide."
        empty={{ county: '– kein Kreis –', person: '– keine Person –' }}
        counties={options.counties}
        people={options.people}
        values={values}
        errors={errors}
      />
      <TextField name="faellig_am" label="Fällig am" hint="Heute oder später, zum Beispiel 01.03.2026." defaultValue={values.faellig_am} error={errors.faellig_am} />
      <SelectField name="aufgabe_top" label="Zu Tagesordnungspunkt (optional)" options={agendaOptions(options.agenda)} empty="– keinem –" defaultValue={values.aufgabe_top} error={errors.aufgabe_top} />
    </DisclosureForm>
  )
}
