import type { Idea } from '@tandem/shared'

/** The idea lifecycle in board order; withdrawn ideas sit in the last column. */
export const ideaStatuses = ['idea', 'draft', 'proposal', 'submitted', 'withdrawn'] as const satisfies readonly Idea['status'][]
export type IdeaStatus = (typeof ideaStatuses)[number]

/** The four theme clusters ideas are tagged with. */
export const clusters = [
  'good-urban-governance',
  'integrated-urban-development',
  'municipal-services',
  'local-economic-development',
] as const satisfies readonly NonNullable<Idea['cluster']>[]
export type Cluster = (typeof clusters)[number]

/** The UN Sustainable Development Goals, 1–17. */
export const sdgNumbers = Array.from({ length: 17 }, (_, index) => index + 1)

export const networkRoles = ['observer', 'member', 'facilitator'] as const
export type NetworkRole = (typeof networkRoles)[number]

export function isCluster(value: string | null | undefined): value is Cluster {
  return (clusters as readonly string[]).includes(value ?? '')
}

export function isIdeaStatus(value: string | null | undefined): value is IdeaStatus {
  return (ideaStatuses as readonly string[]).includes(value ?? '')
}

export function isSdg(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 17
}
