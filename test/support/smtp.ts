// A real SMTP server on 127.0.0.1 (free port) that keeps what arrives, parsed with mailparser:
// tests read the mails the app sent instead of mocking the sender.
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type TestMailbox = { url: string; mails: ParsedMail[]; waitFor: (to: string, count?: number) => Promise<ParsedMail>; close: () => Promise<void> }

export async function startSmtpServer(): Promise<TestMailbox> {
  const mails: ParsedMail[] = []
  const waiting: (() => void)[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail)
          for (const wake of waiting.splice(0)) wake()
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.server.address() as { port: number }
  const addressedTo = (mail: ParsedMail, to: string) => {
    const list = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []
    return list.some((a) => a.value.some((v) => v.address?.toLowerCase() === to.toLowerCase()))
  }
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(to, n = 1) {
      const deadline = Date.now() + 20_000
      for (;;) {
        const found = mails.filter((m) => addressedTo(m, to))
        if (found.length >= n) return found[n - 1]
        if (Date.now() > deadline) throw new Error(`Keine ${n}. E-Mail an ${to} angekommen (${mails.length} insgesamt).`)
        await new Promise<void>((resolve) => {
          waiting.push(resolve)
          setTimeout(resolve, 250)
        })
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
