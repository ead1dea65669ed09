// /einladung/:token — the invited person sets a password; the link works once for 7 days.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { PasswordLinkForm } from '~/components/new-password-form'
import { setPasswordByLink, type PasswordLinkActionData } from '~/components/new-password-form.server'
import { INVITATION_DAYS, LinkToken } from '~/domain/invitation'
import { acceptInvitation, askForNewInvitation, getInvitation, type LinkState } from '~/models/invitation.server'
import { assertSameOrigin } from '~/guards/auth.server'
import { readFormValues } from '~/utils/form.server'
import { publicOrigin } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Einladung annehmen – OZG-Radar' }, { name: 'referrer', content: 'no-referrer' }]

async function stateOf(token: string | undefined): Promise<{ state: LinkState; email?: string }> {
  const parsed = LinkToken.safeParse(token)
  return parsed.success ? getInvitation(parsed.data) : { state: 'unknown' }
}

/** Why the link cannot be used; the page shows it, and a request for the data alone gets it too. */
function linkMessage(state: Exclude<LinkState, 'valid'> | 'taken'): string {
  return state === 'expired'
    ? `Diese Einladung ist abgelaufen (sie gilt ${INVITATION_DAYS} Tage).`
    : state === 'used'
      ? 'Diese Einladung wurde schon verwendet.'
      : state === 'taken'
        ? 'Zu dieser E-Mail-Adresse gibt es schon ein Konto.'
        : 'Diesen Einladungslink gibt es nicht. Prüfen Sie, ob er vollständig kopiert ist.'
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { state, email } = await stateOf(params.token)
  return data({ state, email, message: state === 'valid' ? null : linkMessage(state) }, { status: state === 'valid' ? 200 : state === 'unknown' ? 404 : 410 })
}

type ActionData = PasswordLinkActionData<LinkState | 'taken'> & { asked?: boolean }

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const token = LinkToken.safeParse(params.token)
  if (!token.success) return data<ActionData>({ errors: {}, state: 'unknown', message: linkMessage('unknown') }, { status: 404 })
  const form = await readFormValues(request)
  if (form.intent === 'neu') {
    await askForNewInvitation(token.data, publicOrigin(request))
    return data<ActionData>({ errors: {}, asked: true })
  }
  // 409: the invitation is used or expired, or its address has an account by now.
  return setPasswordByLink(form, (password) => acceptInvitation(token.data, password), { message: linkMessage, refused: 409 })
}

export default function InvitationPage() {
  const loaded = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const state = actionData?.state ?? loaded.state
  return (
    <div className="kern-stack login">
      <h1 className="kern-heading-large">Einladung annehmen</h1>
      <PasswordLinkForm
        message={state === 'valid' ? null : linkMessage(state)}
        intro={`Legen Sie das Passwort für Ihr Konto ${loaded.email} fest. Danach melden Sie sich damit an.`}
        errors={actionData?.errors ?? {}}
        email={loaded.email}
        submitLabel="Passwort festlegen"
      />
      {state === 'expired' ? (
        actionData?.asked ? (
          <p className="kern-body" role="status">
            Ihre Bitte ist an die Administration gegangen. Sie bekommen eine neue Einladung per E-Mail.
          </p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="neu" />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">Neue Einladung anfordern</span>
            </button>
          </Form>
        )
      ) : null}
      {state === 'used' || state === 'taken' ? (
        <p className="kern-body">
          <Link className="kern-link" to="/anmelden">
            Zur Anmeldung
          </Link>{' '}
          ·{' '}
          <Link className="kern-link" to="/passwort-vergessen">
            Passwort vergessen? Neuen Link anfordern
          </Link>
        </p>
      ) : null}
    </div>
  )
}
