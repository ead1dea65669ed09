import { describe, expect, it } from 'vitest'
import { ServiceSearch } from '~/domain/search'

describe('ServiceSearch', () => {
  it.each([
    [{}, { seite: 1 }],
    [{ q: '', themenfeld: '', seite: '' }, { seite: 1 }],
    [{ q: '  Bau  ', themenfeld: '2', seite: '3' }, { q: 'Bau', themenfeld: 2, seite: 3 }],
  ])('parses %o', (input, expected) => {
    expect(ServiceSearch.parse(input)).toEqual(expected)
  })

  it.each([
    [{ themenfeld: 'abc' }, 'Wählen Sie ein Themenfeld aus der Liste.'],
    [{ themenfeld: '0' }, 'Wählen Sie ein Themenfeld aus der Liste.'],
    [{ seite: '-1' }, 'Die Seitenzahl muss eine ganze Zahl ab 1 sein.'],
    [{ seite: '1.5' }, 'Die Seitenzahl muss eine ganze Zahl ab 1 sein.'],
    [{ q: 'x'.repeat(201) }, 'höchstens 200 Zeichen'],
  ])('rejects %o in German', (input, message) => {
    const result = ServiceSearch.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0].message).toContain(message)
  })
})
