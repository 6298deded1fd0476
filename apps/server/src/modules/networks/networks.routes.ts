import { createRoute, z } from '@hono/zod-openapi'
import { networkSchema, type Network } from '@tandem/shared'
import { createRouter, json } from '../../openapi.ts'
import type { NetworksRepository } from './networks.repository.ts'

const listNetworks = createRoute({
  method: 'get',
  path: '/networks',
  tags: ['networks'],
  summary: 'The regional networks',
  responses: { 200: json(z.array(networkSchema), 'Every network with its idea count') },
})

export function networksRoutes(networks: NetworksRepository) {
  return createRouter().openapi(listNetworks, async (c) => {
    const rows = await networks.listWithIdeaCounts()
    const body: Network[] = rows.map((r) => ({
      slug: r.slug,
      name: r.name,
      region: r.region,
      ideaCount: Number(r.idea_count),
    }))
    return c.json(body, 200)
  })
}
