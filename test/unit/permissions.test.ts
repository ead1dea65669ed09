import { describe, expect, it } from 'vitest'
import { canEditCatalogue, canEditCounty, canImport, canManageUsers, type SessionUser } from '~/domain/permissions'

const user = (role: SessionUser['role'], countyId: number | null = null): SessionUser => ({
  id: 1,
  email: 'x@demo.invalid',
  name: '',
  role,
  countyId,
  countyAgs: null,
})

describe('role table of DESIGN.md', () => {
  it.each([
    ['viewer', 7, 7, false],
    ['editor', 7, 7, true],
    ['editor', 7, 8, false],
    ['coordinator', null, 8, true],
    ['admin', null, 8, true],
  ] as const)('%s of county %s editing county %s: %s', (role, own, target, allowed) => {
    expect(canEditCounty(user(role, own), target)).toBe(allowed)
  })

  it('lets nobody anonymous edit', () => {
    expect(canEditCounty(null, 1)).toBe(false)
    expect(canEditCatalogue(null)).toBe(false)
  })

  it.each([
    ['viewer', false, false, false],
    ['editor', false, false, true],
    ['coordinator', true, false, true],
    ['admin', true, true, true],
  ] as const)('%s: catalogue %s, users %s, import %s', (role, catalogue, users, imports) => {
    expect(canEditCatalogue(user(role, 1))).toBe(catalogue)
    expect(canManageUsers(user(role, 1))).toBe(users)
    expect(canImport(user(role, 1))).toBe(imports)
  })
})
