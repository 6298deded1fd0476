import type { NetworkRole } from '@tandem/db'

/**
 * Who may do what in a network: the one table every route and the room server consult. An instance admin may do in
 * every network what a facilitator may.
 */
export type Standing = NetworkRole | 'admin' | 'outsider'

export const Action = {
  READ_NETWORK: 'read-network',
  EDIT_IDEAS: 'edit-ideas',
  DELETE_IDEA: 'delete-idea',
  CREATE_SNAPSHOT: 'create-snapshot',
  RESTORE_SNAPSHOT: 'restore-snapshot',
  REPAIR_DOCUMENT: 'repair-document',
  MANAGE_MEMBERS: 'manage-members',
  REQUEST_TO_JOIN: 'request-to-join',
} as const
export type Action = (typeof Action)[keyof typeof Action]

const allowed: Record<Action, readonly Standing[]> = {
  'read-network': ['observer', 'member', 'facilitator', 'admin'],
  'edit-ideas': ['member', 'facilitator', 'admin'],
  'delete-idea': ['facilitator', 'admin'],
  'create-snapshot': ['member', 'facilitator', 'admin'],
  'restore-snapshot': ['facilitator', 'admin'],
  'repair-document': ['facilitator', 'admin'],
  'manage-members': ['facilitator', 'admin'],
  'request-to-join': ['outsider'],
}

export function standing(isAdmin: boolean, role: NetworkRole | null): Standing {
  if (isAdmin) return 'admin'
  return role ?? 'outsider'
}

export function can(who: Standing, action: Action): boolean {
  return allowed[action].includes(who)
}
