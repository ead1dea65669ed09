// The layers of STYLE.md are enforced by `npm run lint`; this shows the rules really bite.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, describe, expect, it } from 'vitest'

const dir = join(process.cwd(), 'app/domain/__lint-fixture__')

describe('npm run lint', () => {
  const eslint = new ESLint()
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  async function ruleIdsFor(file: string) {
    const [result] = await eslint.lintFiles([file])
    return result.messages.map((m) => m.ruleId)
  }

  it('refuses a domain module that imports a model (the domain does no I/O)', async () => {
    mkdirSync(dir, { recursive: true })
    const file = join(dir, 'reads-db.ts')
    writeFileSync(file, "import { listCountiesWithCounts } from '~/models/county.server'\nexport const x = listCountiesWithCounts\n")
    expect(await ruleIdsFor(file)).toContain('boundaries/dependencies')
  }, 60_000)

  it('refuses two modules that import each other', async () => {
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b'\nexport const a = () => b\n")
    writeFileSync(join(dir, 'b.ts'), "import { a } from './a'\nexport const b = () => a\n")
    expect(await ruleIdsFor(join(dir, 'a.ts'))).toContain('import-x/no-cycle')
  }, 60_000)

  it('accepts a domain module that imports the domain', async () => {
    mkdirSync(dir, { recursive: true })
    const file = join(dir, 'pure.ts')
    writeFileSync(file, "import { todayIso } from '~/domain/status'\nexport const y = todayIso\n")
    expect(await ruleIdsFor(file)).toEqual([])
  }, 60_000)
})
