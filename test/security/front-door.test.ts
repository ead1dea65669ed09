// Requests the server refuses before any route sees them: a request line that names another
// server ("GET http://elsewhere/ HTTP/1.1") or a Host that is no host name gets 400, not 500.
import { connect } from 'node:net'
import { expect, it } from 'vitest'
import { describeEachServer } from './support'

function raw(baseURL: string, head: string): Promise<string> {
  const { hostname, port } = new URL(baseURL)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`${head}\r\nConnection: close\r\n\r\n`))
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
  })
}

describeEachServer('the front door', (server) => {
  const host = new URL(server.baseURL).host
  it.each([
    ['a full URL in the request line', `GET http://evil.example/kreise HTTP/1.1\r\nHost: ${host}`],
    ['a Host with user info', 'GET /anmelden HTTP/1.1\r\nHost: a@evil.example'],
    ['a Host with a path', 'GET /anmelden HTTP/1.1\r\nHost: evil.example/x'],
  ])('answers %s with 400', async (_case, head) => {
    const answer = await raw(server.baseURL, head)
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request')
    expect(answer).toContain('keinen gültigen Servernamen')
  })
})
