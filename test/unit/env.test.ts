import { describe, expect, it } from 'vitest'
import { parseEnv } from '~/utils/env.server'

describe('parseEnv', () => {
  it('defaults to PGlite in ./data on port 3000 with demo data', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({ PORT: 3000, PGLITE_DIR: './data', demoData: true })
    expect(env.DATABASE_URL).toBeUndefined()
  })

  it('turns demo data off by default with a DATABASE_URL, and on when asked', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://x@h/db' }).demoData).toBe(false)
    expect(parseEnv({ DATABASE_URL: 'postgres://x@h/db', DEMO_DATA: 'true' }).demoData).toBe(true)
    expect(parseEnv({ DEMO_DATA: 'false' }).demoData).toBe(false)
  })

  it.each([
    [{ PORT: 'achtzig' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL muss mit postgres://'],
    [{ DEMO_DATA: 'vielleicht' }, 'DEMO_DATA'],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@h/db' }, 'SESSION_SECRET ist in Produktion Pflicht'],
    [{ SESSION_SECRET: 'kurz' }, 'mindestens 16 Zeichen'],
  ])('rejects %o with a message naming the problem', (input, message) => {
    expect(() => parseEnv(input)).toThrow(message)
  })

  it('treats empty variables as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' })).toMatchObject({ PORT: 3000, demoData: true })
  })
})
