// The keys of the two imports' round trips: the status import's token (its upload waits in the
// database, the page carries only a signed id) and the catalogue import's sealed file (it travels
// in the page itself).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import { env } from '~/utils/env.server'
import type { ImportFile } from './import-file.server'

let processSecret: Buffer | undefined
function secret(): Buffer {
  // SESSION_SECRET keys the token; the zero-setup demo without one uses a per-process key.
  const configured = env().SESSION_SECRET
  if (configured) return Buffer.from(`import:${configured}`)
  processSecret ??= randomBytes(32)
  return processSecret
}

export function sign(userId: number, id: string) {
  return createHmac('sha256', secret()).update(`${userId}:${id}`).digest('base64url')
}

/** The upload id in a token, or null when the token was not issued to this user. */
export function openImportToken(token: string, userId: number): string | null {
  const [id, signature, ...rest] = token.split('.')
  if (!id || !signature || rest.length > 0) return null
  const expected = Buffer.from(sign(userId, id))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null
}

// The catalogue import (a ~600-row file) keeps its file between preview and confirmation in the
// page itself (gzip + base64) in a hidden field, sealed with an HMAC over the user, file name,
// content and preview fingerprint: a tampered or foreign field is refused.
function mac(userId: number, name: string, payload: string, fingerprint: string) {
  return createHmac('sha256', secret()).update(JSON.stringify([userId, name, fingerprint, payload])).digest('base64url')
}

export type SealedImport = { name: string; payload: string; fingerprint: string; signature: string }

export function sealImportFile(file: ImportFile, fingerprint: string, userId: number): SealedImport {
  const payload = gzipSync(file.bytes).toString('base64')
  return { name: file.name, payload, fingerprint, signature: mac(userId, file.name, payload, fingerprint) }
}

/** The file back from its sealed form, or null when the seal does not match this user. */
export function openImportFile(sealed: SealedImport, userId: number): ImportFile | null {
  const expected = Buffer.from(mac(userId, sealed.name, sealed.payload, sealed.fingerprint))
  const given = Buffer.from(sealed.signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    return { name: sealed.name, bytes: new Uint8Array(gunzipSync(Buffer.from(sealed.payload, 'base64'))) }
  } catch {
    return null
  }
}
