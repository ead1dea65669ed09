import { describe, expect, it } from 'vitest'
import { asStatusCode, statusChips, statusCode } from '~/domain/status-chip'

describe('the status language', () => {
  it('names approach and stage in one code', () => {
    expect(statusCode('own', 'online')).toBe('O')
    expect(statusCode('efa', 'in_progress')).toBe('w')
    expect(statusCode('efa', null)).toBe('l')
    expect(statusCode('pending', 'online')).toBe('x')
    expect(statusCode('not_applicable', null)).toBe('n')
    expect(statusCode(null, null)).toBe('_')
  })
  it('gives every code a symbol that differs from the others, so colour is never the only cue', () => {
    const symbols = Object.values(statusChips).map((c) => c.symbol)
    expect(new Set(symbols).size).toBe(symbols.length)
    expect(asStatusCode('Z')).toBe('_')
  })
})
