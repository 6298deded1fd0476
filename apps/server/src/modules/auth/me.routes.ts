import { createRoute } from '@hono/zod-openapi'
import { meResponseSchema, updateProfileRequest, userResponseSchema } from '@tandem/shared'
import type { AppEnv } from '../../app-env.ts'
import { requireUser } from '../../middleware/session.ts'
import { createRouter, errors, json, jsonBody } from '../../openapi.ts'
import type { AuthService } from './auth.service.ts'

const getMe = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The signed-in user and their network memberships',
  middleware: [requireUser] as const,
  responses: { 200: json(meResponseSchema, 'The user and memberships'), ...errors(401) },
})

const updateMe = createRoute({
  method: 'patch',
  path: '/me',
  tags: ['auth'],
  summary: 'Edit the profile (fields left out stay as they are; null or "" clears an optional field)',
  middleware: [requireUser] as const,
  request: { body: jsonBody(updateProfileRequest) },
  responses: { 200: json(userResponseSchema, 'The updated user'), ...errors(400, 401, 403) },
})

export function meRoutes(auth: AuthService) {
  return createRouter<AppEnv>()
    .openapi(getMe, async (c) => c.json(await auth.me(c.var.user), 200))
    .openapi(updateMe, async (c) => c.json({ user: await auth.updateProfile(c.var.user, c.req.valid('json')) }, 200))
}
