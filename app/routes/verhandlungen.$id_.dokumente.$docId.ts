import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { PathId } from '~/domain/id'
import { contentDisposition } from '~/domain/negotiation'
import { getNegotiationDocument } from '~/models/negotiation.server'
import { requireUser } from '~/guards/auth.server'
import { notFound, parseParams } from '~/utils/http.server'

const Params = z.object({ id: PathId, docId: PathId })

// Always a download (attachment) with the sniffed type and nosniff: an uploaded file is never
// rendered as a page of this site.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request)
  const { id, docId } = parseParams(Params, params)
  const document = await getNegotiationDocument(id, docId)
  if (!document) throw notFound('Dieses Dokument gibt es nicht (mehr).')
  // A copy into a plain ArrayBuffer: the drivers hand back views of a larger or shared buffer.
  const body = new Uint8Array(document.content).buffer as ArrayBuffer
  return new Response(body, {
    headers: {
      'Content-Type': document.contentType,
      'Content-Length': String(body.byteLength),
      'Content-Disposition': contentDisposition(document.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    },
  })
}
