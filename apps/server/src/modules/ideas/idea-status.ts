import type { IdeaStatus } from '@tandem/db'

/**
 * An idea's lifecycle: idea → draft → proposal → submitted, one step forward or back at a time; it can be withdrawn
 * from any stage and reopened as a draft.
 */
const next: Record<IdeaStatus, readonly IdeaStatus[]> = {
  idea: ['draft', 'withdrawn'],
  draft: ['idea', 'proposal', 'withdrawn'],
  proposal: ['draft', 'submitted', 'withdrawn'],
  submitted: ['proposal', 'withdrawn'],
  withdrawn: ['draft'],
}

export function canMoveStatus(from: IdeaStatus, to: IdeaStatus): boolean {
  return from === to || next[from].includes(to)
}

export function allowedNextStatuses(from: IdeaStatus): readonly IdeaStatus[] {
  return next[from]
}
