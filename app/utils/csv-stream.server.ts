// THE CSV reader (docs/decisions/009-csv-tokenizer.md): fed chunk by chunk, so a national status
// list (230k rows, ~45 MB) is never held as one string or as one array of records; readCsv()
// (csv.server.ts) feeds it a small file at once. A hand-written RFC 4180 tokenizer: csv-parse needs
// ~3 s for such a file and cannot hand back the physical start line of a record cheaply;
// this one takes ~0.5 s and counts lines as it goes.
import { isUtf8 } from 'node:buffer'

export class CsvError extends Error {
  readonly line?: number
  constructor(message: string, line?: number) {
    super(message)
    this.name = 'CsvError'
    this.line = line
  }
}

export type CsvRecord = { line: number; fields: string[] }

const NOT_UTF8 =
  'Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“.'

const QUOTE = 34
const LF = 10
const CR = 13

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * Push bytes, take complete data rows back; `end()` flushes. The first record is the header
 * (`headers`, trimmed); rows of only blanks are skipped, and a row whose number of fields differs
 * from the header's throws a CsvError naming its line.
 */
export class CsvStreamReader {
  headers: string[] | null = null
  delimiter: ';' | ',' | null = null

  /** The bytes of a character split by the chunk boundary. */
  private carry: Uint8Array | null = null
  private atStart = true
  private pendingCr = false
  private sawContent = false
  /** Text before the delimiter is known (the header line is still incomplete). */
  private head = ''

  private state = State.FieldStart
  private delimiterCode = 0
  private fields: string[] = []
  private partial = ''
  private line = 1
  private recordLine = 1
  private quoteLine = 1
  private out: CsvRecord[] = []

  push(bytes: Uint8Array): CsvRecord[] {
    this.feed(this.decode(bytes), false)
    return this.take()
  }

  end(): CsvRecord[] {
    // A character cut off at the end of the file is not UTF-8 either.
    if (this.carry) throw new CsvError(NOT_UTF8)
    this.feed('', true)
    if (!this.sawContent) throw new CsvError('Die Datei ist leer.')
    if (this.delimiter === null) this.start(this.head)
    switch (this.state) {
      case State.Quoted:
        throw new CsvError(`Ab Zeile ${this.quoteLine} wird ein Anführungszeichen geöffnet, aber nicht wieder geschlossen.`, this.quoteLine)
      case State.Unquoted:
      case State.QuoteInQuoted:
        this.fields.push(this.partial)
        this.partial = ''
        this.endRecord()
        break
      case State.FieldStart:
        if (this.fields.length > 0) {
          this.fields.push('')
          this.endRecord()
        }
    }
    this.state = State.FieldStart
    return this.take()
  }

  // Node's streaming TextDecoder is ~5× slower than a whole-buffer decode: chunks are cut at the
  // last complete character instead, checked (isUtf8) and decoded whole.
  private decode(bytes: Uint8Array): string {
    let buffer = bytes
    if (this.carry) {
      buffer = new Uint8Array(this.carry.byteLength + bytes.byteLength)
      buffer.set(this.carry)
      buffer.set(bytes, this.carry.byteLength)
      this.carry = null
    }
    let end = buffer.byteLength
    let lead = end - 1
    while (lead >= 0 && end - lead < 4 && (buffer[lead] & 0xc0) === 0x80) lead--
    if (lead >= 0) {
      const b = buffer[lead]
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
      if (end - lead < length) end = lead
    }
    if (end < buffer.byteLength) this.carry = buffer.slice(end)
    const whole = buffer.subarray(0, end)
    if (!isUtf8(whole)) throw new CsvError(NOT_UTF8)
    let text = Buffer.from(whole.buffer, whole.byteOffset, whole.byteLength).toString('utf8')
    if (this.atStart && text.length > 0) {
      this.atStart = false
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    return text
  }

  private take() {
    const out = this.out
    this.out = []
    return out
  }

  // Line ends are CRLF, LF or a lone CR. A lone CR (old Mac files)
  // becomes LF here; CRLF is handled by the tokenizer, which saves rewriting every chunk. A CR at
  // the end of a chunk waits for the next one, which may start with its LF.
  private feed(raw: string, final: boolean) {
    let text = this.pendingCr ? `\r${raw}` : raw
    this.pendingCr = false
    if (!final && text.endsWith('\r')) {
      this.pendingCr = true
      text = text.slice(0, -1)
    }
    if (/\r(?!\n)/.test(text)) text = text.replace(/\r\n?/g, '\n')
    if (!this.sawContent && /\S/.test(text)) this.sawContent = true
    if (this.delimiter !== null) {
      this.tokenize(text)
      return
    }
    this.head += text
    const end = endOfFirstLine(this.head)
    if (end === -1 && !final) return
    const head = this.head
    this.head = ''
    this.start(head)
  }

  private start(head: string) {
    this.delimiter = detectDelimiter(head)
    this.delimiterCode = this.delimiter.charCodeAt(0)
    this.tokenize(head)
  }

  private endRecord() {
    const fields = this.fields
    this.fields = []
    this.emit(fields, this.recordLine)
  }

  private emit(fields: string[], line: number) {
    if (this.headers === null) {
      this.headers = fields.map((name) => name.trim())
      return
    }
    // Excel leaves rows of bare delimiters behind where cells were cleared.
    let blank = true
    for (let k = 0; k < fields.length; k++) {
      if (fields[k].trim() !== '') {
        blank = false
        break
      }
    }
    if (blank) return
    if (fields.length !== this.headers.length) {
      throw new CsvError(
        `Zeile ${line} hat ${fields.length} Spalten, die Kopfzeile aber ${this.headers.length}. ` +
          `Prüfen Sie, ob ein Feld mit „${this.delimiter}“ oder Zeilenumbruch in Anführungszeichen steht.`,
        line,
      )
    }
    this.out.push({ line, fields })
  }

  private misplacedQuote(): CsvError {
    return new CsvError(
      `Zeile ${this.line} enthält ein Anführungszeichen an falscher Stelle. Anführungszeichen in einem Feld müssen verdoppelt werden ("").`,
      this.line,
    )
  }

  private tokenize(text: string) {
    let i = 0
    while (i < text.length) {
      if (this.state === State.FieldStart && this.fields.length === 0) i = this.quoteFreeLines(text, i)
      if (i < text.length) i = this.step(text, i)
    }
  }

  /**
   * Most lines hold no quote: whole lines from `i` on are split natively. Returns where the first
   * line with a quote, or the incomplete last line, starts.
   */
  private quoteFreeLines(text: string, from: number): number {
    const separator = this.delimiter!
    const quote = text.indexOf('"', from)
    let i = from
    for (;;) {
      const end = text.indexOf('\n', i)
      if (end === -1 || (quote !== -1 && quote < end)) return i
      const lineEnd = end > i && text.charCodeAt(end - 1) === CR ? end - 1 : end
      if (lineEnd > i) this.emit(text.slice(i, lineEnd).split(separator), this.line)
      this.line++
      i = end + 1
    }
  }

  /** The state machine, character by character, until one record ends or the text does. */
  private step(text: string, from: number): number {
    let i = from
    this.recordEnded = false
    while (i < text.length && !this.recordEnded) {
      switch (this.state) {
        case State.FieldStart:
          i = this.atFieldStart(text, i)
          break
        case State.Unquoted:
          i = this.inUnquoted(text, i)
          break
        case State.Quoted:
          i = this.inQuoted(text, i)
          break
        case State.QuoteInQuoted:
          i = this.afterQuote(text, i)
          break
      }
    }
    return i
  }

  // Each state's step returns where the text goes on; `recordEnded` stops step() after a line.
  private recordEnded = false

  private endLine(next: number): number {
    this.line++
    this.recordEnded = true
    return next
  }

  private atFieldStart(text: string, i: number): number {
    const c = text.charCodeAt(i)
    // Every CR left is the first half of a CRLF: the LF follows in this text.
    const lineEnd = c === LF ? 1 : c === CR ? 2 : 0
    if (this.fields.length === 0) {
      // An empty line between records.
      if (lineEnd) return this.endLine(i + lineEnd)
      this.recordLine = this.line
    }
    if (c === QUOTE) {
      this.state = State.Quoted
      this.quoteLine = this.line
      return i + 1
    }
    if (c === this.delimiterCode) {
      this.fields.push('')
      return i + 1
    }
    if (lineEnd) {
      this.fields.push('')
      this.endRecord()
      return this.endLine(i + lineEnd)
    }
    this.state = State.Unquoted
    return i
  }

  private inUnquoted(text: string, i: number): number {
    const n = text.length
    const delimiter = this.delimiterCode
    let j = i
    let c = 0
    while (j < n) {
      c = text.charCodeAt(j)
      if (c === delimiter || c === LF || c === QUOTE || c === CR) break
      j++
    }
    if (j === n) {
      this.partial += text.slice(i, n)
      return n
    }
    if (c === QUOTE) throw this.misplacedQuote()
    this.fields.push(this.partial === '' ? text.slice(i, j) : this.partial + text.slice(i, j))
    this.partial = ''
    this.state = State.FieldStart
    if (c === delimiter) return j + 1
    this.endRecord()
    return this.endLine(j + (c === CR ? 2 : 1))
  }

  private inQuoted(text: string, i: number): number {
    const j = text.indexOf('"', i)
    let segment = j === -1 ? text.slice(i) : text.slice(i, j)
    this.line += countNewlines(segment)
    if (segment.includes('\r')) segment = segment.replace(/\r\n/g, '\n')
    this.partial += segment
    if (j === -1) return text.length
    this.state = State.QuoteInQuoted
    return j + 1
  }

  private afterQuote(text: string, i: number): number {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      this.partial += '"'
      this.state = State.Quoted
      return i + 1
    }
    if (c !== this.delimiterCode && c !== LF && c !== CR) throw this.misplacedQuote()
    this.fields.push(this.partial)
    this.partial = ''
    this.state = State.FieldStart
    if (c === this.delimiterCode) return i + 1
    this.endRecord()
    return this.endLine(i + (c === CR ? 2 : 1))
  }
}

function countNewlines(value: string) {
  let n = 0
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) n++
  return n
}

/** Index of the first line end outside quotes, or -1 while the header line is incomplete. */
function endOfFirstLine(text: string) {
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) quoted = !quoted
    else if (!quoted && c === LF) return i
  }
  return -1
}

// The header line decides; count outside quotes.
function detectDelimiter(text: string): ';' | ',' {
  let semicolons = 0
  let commas = 0
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (!quoted && char === '\n') break
    else if (!quoted && char === ';') semicolons++
    else if (!quoted && char === ',') commas++
  }
  return semicolons > commas ? ';' : ','
}

/** Every data row of a whole file at once (small files, tests). */
export function readCsvRecords(bytes: Uint8Array): { headers: string[]; delimiter: ';' | ','; rows: CsvRecord[] } {
  const reader = new CsvStreamReader()
  const rows = [...reader.push(bytes), ...reader.end()]
  return { headers: reader.headers ?? [], delimiter: reader.delimiter ?? ';', rows }
}
