// Coordinator forms for a vendor and a Fachverfahren.
import { Form } from '@remix-run/react'
import { ErrorSummary, type FieldErrors } from '~/components/form'
import { TextField } from '~/components/fields'

type Values = Partial<Record<string, string>>

export function VendorForm({ values, errors, submitLabel }: { values: Values; errors: FieldErrors; submitLabel: string }) {
  return (
    <Form method="post" className="kern-stack" noValidate>
      <ErrorSummary errors={errors} />
      <TextField name="name" label="Name des Herstellers" error={errors.name} defaultValue={values.name} />
      <TextField name="website" label="Website" error={errors.website} defaultValue={values.website} type="url" />
      <TextField name="notiz" label="Notiz" error={errors.notiz} defaultValue={values.notiz} multiline />
      <div>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{submitLabel}</span>
        </button>
      </div>
    </Form>
  )
}

export function FachverfahrenForm({ values, errors, submitLabel }: { values: Values; errors: FieldErrors; submitLabel: string }) {
  return (
    <Form method="post" className="kern-stack" noValidate>
      <ErrorSummary errors={errors} />
      <TextField name="name" label="Name des Fachverfahrens" error={errors.name} defaultValue={values.name} />
      <TextField
        name="schnittstellenstandards"
        label="Unterstützte Schnittstellenstandards"
        hint="z. B. XBau 2.3, FIT-Connect"
        error={errors.schnittstellenstandards}
        defaultValue={values.schnittstellenstandards}
      />
      <TextField name="notiz" label="Notiz" error={errors.notiz} defaultValue={values.notiz} multiline />
      <div>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{submitLabel}</span>
        </button>
      </div>
    </Form>
  )
}
