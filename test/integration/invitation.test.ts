// Invitations and password resets (issue 12) on both engines, with the mails read from a real
// SMTP server on 127.0.0.1.
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { apiTokens, invitations, passwordResets, sessions, users } from '../../db/schema'
import { seedDatabase } from '../../seeds/seed.server'
import { InvitationInput, RESET_LIMIT } from '~/domain/invitation'
import { createApiToken } from '~/models/api-token.server'
import { acceptInvitation, completePasswordReset, getInvitation, getPasswordReset, inviteUser, requestPasswordReset } from '~/models/invitation.server'
import { joinCounties } from '~/models/membership.server'
import { attemptLogin, createSession, getSessionUser } from '~/models/session.server'
import { updateUser } from '~/models/user.server'
import { getDb } from '~/utils/db.server'
import { describeEachEngine } from '../support/database'
import { startSmtpServer, type TestMailbox } from '../support/smtp'

const ORIGIN = 'https://ozg-radar.example.de'
let mailbox: TestMailbox

beforeAll(async () => {
  mailbox = await startSmtpServer()
  process.env.SMTP_URL = mailbox.url
  process.env.MAIL_FROM = 'OZG-Radar <radar@example.de>'
})
afterAll(async () => {
  await mailbox?.close()
})

function tokenFrom(text: string, path: string) {
  const match = new RegExp(`${ORIGIN}/${path}/([A-Za-z0-9_-]{43})`).exec(text)
  expect(match, text).not.toBeNull()
  return match![1]
}

describeEachEngine(
  'invitations and password resets',
  ({ engine }) => {
    const editor = `bearbeitung-${engine}@celle.example`

    it('invites by e-mail; the link sets a password once and the account signs in', async () => {
      const input = InvitationInput.parse({ email: editor.toUpperCase(), name: 'Erika Muster', role: 'editor', kreis: '03351' })
      const result = await inviteUser(input, null, ORIGIN)
      expect(result).toMatchObject({ ok: true, email: editor, mailed: true })

      const mail = await mailbox.waitFor(editor)
      expect(mail.subject).toBe('Einladung zu OZG-Radar – OpenR@thaus')
      expect(mail.text).toContain('Ihre Rolle: Bearbeitung (eigener Kreis) für Celle.')
      expect(mail.html).toContain('OpenR@thaus')
      const token = tokenFrom(mail.text ?? '', 'einladung')
      expect(mail.html).toContain(`${ORIGIN}/einladung/${token}`)
      // Only the hash is stored.
      const db = await getDb()
      const stored = await db.select({ tokenHash: invitations.tokenHash }).from(invitations)
      expect(stored.map((s) => s.tokenHash)).not.toContain(token)

      expect(await getInvitation(token)).toEqual({ state: 'valid', email: editor })
      const accepted = await acceptInvitation(token, 'ein langes Passwort')
      expect(accepted.ok).toBe(true)
      expect(await acceptInvitation(token, 'noch ein Passwort!')).toEqual({ ok: false, state: 'used' })
      expect(await getInvitation(token)).toMatchObject({ state: 'used' })
      expect(await attemptLogin(editor, 'ein langes Passwort', '127.0.0.1')).toMatchObject({ ok: true })
      const [user] = await db.select({ role: users.role, name: users.name }).from(users).where(eq(users.email, editor))
      expect(user).toEqual({ role: 'editor', name: 'Erika Muster' })

      expect(await inviteUser(input, null, ORIGIN)).toEqual({ ok: false, field: 'email', message: 'Es gibt schon ein Konto mit dieser E-Mail-Adresse.' })
    })

    it('refuses an expired invitation and an unknown link', async () => {
      const email = `spaet-${engine}@example.de`
      expect(await inviteUser(InvitationInput.parse({ email, role: 'viewer' }), null, ORIGIN)).toMatchObject({ ok: true })
      const token = tokenFrom((await mailbox.waitFor(email)).text ?? '', 'einladung')
      const db = await getDb()
      await db.update(invitations).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(invitations.email, email))
      expect(await getInvitation(token)).toEqual({ state: 'expired', email })
      expect(await acceptInvitation(token, 'ein langes Passwort')).toEqual({ ok: false, state: 'expired' })
      expect(await acceptInvitation('A'.repeat(43), 'ein langes Passwort')).toEqual({ ok: false, state: 'unknown' })
      const [{ accounts }] = await db.select({ accounts: sql<number>`count(*)`.mapWith(Number) }).from(users).where(eq(users.email, email))
      expect(accounts).toBe(0)
    })

    it('resets a password by mail, ends every session and API token, and the link works once', async () => {
      const db = await getDb()
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, editor))
      const { token: sessionToken } = await createSession(user.id)
      const sessionUser = await getSessionUser(sessionToken)
      await createApiToken(sessionUser!, 'Tabellenabgleich')

      expect(await requestPasswordReset(editor, ORIGIN)).toEqual({ sent: true })
      const token = tokenFrom((await mailbox.waitFor(editor, 2)).text ?? '', 'passwort-neu')
      expect(await getPasswordReset(token)).toEqual({ state: 'valid' })
      expect(await completePasswordReset(token, 'das neue lange Passwort')).toMatchObject({ ok: true })
      expect(await completePasswordReset(token, 'noch ein neues Passwort')).toEqual({ ok: false, state: 'used' })

      expect(await getSessionUser(sessionToken)).toBeNull()
      const [{ open }] = await db.select({ open: sql<number>`count(*)`.mapWith(Number) }).from(sessions).where(eq(sessions.userId, user.id))
      expect(open).toBe(0)
      const tokens = await db.select({ revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.userId, user.id))
      expect(tokens.length).toBe(1)
      expect(tokens[0].revokedAt).not.toBeNull()
      expect(await attemptLogin(editor, 'ein langes Passwort', '127.0.0.2')).toMatchObject({ ok: false })
      expect(await attemptLogin(editor, 'das neue lange Passwort', '127.0.0.2')).toMatchObject({ ok: true })
    })

    it('answers an unknown address like a known one, and throttles a flood for one address', async () => {
      const sentBefore = mailbox.mails.length
      expect(await requestPasswordReset('niemand@example.de', ORIGIN)).toMatchObject({ sent: false, reason: 'unknown' })
      expect(mailbox.mails.length).toBe(sentBefore)

      const db = await getDb()
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, editor))
      await db.delete(passwordResets).where(eq(passwordResets.userId, user.id))
      for (let i = 0; i < RESET_LIMIT.perHour; i++) expect(await requestPasswordReset(editor, ORIGIN)).toEqual({ sent: true })
      expect(await requestPasswordReset(editor, ORIGIN)).toEqual({ sent: false, reason: 'throttled' })
      // The SMTP server has each mail before sendMail returns: two from the earlier tests plus
      // the limit arrived, the throttled request sent nothing and stored no link.
      const toEditor = mailbox.mails.filter((m) => m.text?.includes('passwort-neu') && JSON.stringify(m.to).includes(editor))
      expect(toEditor.length).toBe(1 + RESET_LIMIT.perHour)
      const [{ links }] = await db.select({ links: sql<number>`count(*)`.mapWith(Number) }).from(passwordResets).where(eq(passwordResets.userId, user.id))
      expect(links).toBe(RESET_LIMIT.perHour)
    })

    it('deactivating an account ends its sessions and revokes its API tokens', async () => {
      const db = await getDb()
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, editor))
      const { token } = await createSession(user.id)
      await createApiToken((await getSessionUser(token))!, 'Abgleich')
      expect(await updateUser(user.id, { name: 'Erika Muster', role: 'editor', kreis: '03351', aktiv: false }, null)).toEqual({ ok: true, id: user.id })
      expect(await getSessionUser(token)).toBeNull()
      const open = await db.select({ id: apiTokens.id }).from(apiTokens).where(sql`${apiTokens.userId} = ${user.id} and ${apiTokens.revokedAt} is null`)
      expect(open).toEqual([])
    })
  },
  async (handle) => {
    await seedDatabase(handle.db, { demo: false })
    await handle.db.execute(sql`insert into app_meta (key, value) values ('community_name', 'OpenR@thaus') on conflict (key) do update set value = excluded.value`)
    const { JoinInput } = await import('~/domain/membership')
    await joinCounties(JoinInput.parse({ ags: ['03351'] }), null)
  },
)
