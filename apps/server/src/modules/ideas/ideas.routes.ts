import { createIdeaRequest } from '@tandem/shared'
import { Hono } from 'hono'
import { validate } from '../../validate.ts'
import type { IdeasService } from './ideas.service.ts'

/** Mounted at /api/networks/:slug/ideas. */
export function ideasRoutes(ideas: IdeasService) {
  return new Hono()
    .post('/', validate('json', createIdeaRequest), async (c) => {
      const idea = await ideas.create(c.req.param('slug')!, c.req.valid('json').title)
      return c.json(idea, 201)
    })
    .get('/:id', async (c) => c.json(await ideas.get(c.req.param('slug')!, c.req.param('id'))))
}
