// A real SMTP server on 127.0.0.1 (a free port) that keeps what it receives, parsed.
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type Inbox = { url: string; mails: ParsedMail[]; to: (address: string) => ParsedMail[]; close: () => Promise<void> }

export async function startSmtpServer(): Promise<Inbox> {
  const mails: ParsedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      // Acknowledge only once the mail is parsed and kept: sendMail resolves after that.
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail)
          callback()
        },
        (error) => callback(error),
      )
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as { port: number }
  const addresses = (mail: ParsedMail) =>
    [mail.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address?.toLowerCase()) : []))
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to: (address) => mails.filter((m) => addresses(m).includes(address.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
