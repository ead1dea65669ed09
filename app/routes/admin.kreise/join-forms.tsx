// Joining by CSV file, leaving, and a county the register does not know yet.
import { Form } from '@remix-run/react'
import { FileField, SelectField, TextField } from '~/components/fields'
import { FormErrors, SubmitButton, type ActionData, type FormState } from './shared'

type Option = { value: string; label: string }

export function CsvSection({ actionData, csv, kindOptions, today }: { actionData: ActionData | undefined; csv: FormState; kindOptions: Option[]; today: string }) {
  return (
    <section aria-labelledby="csv-heading" className="kern-stack">
      <h2 className="kern-heading-medium" id="csv-heading">
        Kreise per CSV-Datei aufnehmen
      </h2>
      <p className="kern-body">
        Eine Spalte <code>ags</code> mit den Kreisschlüsseln (oder nur eine Spalte ohne Überschrift), optional <code>kreistyp</code> (Landkreis, Kreisfreie Stadt, Region). Alle oder keiner: Ein unbekannter oder doppelter Kreisschlüssel wird mit seiner Zeile genannt.
      </p>
      <FormErrors data={actionData} intent="csv" />
      <Form method="post" encType="multipart/form-data" className="kern-stack" noValidate>
        <input type="hidden" name="intent" value="csv" />
        <FileField name="datei" label="CSV-Datei mit Kreisschlüsseln" accept=".csv,text/csv" error={csv.errors.datei} />
        <SelectField name="csvKind" label="Kreistyp, wo Datei und Verzeichnis keinen nennen" options={kindOptions} empty="– keiner: dann muss die Datei ihn nennen –" defaultValue={csv.values.csvKind} error={csv.errors.csvKind} />
        <TextField name="csvJoinedOn" label="Mitglied seit (CSV)" hint="Datum wie 01.03.2025; leer: heute." defaultValue={csv.values.csvJoinedOn ?? today} error={csv.errors.csvJoinedOn} />
        <SubmitButton label="Kreise aus der Datei aufnehmen" busy={csv.busy} primary />
      </Form>
    </section>
  )
}

export function LeaveSection({ actionData, leave, memberOptions, today }: { actionData: ActionData | undefined; leave: FormState; memberOptions: Option[]; today: string }) {
  return (
    <section aria-labelledby="leave-heading" className="kern-stack">
      <h2 className="kern-heading-medium" id="leave-heading">
        Austritt
      </h2>
      <p className="kern-body">Der Kreis zählt ab dem Austritt nicht mehr in Kennzahlen und Formularen; seine Zeilen und deren Historie bleiben erhalten, ein Wiedereintritt ist möglich.</p>
      <FormErrors data={actionData} intent="leave" />
      <Form method="post" className="kern-stack" noValidate>
        <input type="hidden" name="intent" value="leave" />
        <SelectField name="leaveAgs" label="Kreis, der austritt" options={memberOptions} empty="– Kreis wählen –" defaultValue={leave.values.leaveAgs} error={leave.errors.leaveAgs} />
        <TextField name="leftOn" label="Ausgetreten am" hint="Datum wie 01.03.2025; leer: heute." defaultValue={leave.values.leftOn ?? today} error={leave.errors.leftOn} />
        <SubmitButton label="Austritt eintragen" busy={leave.busy} />
      </Form>
    </section>
  )
}

export function ManualSection({ actionData, manual, kindOptions, landOptions, today }: { actionData: ActionData | undefined; manual: FormState; kindOptions: Option[]; landOptions: Option[]; today: string }) {
  return (
    <section aria-labelledby="manual-heading" className="kern-stack">
      <h2 className="kern-heading-medium" id="manual-heading">
        Kreis außerhalb des Verzeichnisses
      </h2>
      <p className="kern-body">Für Kreise nach einer Gebietsreform, die das Verzeichnis (Stand 2018) noch nicht kennt.</p>
      <FormErrors data={actionData} intent="manual" />
      <Form method="post" className="kern-stack" noValidate>
        <input type="hidden" name="intent" value="manual" />
        <TextField name="manualAgs" label="Kreisschlüssel (AGS)" inputMode="numeric" defaultValue={manual.values.ags} error={manual.errors.manualAgs} />
        <TextField name="manualName" label="Name" defaultValue={manual.values.name} error={manual.errors.manualName} />
        <SelectField name="manualKind" label="Kreistyp des neuen Kreises" options={kindOptions} empty="– wählen –" defaultValue={manual.values.kind} error={manual.errors.manualKind} />
        <SelectField name="manualLand" label="Land des neuen Kreises" options={landOptions} empty="– wählen –" defaultValue={manual.values.land} error={manual.errors.manualLand} />
        <TextField name="manualJoinedOn" label="Mitglied seit (neuer Kreis)" hint="Datum wie 01.03.2025; leer: heute." defaultValue={manual.values.joinedOn ?? today} error={manual.errors.manualJoinedOn} />
        <SubmitButton label="Kreis anlegen und aufnehmen" busy={manual.busy} />
      </Form>
    </section>
  )
}
