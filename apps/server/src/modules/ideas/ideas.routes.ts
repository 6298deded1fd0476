import { createRoute } from '@hono/zod-openapi'
import { createIdeaRequest, ideaSchema } from '@tandem/shared'
import { createRouter, errors, ideaParams, json, jsonBody, slugParam } from '../../openapi.ts'
import type { IdeasService } from './ideas.service.ts'

const createIdea = createRoute({
  method: 'post',
  path: '/networks/{slug}/ideas',
  tags: ['ideas'],
  summary: 'Create an idea; its document starts with the proposal template',
  request: { params: slugParam, body: jsonBody(createIdeaRequest) },
  responses: { 201: json(ideaSchema, 'The new idea; `room` is `<slug>/<id>`'), ...errors(400, 404, 413) },
})

const getIdea = createRoute({
  method: 'get',
  path: '/networks/{slug}/ideas/{id}',
  tags: ['ideas'],
  summary: 'One idea',
  request: { params: ideaParams },
  responses: { 200: json(ideaSchema, 'The idea'), ...errors(404) },
})

export function ideasRoutes(ideas: IdeasService) {
  return createRouter()
    .openapi(createIdea, async (c) => {
      const { slug } = c.req.valid('param')
      return c.json(await ideas.create(slug, c.req.valid('json').title), 201)
    })
    .openapi(getIdea, async (c) => {
      const { slug, id } = c.req.valid('param')
      return c.json(await ideas.get(slug, id), 200)
    })
}
