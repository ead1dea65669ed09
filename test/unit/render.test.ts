import { createElement } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderToBytes } from '~/utils/render.server'

afterEach(() => {
  vi.useRealTimers()
})

describe('renderToBytes', () => {
  it('renders the page whole and leaves no abort timer behind (it would hold the page and its data)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const page = createElement('main', null, createElement('h1', null, 'Übersicht'), 'ä'.repeat(5000))
    const bytes = await renderToBytes(page, { abortAfterMs: 6000 })
    expect(Buffer.from(bytes).toString('utf8')).toBe(`<main><h1>Übersicht</h1>${'ä'.repeat(5000)}</main>`)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('rejects when the shell fails, and clears its timer then too', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const Broken = () => {
      throw new Error('kaputt')
    }
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    await expect(renderToBytes(createElement(Broken), { abortAfterMs: 6000 })).rejects.toThrow('kaputt')
    quiet.mockRestore()
    expect(vi.getTimerCount()).toBe(0)
  })
})
