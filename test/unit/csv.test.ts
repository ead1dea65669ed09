import { describe, expect, it } from 'vitest'
import { CsvError, readCsv } from '~/utils/csv.server'

function errorOf(input: Buffer | string): CsvError {
  try {
    readCsv(input)
  } catch (error) {
    if (error instanceof CsvError) return error
    throw error
  }
  throw new Error('readCsv did not throw')
}

describe('readCsv', () => {
  it('reads what German Excel writes: BOM, semicolons, CRLF', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ags;ozg_id\r\n03351;10519\r\n03353;10092\r\n')])
    const table = readCsv(bytes)
    expect(table.delimiter).toBe(';')
    expect(table.headers).toEqual(['ags', 'ozg_id'])
    expect(table.rows).toEqual([
      { line: 2, values: { ags: '03351', ozg_id: '10519' } },
      { line: 3, values: { ags: '03353', ozg_id: '10092' } },
    ])
  })

  it('reads RFC 4180 files: commas, LF, no BOM', () => {
    const table = readCsv('ags,name\n03351,Celle\n')
    expect(table.delimiter).toBe(',')
    expect(table.rows[0].values).toEqual({ ags: '03351', name: 'Celle' })
  })

  it('keeps delimiters, quotes and newlines inside quoted fields and counts physical lines', () => {
    const table = readCsv('ags;notiz\r\n03351;"a; b ""c"""\r\n03353;"zwei\r\nZeilen"\r\n\r\n03459;x\r\n')
    expect(table.rows.map((r) => [r.line, r.values.notiz])).toEqual([
      [2, 'a; b "c"'],
      [3, 'zwei\nZeilen'],
      [6, 'x'],
    ])
  })

  it('detects the delimiter from the header line only', () => {
    const table = readCsv('ags;notiz\n03351;eins, zwei, drei\n')
    expect(table.rows[0].values.notiz).toBe('eins, zwei, drei')
  })

  it('trims header names and skips rows of bare delimiters', () => {
    const table = readCsv(' ags ; ozg_id \n03351;10519\n;\n')
    expect(table.headers).toEqual(['ags', 'ozg_id'])
    expect(table.rows).toHaveLength(1)
  })

  it('rejects a file that is not UTF-8 (Excel\'s Windows-1252 „ü“)', () => {
    const error = errorOf(Buffer.from('name;ort\nM\xfcller;Celle\n', 'latin1'))
    expect(error.message).toMatch(/nicht in UTF-8/)
    expect(error.message).toMatch(/CSV UTF-8/)
  })

  it('rejects an empty file', () => {
    expect(errorOf('').message).toBe('Die Datei ist leer.')
    expect(errorOf(Buffer.from([0xef, 0xbb, 0xbf, 0x0d, 0x0a])).message).toBe('Die Datei ist leer.')
  })

  it('names the line of a row with the wrong number of columns', () => {
    const error = errorOf('a;b;c\n1;2;3\n"x\ny";2;3\n1;2\n')
    expect(error.line).toBe(5)
    expect(error.message).toMatch(/^Zeile 5 hat 2 Spalten, die Kopfzeile aber 3/)
  })

  it('names the line of a misplaced quote', () => {
    const error = errorOf('a;b\n1;2\n3;"x"y\n')
    expect(error.line).toBe(3)
    expect(error.message).toMatch(/Zeile 3 .*Anführungszeichen/)
  })

  it('names the line where an unclosed quote starts', () => {
    const error = errorOf('a;b\n1;2\n3;"offen\n4;5\n')
    expect(error.line).toBe(3)
    expect(error.message).toMatch(/Zeile 3/)
  })
})
