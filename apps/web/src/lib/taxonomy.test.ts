import { clusterSchema, ideaStatusSchema, networkRoleSchema } from '@tandem/shared'
import { describe, expect, it } from 'vitest'
import { clusters, ideaStatuses, isCluster, isIdeaStatus, isSdg, networkRoles, sdgNumbers } from './taxonomy.ts'

describe('taxonomy', () => {
  it('lists exactly the clusters, statuses and roles the API accepts', () => {
    expect([...clusters].sort()).toEqual([...clusterSchema.options].sort())
    expect([...ideaStatuses].sort()).toEqual([...ideaStatusSchema.options].sort())
    expect([...networkRoles].sort()).toEqual([...networkRoleSchema.options].sort())
  })

  it('has the seventeen SDGs', () => {
    expect(sdgNumbers).toEqual(Array.from({ length: 17 }, (_, i) => i + 1))
    expect([0, 18, 1.5, Number.NaN].some(isSdg)).toBe(false)
  })

  it('reads only known values from a URL', () => {
    expect(isCluster('municipal-services')).toBe(true)
    expect(isCluster('<script>')).toBe(false)
    expect(isCluster(null)).toBe(false)
    expect(isIdeaStatus('draft')).toBe(true)
    expect(isIdeaStatus('deleted')).toBe(false)
  })
})
