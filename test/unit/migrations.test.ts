import { describe, expect, it } from 'vitest'
import { currentHashes, recordedHashes } from '../../scripts/migration-hashes.mjs'

describe('committed migrations', () => {
  const current = currentHashes() as Record<string, string>
  const recorded = recordedHashes() as Record<string, string>

  it('each has its hash recorded (run `npm run db:record` after generating one)', () => {
    expect(Object.keys(current).filter((tag) => !(tag in recorded))).toEqual([])
  })

  it.each(Object.entries(recorded))('%s is unchanged since it was recorded', (tag, hash) => {
    expect(current[tag], `${tag} was edited after it was committed: write a new migration instead`).toBe(hash)
  })
})
