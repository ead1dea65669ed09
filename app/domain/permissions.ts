import type { RoleCode } from './enums'

// DESIGN.md's role table, in one place. Server code decides with these; the UI only hides
// what the server would refuse anyway.
export type SessionUser = {
  id: number
  email: string
  name: string
  role: RoleCode
  countyId: number | null
  countyAgs: string | null
}

export function canEditCounty(user: SessionUser | null, countyId: number): boolean {
  if (!user) return false
  if (user.role === 'coordinator' || user.role === 'admin') return true
  return user.role === 'editor' && user.countyId === countyId
}

export function canEditCatalogue(user: SessionUser | null): boolean {
  return user?.role === 'coordinator' || user?.role === 'admin'
}

export function canManageUsers(user: SessionUser | null): boolean {
  return user?.role === 'admin'
}

export function canImport(user: SessionUser | null): boolean {
  return user?.role === 'editor' || canEditCatalogue(user)
}
