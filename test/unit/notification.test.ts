// The notification forms' schemas, the wording of titles, the in-process timer's cron reading and
// the mails' escaping.
import { describe, expect, it } from 'vitest'
import { digestTitle, lastDay, NotificationSettingsInput, staleReminderTitle, SubscribeInput } from '~/domain/notification'
import { cronMinuteMatches } from '~/jobs/index.server'
import { renderNotificationMail } from '~/jobs/mail-templates.server'

describe('subscription form input', () => {
  it.each([
    [{ intent: 'abo-anlegen', kind: 'county', kreis: '03351' }, true],
    [{ intent: 'abo-anlegen', kind: 'county', kreis: '3351' }, 'Wählen Sie einen Kreis aus der Liste.'],
    [{ intent: 'abo-anlegen', kind: 'service', ozgId: ' 10110 ' }, true],
    [{ intent: 'abo-anlegen', kind: 'service', ozgId: '1011' }, 'Geben Sie eine OZG-ID mit fünf Ziffern ein, z. B. 10110.'],
    [{ intent: 'abo-anlegen', kind: 'online_service', onlineDienst: '' }, 'Wählen Sie einen Online-Dienst aus der Liste.'],
    [{ intent: 'abo-anlegen', kind: 'vendor', hersteller: '7' }, true],
  ])('%o', (input, expected) => {
    const parsed = SubscribeInput.safeParse(input)
    if (expected === true) expect(parsed.success).toBe(true)
    else expect(parsed.error?.issues[0].message).toBe(expected)
  })

  it('reads the settings form: an unticked checkbox sends nothing and means no', () => {
    expect(NotificationSettingsInput.parse({ intent: 'abo-einstellungen', digest: 'daily' })).toEqual({ intent: 'abo-einstellungen', digest: 'daily', instantMail: false })
    expect(NotificationSettingsInput.parse({ intent: 'abo-einstellungen', digest: 'off', instantMail: 'ja' }).instantMail).toBe(true)
    expect(NotificationSettingsInput.safeParse({ intent: 'abo-einstellungen', digest: 'hourly' }).error?.issues[0].message).toBe(
      'Wählen Sie, wie oft die Zusammenfassung kommen soll.',
    )
  })
})

describe('titles', () => {
  it('names the period of a digest in German dates, the last day inclusive', () => {
    expect(lastDay('2026-12-07')).toBe('2026-12-06')
    expect(lastDay('2027-03-01')).toBe('2027-02-28')
    expect(digestTitle({ frequency: 'daily', from: '2026-11-29', to: '2026-11-30', total: 1, items: [] })).toBe('Tägliche Zusammenfassung vom 29.11.2026: 1 Änderung')
    expect(digestTitle({ frequency: 'weekly', from: '2026-11-23', to: '2026-11-30', total: 12, items: [] })).toBe('Wöchentliche Zusammenfassung 23.11.2026 bis 29.11.2026: 12 Änderungen')
    expect(staleReminderTitle({ ags: '03351', countyName: 'Celle', stale: 1, staleAfterDays: 180 })).toBe('Erinnerung: 1 Leistung in Celle seit mehr als 180 Tagen nicht bestätigt')
  })
})

describe('the in-process timer', () => {
  it.each([
    ['* * * * *', 0, true],
    ['* * * * *', 37, true],
    ['5 * * * *', 5, true],
    ['5 * * * *', 6, false],
  ])('%s at minute %i: %s', (cron, minute, expected) => {
    expect(cronMinuteMatches(cron, minute)).toBe(expected)
  })
})

describe('notification mails', () => {
  it('escape every value in the HTML part and keep it readable in the text part', () => {
    const mail = renderNotificationMail({
      id: 1,
      email: 'a@example.invalid',
      name: 'Ada <Admin>',
      kind: 'now_available',
      title: 'Jetzt verfügbar: <script>x</script>',
      link: '/online-dienste/3',
      payload: { onlineServiceId: 3, onlineServiceName: '<script>x</script>', kind: 'efa', ags: '03351', countyName: 'Celle & Co', services: [{ ozgId: '10110', name: 'A "B"' }] },
    })
    expect(mail.subject).toBe('OZG-Radar: Jetzt verfügbar: <script>x</script>')
    expect(mail.html).not.toContain('<script>')
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;')
    expect(mail.html).toContain('Celle &amp; Co (03351)')
    expect(mail.text).toContain('Guten Tag Ada <Admin>,')
    expect(mail.text).toContain('  - 10110 A "B"')
    expect(mail.text).toMatch(/Zum Online-Dienst: http:\/\/.+\/online-dienste\/3/)
  })
})
