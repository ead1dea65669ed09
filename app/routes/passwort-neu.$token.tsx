// /passwort-neu/:token — sets a new password from a reset link; every session and API token of
// the account ends.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { PasswordLinkForm } from '~/components/new-password-form'
import { setPasswordByLink, type PasswordLinkActionData } from '~/components/new-password-form.server'
import { LinkToken, RESET_MINUTES } from '~/domain/invitation'
import { completePasswordReset, getPasswordReset, type LinkState } from '~/models/invitation.server'
import { assertSameOrigin } from '~/guards/auth.server'
import { readFormValues } from '~/utils/form.server'

export const meta: MetaFunction = () => [{ title: 'Neues Passwort – OZG-Radar' }, { name: 'referrer', content: 'no-referrer' }]

/** Why the link cannot be used; the page shows it, and a request for the data alone gets it too. */
function linkMessage(state: Exclude<LinkState, 'valid'>): string {
  return state === 'expired'
    ? `Dieser Link ist abgelaufen (er gilt ${RESET_MINUTES} Minuten).`
    : state === 'used'
      ? 'Dieser Link wurde schon verwendet.'
      : 'Diesen Link gibt es nicht. Prüfen Sie, ob er vollständig kopiert ist.'
}

export async function loader({ params }: LoaderFunctionArgs) {
  const token = LinkToken.safeParse(params.token)
  const { state } = token.success ? await getPasswordReset(token.data) : { state: 'unknown' as const }
  return data({ state, message: state === 'valid' ? null : linkMessage(state) }, { status: state === 'valid' ? 200 : state === 'unknown' ? 404 : 410 })
}

type ActionData = PasswordLinkActionData<LinkState>

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const token = LinkToken.safeParse(params.token)
  if (!token.success) return data<ActionData>({ errors: {}, state: 'unknown', message: linkMessage('unknown') }, { status: 404 })
  // 410: the reset link is used or expired.
  return setPasswordByLink(await readFormValues(request), (password) => completePasswordReset(token.data, password), { message: linkMessage, refused: 410 })
}

export default function NewPasswordPage() {
  const loaded = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const state = actionData?.state ?? loaded.state
  return (
    <div className="kern-stack login">
      <h1 className="kern-heading-large">Neues Passwort festlegen</h1>
      <PasswordLinkForm
        message={state === 'valid' ? null : linkMessage(state)}
        intro="Danach sind alle Ihre Sitzungen beendet und Ihre API-Tokens widerrufen; melden Sie sich mit dem neuen Passwort neu an."
        errors={actionData?.errors ?? {}}
        submitLabel="Passwort speichern"
      />
      {state === 'valid' ? null : (
        <p className="kern-body">
          <Link className="kern-link" to="/passwort-vergessen">
            Neuen Link anfordern
          </Link>
        </p>
      )}
    </div>
  )
}
