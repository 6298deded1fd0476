import { createRoute, z } from '@hono/zod-openapi'
import { ErrorCode, isNetworkSlug, networkSchema, text, type Network } from '@tandem/shared'
import type { AppEnv } from '../../app-env.ts'
import { AppError } from '../../errors.ts'
import { createRouter, errors, json, jsonBody } from '../../openapi.ts'
import type { NetworksRepository } from './networks.repository.ts'

const tags = ['networks']
const createNetworkBody = z.object({
  slug: text().refine(isNetworkSlug, 'lower-case letters, digits and single hyphens, at most 64'),
  name: text().trim().min(1, 'name is required').max(120, 'name is at most 120 characters'),
  region: text().trim().min(1, 'region is required').max(120, 'region is at most 120 characters'),
})

const listNetworks = createRoute({
  method: 'get', path: '/networks', tags, summary: 'The regional networks (public directory)',
  responses: { 200: json(z.array(networkSchema), 'Every network with its member and idea counts') },
})
const createNetwork = createRoute({
  method: 'post', path: '/networks', tags, summary: 'Create a network (instance admins)',
  request: { body: jsonBody(createNetworkBody) },
  responses: { 201: json(networkSchema, 'The network'), ...errors(400, 401, 403, 409) },
})

export function networksRoutes(networks: NetworksRepository) {
  return createRouter<AppEnv>()
    .openapi(listNetworks, async (c) => {
      const rows = await networks.listWithCounts()
      const body: Network[] = rows.map((r) => ({
        slug: r.slug,
        name: r.name,
        region: r.region,
        memberCount: Number(r.member_count ?? 0),
        ideaCount: Number(r.idea_count ?? 0),
      }))
      return c.json(body, 200)
    })
    .openapi(createNetwork, async (c) => {
      const user = c.get('user')
      if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first')
      if (!user.isAdmin) throw new AppError(ErrorCode.FORBIDDEN, 'only instance admins create networks')
      const { slug, name, region } = c.req.valid('json')
      const created = await networks.create(slug, name, region)
      if (!created) throw new AppError(ErrorCode.CONFLICT, `a network '${slug}' exists already`)
      return c.json({ ...created, memberCount: 0, ideaCount: 0 }, 201)
    })
}
