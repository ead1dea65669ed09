import { describe, expect, it } from 'vitest'
import { escapeHtml } from '~/utils/mail.server'
import { invitationMail } from '~/domain/invitation'
import { JoinInput, landOfAgs, readCountyCsvRows } from '~/domain/membership'
import { todayIso } from '~/domain/status'

const rows = (lines: string[]) => lines.map((ags, i) => ({ line: i + 2, values: { ags } }))

describe('counties CSV rows', () => {
  it.each([
    ['a repeated AGS names both lines', ['03351', '03353', '03351'], ['Zeile 4: Der AGS 03351 steht schon in Zeile 2.']],
    ['a malformed AGS names its line', ['03351', 'Celle'], ['Zeile 3: „Celle“ ist kein Kreisschlüssel (AGS mit fünf Ziffern, z. B. 03351).']],
    ['Excel’s dropped leading zero is restored', ['3351'], []],
  ])('%s', (_, lines, errors) => {
    expect(readCountyCsvRows(['ags'], rows(lines)).errors.map((e) => e.message)).toEqual(errors)
  })

  it('reads a bare list without a header, and the kind column', () => {
    expect(readCountyCsvRows(['03351'], [{ line: 2, values: { '03351': '03353' } }]).lines.map((l) => [l.line, l.ags])).toEqual([
      [1, '03351'],
      [2, '03353'],
    ])
    const kinds = readCountyCsvRows(['ags', 'kreistyp'], [
      { line: 2, values: { ags: '03101', kreistyp: 'Kreisfreie Stadt' } },
      { line: 3, values: { ags: '03241', kreistyp: 'Bezirk' } },
    ])
    expect(kinds.lines).toEqual([{ line: 2, ags: '03101', kind: 'kreisfreie_stadt' }])
    expect(kinds.errors.map((e) => e.line)).toEqual([3])
  })

  it('asks for an ags column', () => {
    expect(readCountyCsvRows(['name'], []).errors[0].message).toContain('Spalte „ags“')
  })
})

describe('join input', () => {
  it('defaults the date to today and refuses a future one', () => {
    expect(JoinInput.parse({ ags: '03351' }).joinedOn).toBe(todayIso())
    const future = JoinInput.safeParse({ ags: ['03351'], joinedOn: '01.01.2099' })
    expect(future.success ? null : future.error.issues[0].message).toContain('nicht in der Zukunft')
  })

  it('names the Land by the AGS', () => {
    expect(landOfAgs('03351')).toBe('Niedersachsen')
    expect(landOfAgs('09162')).toBe('Bayern')
  })
})

describe('invitation mail', () => {
  it('has the link in both parts and escapes the HTML', () => {
    const mail = invitationMail({ link: 'https://radar.example/einladung/abc', role: 'editor', countyName: 'Celle', community: 'A<b>&C', expiresAt: new Date('2026-12-07T10:00:00Z') }, escapeHtml)
    expect(mail.text).toContain('https://radar.example/einladung/abc')
    expect(mail.text).toContain('A<b>&C')
    expect(mail.html).toContain('href="https://radar.example/einladung/abc"')
    expect(mail.html).toContain('A&lt;b&gt;&amp;C')
    expect(mail.html).not.toContain('A<b>')
  })
})
