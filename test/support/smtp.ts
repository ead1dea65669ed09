// A real SMTP server on 127.0.0.1 (a free port) that keeps what arrives, parsed with mailparser:
// tests read the mails the app sent instead of mocking the sender.
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type Inbox = {
  url: string
  mails: ParsedMail[]
  /** The mails so far addressed to `address`. */
  to: (address: string) => ParsedMail[]
  /**
   * Waits (up to 20 s) for the `which`-th mail to `address`, or the first whose subject matches
   * `which`, and returns it: the hourly reminders of a running server may arrive between two
   * mails a test expects.
   */
  waitFor: (address: string, which?: number | RegExp) => Promise<ParsedMail>
  close: () => Promise<void>
}
export type TestMailbox = Inbox

export async function startSmtpServer(): Promise<Inbox> {
  const mails: ParsedMail[] = []
  const waiting: (() => void)[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      // Acknowledge only once the mail is parsed and kept: sendMail resolves after that.
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail)
          for (const wake of waiting.splice(0)) wake()
          callback()
        },
        (error) => callback(error),
      )
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.server.address() as { port: number }
  const addresses = (mail: ParsedMail) => [mail.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address?.toLowerCase()) : []))
  const to = (address: string) => mails.filter((m) => addresses(m).includes(address.toLowerCase()))
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to,
    async waitFor(address, which = 1) {
      const deadline = Date.now() + 20_000
      for (;;) {
        const found = to(address)
        const mail = typeof which === 'number' ? found[which - 1] : found.find((m) => which.test(m.subject ?? ''))
        if (mail) return mail
        if (Date.now() > deadline) {
          const wanted = typeof which === 'number' ? `${which}. E-Mail` : `E-Mail mit dem Betreff ${which}`
          throw new Error(`Keine ${wanted} an ${address} angekommen (${mails.length} insgesamt: ${found.map((m) => m.subject).join(' | ')}).`)
        }
        await new Promise<void>((resolve) => {
          waiting.push(resolve)
          setTimeout(resolve, 250)
        })
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
