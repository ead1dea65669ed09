import { describe, expect, it } from 'vitest'
import { rowReader } from '~/utils/db.server'

describe('rowReader', () => {
  it('converts each column as asked and returns only those columns', () => {
    const read = rowReader<{ id: number; name: string; due: boolean; n: number }>({ id: 'number', name: 'string', due: 'boolean', n: 'number' })
    expect(read({ id: '7', name: 'Kreis', due: true, n: '12', extra: 1 })).toEqual({ id: 7, name: 'Kreis', due: true, n: 12 })
    expect(read({ id: 7, name: 'Kreis', due: 't', n: null })).toEqual({ id: 7, name: 'Kreis', due: false, n: 0 })
  })
  it('refuses anything but a plain identifier as a column name', () => {
    expect(() => rowReader({ 'a }; process.exit(); ({': 'number' })).toThrow(/not a column name/)
    expect(() => rowReader({ 'a-b': 'number' })).toThrow(/not a column name/)
  })
})
