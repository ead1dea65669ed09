// Item 6 of issue 10: an ordinary form body is limited (413 with a German page that names the
// limit, also when the body comes without Content-Length), the imports take their larger files,
// and a rejected value is not mirrored back in full.
import { expect, it } from 'vitest'
import { describeEachServer } from './support'

const MB = 1024 * 1024

describeEachServer('request bodies', (server) => {
  it('refuses a 2 MB form post with 413 and says the limit', async () => {
    const response = await server.post('/anmelden', { email: 'a'.repeat(2 * MB), password: 'x' })
    const body = await response.text()
    expect(response.status).toBe(413)
    expect(body).toContain('Anfrage zu groß')
    expect(body).toContain('höchstens 1 MB')
  })

  it('refuses the same body sent in chunks without Content-Length', async () => {
    const cookie = await server.signIn('celle@demo.invalid')
    const chunk = new TextEncoder().encode(`notiz=${'ü'.repeat(64 * 1024)}`)
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * MB) return controller.close()
        sent += chunk.byteLength
        controller.enqueue(chunk)
      },
    })
    const response = await server.fetch('/kreise/03351', {
      method: 'POST',
      headers: { Origin: server.baseURL, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
    expect(await response.text()).toContain('höchstens 1 MB')
  })

  it('lets the status import take a file larger than a form (its own limit applies)', async () => {
    const cookie = await server.signIn('celle@demo.invalid')
    const form = new FormData()
    form.append('datei', new File(['ags;ozg_id\n' + '03351;10169\n'.repeat(Math.ceil((1.5 * MB) / 12))], 'gross.csv', { type: 'text/csv' }))
    const response = await server.fetch('/import', { method: 'POST', headers: { Origin: server.baseURL, Cookie: cookie }, body: form })
    const body = await response.text()
    expect(response.status).not.toBe(413)
    expect(response.status).toBeLessThan(500)
    expect(body).not.toContain('Ein Formular darf höchstens 1 MB')
  })

  it('answers the API in its JSON envelope', async () => {
    const response = await server.fetch('/api/v1/statuses', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ x: 'a'.repeat(2 * MB) }) })
    expect(response.status).toBe(413)
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect((await response.json()).error).toMatchObject({ status: 413, message: expect.stringContaining('höchstens 1 MB') })
  })

  it('echoes at most an excerpt of an oversized value', async () => {
    const response = await server.post('/anmelden', { email: `${'a'.repeat(900_000)}@b.de`, password: 'x' })
    const body = await response.text()
    expect(response.status).toBe(400)
    expect(body).toContain('E-Mail-Adresse')
    expect(body.length).toBeLessThan(100_000)
  })
})
