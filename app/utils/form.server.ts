// Every action reads its form here, so that a body that is not a form is answered once, in
// German, with a 4xx: a wrong content type is 415, a broken body 400, a file where text belongs
// 400. `request.formData()` would throw a TypeError for the first two (a 500) and turn a file
// into the text "[object File]" for the third.
import { data, unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node'
import type { ErrorBody } from './http.server'

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

export const NOT_A_FORM =
  'Diese Anfrage enthält kein Formular. Senden Sie das Formular aus OZG-Radar ab (als application/x-www-form-urlencoded oder multipart/form-data).'
export const BROKEN_FORM = 'Die Formulardaten sind unvollständig oder beschädigt und konnten nicht gelesen werden. Laden Sie die Seite neu und senden Sie das Formular erneut.'
export const BROKEN_FILE_NAME =
  'Der Dateiname enthält ein Semikolon (;) oder Gleichheitszeichen (=) und konnte deshalb nicht gelesen werden. Benennen Sie die Datei um und laden Sie sie erneut hoch.'

function formError(status: 400 | 415, message: string) {
  return data<ErrorBody>({ message }, { status })
}

function mediaType(request: Request) {
  return (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase()
}

export function isMultipart(request: Request) {
  return mediaType(request) === 'multipart/form-data'
}

// A field name comes from the client: show a short, printable excerpt only.
function fieldLabel(name: string) {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '')
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean
}

/**
 * The request's form; thrown 415/400 responses otherwise. Only the fields named in `files` may
 * carry a file; a file in any other field is refused, since it would be stored as text.
 */
export async function readForm(request: Request, options: { files?: readonly string[] } = {}): Promise<FormData> {
  if (!FORM_TYPES.includes(mediaType(request))) throw formError(415, NOT_A_FORM)
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw formError(400, BROKEN_FORM)
  }
  for (const [name, value] of form) {
    if (typeof value !== 'string' && !options.files?.includes(name)) {
      throw formError(400, `Das Feld „${fieldLabel(name)}“ erwartet Text, keine Datei. Senden Sie das Formular aus OZG-Radar ab.`)
    }
  }
  return form
}

/** The form's text fields as a record (the last value of a repeated field wins). */
export async function readFormValues(request: Request): Promise<Record<string, string>> {
  return Object.fromEntries(await readForm(request)) as Record<string, string>
}

/**
 * A multipart upload read as a stream (the import keeps files out of memory). A body the parser
 * cannot read is a thrown 400; errors of `handler` itself pass through unchanged.
 */
export async function readMultipart(request: Request, handler: UploadHandler): Promise<void> {
  if (!isMultipart(request)) throw formError(415, NOT_A_FORM)
  // The parser reports a broken body while the handler reads a part's data: such errors are
  // the body's; every other error thrown by the handler is its own and passes through.
  const bodyErrors = new WeakSet<object>()
  const own = new WeakSet<object>()
  const mark = (set: WeakSet<object>, error: unknown) => {
    if (error && typeof error === 'object' && !bodyErrors.has(error)) set.add(error)
  }
  try {
    await unstable_parseMultipartFormData(request, async (part) => {
      const source = part.data
      async function* data() {
        try {
          yield* source
        } catch (error) {
          mark(bodyErrors, error)
          throw error
        }
      }
      try {
        return await handler({ ...part, data: data() })
      } catch (error) {
        mark(own, error)
        throw error
      }
    })
  } catch (error) {
    if (error && typeof error === 'object' && own.has(error)) throw error
    // The parser (Remix's) splits the part header at every ";" and "=", also inside a quoted
    // file name, and throws for such a name.
    const message = error instanceof Error && /content-disposition/i.test(error.message) ? BROKEN_FILE_NAME : BROKEN_FORM
    throw formError(400, message)
  }
}
