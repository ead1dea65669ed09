import { describe, expect, it } from 'vitest'
import { deriveAppliesTo, deriveResponsibilities } from '~/domain/catalogue'

describe('deriveResponsibilities', () => {
  it.each([
    { types: ['1'], expected: ['federal'] },
    { types: ['2'], expected: ['state'] },
    { types: ['4'], expected: ['state'] },
    { types: ['5'], expected: ['municipal'] },
    { types: ['2/3'], expected: ['state', 'municipal'] },
    { types: ['1, 2/3'], expected: ['federal', 'state', 'municipal'] },
    { types: ['1, 2'], expected: ['federal', 'state'] },
    { types: ['4', '5', '4'], expected: ['state', 'municipal'] },
    { types: ['6'], expected: [] },
    { types: [''], expected: [] },
    { types: [], expected: [] },
    { types: ['3', '1'], expected: ['federal', 'municipal'] },
  ])('LeiKa types $types → $expected', ({ types, expected }) => {
    expect(deriveResponsibilities(types)).toEqual(expected)
  })
})

describe('deriveAppliesTo', () => {
  it('applies a municipal service to every kind of Kreis', () => {
    expect(deriveAppliesTo(['state', 'municipal'])).toEqual(['landkreis', 'kreisfreie_stadt', 'region'])
  })
  it('applies a federal or state service to no county', () => {
    expect(deriveAppliesTo(['federal', 'state'])).toEqual([])
    expect(deriveAppliesTo([])).toEqual([])
  })
})
