import { describe, expect, it } from 'vitest'
import { CsvError, readCsv } from '~/utils/csv.server'
import { CsvStreamReader, readCsvRecords, type CsvRecord } from '~/utils/csv-stream.server'

const bytes = (text: string) => new TextEncoder().encode(text)

/** The same input fed in pieces of `size` bytes: every chunk boundary must be harmless. */
function readInPieces(input: Uint8Array, size: number) {
  const reader = new CsvStreamReader()
  const rows: CsvRecord[] = []
  for (let i = 0; i < input.length; i += size) rows.push(...reader.push(input.subarray(i, i + size)))
  rows.push(...reader.end())
  return { headers: reader.headers, delimiter: reader.delimiter, rows }
}

function errorOf(input: Uint8Array | string): CsvError {
  try {
    readCsvRecords(typeof input === 'string' ? bytes(input) : input)
  } catch (error) {
    if (error instanceof CsvError) return error
    throw error
  }
  throw new Error('readCsvRecords did not throw')
}

// Files of every dialect: read in pieces, each must read as in one piece.
const SAMPLES = [
  '\uFEFFags;ozg_id\r\n03351;10519\r\n03353;10092\r\n',
  'ags,name\n03351,Celle\n',
  'ags;notiz\r\n03351;"a; b ""c"""\r\n03353;"zwei\r\nZeilen"\r\n\r\n03459;x\r\n',
  'ags;notiz\n03351;eins, zwei, drei\n',
  ' ags ; ozg_id \n03351;10519\n;\n',
  'ags;notiz\r03351;alter Mac\r03353;"CR\rim Feld"\r',
  'ags;notiz;x\n03351;;\n03353;"";\n\n\n03459;ü€😀;"ende"',
  '"a;1";b\n1;2\n',
  'a;b;c\r\n1;;\r\n\r\n2;"x\r\ny";\r\n3;"q";x\r\n;;\r\n4;"\"\"";\r\n',
]

describe('CsvStreamReader', () => {
  it.each(SAMPLES)('reads %j in pieces of 1, 2, 3 and 7 bytes as in one piece', (text) => {
    const whole = readInPieces(bytes(text), 1_000_000)
    expect(whole.rows.length).toBeGreaterThan(0)
    for (const size of [1, 2, 3, 7]) expect(readInPieces(bytes(text), size)).toEqual(whole)
  })

  it('is the reader behind readCsv: the same rows, keyed by the header', () => {
    const text = 'ags;notiz\r\n03351;"a; b ""c"""\r\n\r\n03353;"zwei\r\nZeilen"\r\n'
    expect(readCsv(text)).toEqual({
      headers: ['ags', 'notiz'],
      delimiter: ';',
      rows: [
        { line: 2, values: { ags: '03351', notiz: 'a; b "c"' } },
        { line: 4, values: { ags: '03353', notiz: 'zwei\nZeilen' } },
      ],
    })
  })

  it('counts physical lines across quoted line breaks and empty lines', () => {
    const table = readCsvRecords(bytes('ags;notiz\r\n03351;"a\r\nb\r\nc"\r\n\r\n03353;x\r\n'))
    expect(table.rows.map((r) => [r.line, r.fields[1]])).toEqual([
      [2, 'a\nb\nc'],
      [6, 'x'],
    ])
  })

  it('rejects a file that is not UTF-8, also when the bad byte comes late', () => {
    expect(errorOf(new Uint8Array([...bytes('name;ort\nM'), 0xfc, ...bytes('ller;Celle\n')])).message).toMatch(/nicht in UTF-8.*CSV UTF-8/)
    const late = new Uint8Array([...bytes('a;b\n' + '1;2\n'.repeat(1000)), 0xff])
    expect(() => readInPieces(late, 64)).toThrow(/nicht in UTF-8/)
  })

  it('rejects an empty file', () => {
    expect(errorOf('').message).toBe('Die Datei ist leer.')
    expect(errorOf(new Uint8Array([0xef, 0xbb, 0xbf, 0x0d, 0x0a])).message).toBe('Die Datei ist leer.')
  })

  it('names the line of a row with the wrong number of columns', () => {
    const error = errorOf('a;b;c\n1;2;3\n"x\ny";2;3\n1;2\n')
    expect(error.line).toBe(5)
    expect(error.message).toMatch(/^Zeile 5 hat 2 Spalten, die Kopfzeile aber 3/)
  })

  it.each([
    ['a;b\n1;2\n3;"x"y\n', 3],
    ['a;b\n1;2\n3;x"y\n', 3],
    ['a;b\n1;2\n3; "x"\n', 3],
  ])('names the line of a misplaced quote in %j', (text, line) => {
    const error = errorOf(text)
    expect(error.line).toBe(line)
    expect(error.message).toMatch(new RegExp(`Zeile ${line} .*Anführungszeichen`))
  })

  it('names the line where an unclosed quote starts', () => {
    const error = errorOf('a;b\n1;2\n3;"offen\n4;5\n')
    expect(error.line).toBe(3)
    expect(error.message).toMatch(/Ab Zeile 3 wird ein Anführungszeichen geöffnet/)
  })
})
