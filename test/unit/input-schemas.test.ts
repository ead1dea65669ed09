// The shared input rules: ids within the integer column, text without NUL, safe file names.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { idSchema, MAX_INT4, optionalIdSchema, pageSchema, parseId, PathId } from '~/domain/id'
import { ServiceSearch } from '~/domain/search'
import { BulkStatusInput, CountyRowQuery, parseStatusInput, contextById } from '~/domain/status'
import { hasNul, NUL_MESSAGE, safeFileName, text } from '~/domain/text'
import { VendorInput } from '~/domain/vendor'

describe('parseId', () => {
  it.each([
    ['1', 1],
    [' 42 ', 42],
    ['007', 7],
    [17, 17],
    ['2147483647', MAX_INT4],
  ])('%j is the id %d', (raw, id) => {
    expect(parseId(raw)).toBe(id)
  })

  it.each([['2147483648'], ['99999999999999999999'], ['0'], ['-1'], ['1e3'], ['1.5'], ['0x10'], [''], ['abc'], ['1\u00002'], [null], [undefined], [{}], [2 ** 31], [1.5]])(
    '%j is no id',
    (raw) => {
      expect(parseId(raw)).toBeNull()
    },
  )
})

describe('id schemas', () => {
  it('a required id names the field in German', () => {
    const schema = z.object({ tokenId: idSchema('Diesen Token gibt es nicht.') })
    expect(schema.parse({ tokenId: '5' })).toEqual({ tokenId: 5 })
    const result = schema.safeParse({ tokenId: String(MAX_INT4 + 1) })
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['tokenId'], message: 'Diesen Token gibt es nicht.' })])
  })

  it('an optional id treats absent and empty as missing', () => {
    const schema = z.object({ themenfeld: optionalIdSchema('Wählen Sie ein Themenfeld aus der Liste.') })
    expect(schema.parse({})).toEqual({ themenfeld: undefined })
    expect(schema.parse({ themenfeld: '' })).toEqual({ themenfeld: undefined })
    expect(schema.parse({ themenfeld: '3' })).toEqual({ themenfeld: 3 })
    expect(schema.safeParse({ themenfeld: '2147483648' }).error?.issues[0].message).toBe('Wählen Sie ein Themenfeld aus der Liste.')
  })

  it('a page number defaults to 1 and stays within the column', () => {
    const schema = z.object({ seite: pageSchema('Die Seitenzahl muss eine ganze Zahl ab 1 sein.') })
    expect(schema.parse({})).toEqual({ seite: 1 })
    expect(schema.parse({ seite: '' })).toEqual({ seite: 1 })
    expect(schema.parse({ seite: '12' })).toEqual({ seite: 12 })
    for (const bad of ['0', '1e400', '2147483648', 'zwei']) expect(schema.safeParse({ seite: bad }).success, bad).toBe(false)
  })

  it('the path id accepts only what the column can hold', () => {
    expect(PathId.safeParse('2147483647').success).toBe(true)
    expect(PathId.safeParse('2147483648').success).toBe(false)
  })

  it('the query and bulk schemas use it', () => {
    expect(ServiceSearch.safeParse({ themenfeld: '2147483648' }).error?.issues[0].message).toBe('Wählen Sie ein Themenfeld aus der Liste.')
    expect(CountyRowQuery.safeParse({ themenfeld: '2147483648' }).success).toBe(false)
    expect(CountyRowQuery.safeParse({ seite: '2147483648' }).success).toBe(false)
    const bulk = BulkStatusInput.safeParse({ umfang: 'auswahl', ids: ['1', '2147483648'], bestaetigen: 'ja' })
    expect(bulk.error?.issues[0]).toMatchObject({ path: ['ids', 1], message: expect.stringContaining('ungültige Zeilennummer') })
  })
})

describe('text without NUL', () => {
  it('finds NUL anywhere', () => {
    expect(hasNul('a\u0000b')).toBe(true)
    expect(hasNul('\u0000')).toBe(true)
    expect(hasNul('Celle – Ämter')).toBe(false)
  })

  it('text() refuses NUL with the German message and keeps the string methods', () => {
    const schema = text().trim().max(5, 'Zu lang.')
    expect(schema.parse('  abc ')).toBe('abc')
    expect(schema.safeParse('a\u0000b').error?.issues.map((i) => i.message)).toEqual([NUL_MESSAGE])
    expect(schema.safeParse('abcdefg').error?.issues.map((i) => i.message)).toEqual(['Zu lang.'])
  })

  it('a form schema reports NUL at the field', () => {
    const result = VendorInput.safeParse({ name: 'Hersteller', website: '', notiz: 'Zeile\u0000' })
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['notiz'], message: NUL_MESSAGE })])
  })

  it('the status row schema (form and file alike) reports NUL at the column', () => {
    const result = parseStatusInput({ umsetzungsweg: 'offen', notiz: 'a\u0000b', kontakt: 'ok' }, contextById([], []))
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['notiz'], message: NUL_MESSAGE })])
  })

  it('zod’s own messages are German for a crafted request', () => {
    expect(text().safeParse(['a', 'b']).error?.issues[0].message).toMatch(/^Ungültige Eingabe/)
  })
})

describe('safeFileName', () => {
  it.each([
    ['stand.csv', 'stand.csv'],
    ['a=b;c.csv', 'a=b;c.csv'],
    ['../../etc/passwd', '.._.._etc_passwd'],
    ['C:\\Daten\\stand.csv', 'C:_Daten_stand.csv'],
    ['a\u0000b\r\n.csv', 'ab.csv'],
  ])('%j → %j', (raw, safe) => {
    expect(safeFileName(raw)).toBe(safe)
  })

  it('keeps at most 200 characters', () => {
    expect(safeFileName('x'.repeat(300))).toHaveLength(200)
  })
})
