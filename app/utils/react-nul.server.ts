// React 18.3.1's renderToPipeableStream (writeStringChunk) flushes its whole 2,048-byte buffer
// when a multi-byte character does not fit at its end — including the 1 to 3 bytes it never
// wrote, which are zeros. The character then starts the next chunk. Fixed in React 19, not in 18.
import { Transform } from 'node:stream'

const VIEW_SIZE = 2048

/** Drops exactly those zero bytes: at the end of a full 2,048-byte chunk, fewer than the next character's length. */
export function dropReactNulPadding(): Transform {
  let held: Buffer | null = null
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (held) this.push(trimPadding(held, chunk))
      held = null
      if (chunk.byteLength === VIEW_SIZE && chunk[VIEW_SIZE - 1] === 0) held = chunk
      else this.push(chunk)
      done()
    },
    flush(done) {
      if (held) this.push(held)
      done()
    },
  })
}

function trimPadding(view: Buffer, next: Buffer): Buffer {
  const lead = next[0] ?? 0
  const charLength = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
  let zeros = 0
  while (zeros < charLength - 1 && view[view.byteLength - 1 - zeros] === 0) zeros++
  return zeros ? view.subarray(0, view.byteLength - zeros) : view
}
