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

/** Negotiations, agenda, decisions and to-dos are the coordination's (DESIGN.md, roles). */
export function canManageCoordination(user: SessionUser | null): boolean {
  return canEditCatalogue(user)
}

/** Editors comment on the negotiations their county takes part in; the coordination on all. */
export function canCommentNegotiation(user: SessionUser | null, participantCountyIds: readonly number[]): boolean {
  if (!user) return false
  if (canManageCoordination(user)) return true
  return user.role === 'editor' && user.countyId !== null && participantCountyIds.includes(user.countyId)
}

/** An editor marks their own to-dos done: those of their county or of themselves. */
export function canCompleteTask(user: SessionUser | null, task: { ownerCountyId: number | null; ownerUserId: number | null }): boolean {
  if (!user) return false
  if (canManageCoordination(user)) return true
  if (user.role !== 'editor') return false
  return task.ownerUserId === user.id || (task.ownerCountyId !== null && task.ownerCountyId === user.countyId)
}
