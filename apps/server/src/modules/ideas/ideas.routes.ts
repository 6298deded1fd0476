import { createRoute, z } from '@hono/zod-openapi'
import { clusterSchema, createIdeaRequest, ideaSchema, ideaStatusSchema, updateIdeaRequest } from '@tandem/shared'
import type { AppEnv } from '../../app-env.ts'
import { createRouter, errors, ideaParams, json, jsonBody, slugParam } from '../../openapi.ts'
import type { IdeasService } from './ideas.service.ts'

const tags = ['ideas']
const listQuery = z.object({
  status: ideaStatusSchema.optional(),
  cluster: clusterSchema.optional(),
  sdg: z.coerce.number().int().min(1).max(17).optional(),
})

const routes = {
  list: createRoute({
    method: 'get', path: '/networks/{slug}/ideas', tags, summary: 'Ideas of a network, filterable by status, cluster and SDG',
    request: { params: slugParam, query: listQuery },
    responses: { 200: json(z.array(ideaSchema), 'The ideas, most recently changed first'), ...errors(400, 401, 403, 404) },
  }),
  create: createRoute({
    method: 'post', path: '/networks/{slug}/ideas', tags, summary: 'Create an idea; its document starts with the proposal template',
    request: { params: slugParam, body: jsonBody(createIdeaRequest) },
    responses: { 201: json(ideaSchema, 'The new idea; `room` is `<slug>/<id>`'), ...errors(400, 401, 403, 404, 413) },
  }),
  get: createRoute({
    method: 'get', path: '/networks/{slug}/ideas/{id}', tags, summary: 'One idea',
    request: { params: ideaParams },
    responses: { 200: json(ideaSchema, 'The idea'), ...errors(401, 403, 404) },
  }),
  update: createRoute({
    method: 'patch', path: '/networks/{slug}/ideas/{id}', tags, summary: 'Change title, summary, cluster, SDGs, status or co-authors',
    request: { params: ideaParams, body: jsonBody(updateIdeaRequest) },
    responses: { 200: json(ideaSchema, 'The idea'), ...errors(400, 401, 403, 404) },
  }),
  delete: createRoute({
    method: 'delete', path: '/networks/{slug}/ideas/{id}', tags, summary: 'Delete an idea and its document (facilitators, admins)',
    request: { params: ideaParams },
    responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
  }),
  history: createRoute({
    method: 'get', path: '/networks/{slug}/ideas/{id}/status-history', tags, summary: 'Who changed the status, and when',
    request: { params: ideaParams },
    responses: {
      200: json(z.array(z.object({ from: ideaStatusSchema.nullable(), to: ideaStatusSchema, changedBy: z.string().nullable(), changedAt: z.string() })), 'Changes, oldest first'),
      ...errors(401, 403, 404),
    },
  }),
}

export function ideasRoutes(ideas: IdeasService) {
  return createRouter<AppEnv>()
    .openapi(routes.list, async (c) => c.json(await ideas.list(c.get('user'), c.req.valid('param').slug, c.req.valid('query')), 200))
    .openapi(routes.create, async (c) => c.json(await ideas.create(c.get('user'), c.req.valid('param').slug, c.req.valid('json')), 201))
    .openapi(routes.get, async (c) => {
      const { slug, id } = c.req.valid('param')
      return c.json(await ideas.get(c.get('user'), slug, id), 200)
    })
    .openapi(routes.update, async (c) => {
      const { slug, id } = c.req.valid('param')
      return c.json(await ideas.update(c.get('user'), slug, id, c.req.valid('json')), 200)
    })
    .openapi(routes.delete, async (c) => {
      const { slug, id } = c.req.valid('param')
      await ideas.delete(c.get('user'), slug, id)
      return c.body(null, 204)
    })
    .openapi(routes.history, async (c) => {
      const { slug, id } = c.req.valid('param')
      return c.json(await ideas.statusHistory(c.get('user'), slug, id), 200)
    })
}
