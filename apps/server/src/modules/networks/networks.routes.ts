import type { Network } from '@tandem/shared'
import { Hono } from 'hono'
import type { NetworksRepository } from './networks.repository.ts'

export function networksRoutes(networks: NetworksRepository) {
  return new Hono().get('/', async (c) => {
    const rows = await networks.listWithIdeaCounts()
    const body: Network[] = rows.map((r) => ({
      slug: r.slug,
      name: r.name,
      region: r.region,
      ideaCount: Number(r.idea_count),
    }))
    return c.json(body)
  })
}
