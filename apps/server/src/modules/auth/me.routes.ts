import { createRoute } from '@hono/zod-openapi'
import { changePasswordRequest, meResponseSchema, updateProfileRequest, userResponseSchema } from '@tandem/shared'
import type { AppEnv } from '../../app-env.ts'
import { requireUser } from '../../middleware/session.ts'
import { createRouter, errors, json, jsonBody } from '../../openapi.ts'
import type { AuthService } from './auth.service.ts'
import { clientIp } from './client-ip.ts'

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

const changePassword = createRoute({
  method: 'post',
  path: '/me/password',
  tags: ['auth'],
  summary:
    "Change the password: every other session of the user ends (their sockets close), this one stays. A wrong current password is a 403 `wrong_password`, rate-limited like sign-in",
  middleware: [requireUser] as const,
  request: { body: jsonBody(changePasswordRequest) },
  responses: { 204: { description: 'Changed; other sessions signed out' }, ...errors(400, 401, 403, 429, 503) },
})

export function meRoutes(auth: AuthService) {
  return createRouter<AppEnv>()
    .openapi(getMe, async (c) => c.json(await auth.me(c.var.user), 200))
    .openapi(updateMe, async (c) => c.json({ user: await auth.updateProfile(c.var.user, c.req.valid('json')) }, 200))
    .openapi(changePassword, async (c) => {
      await auth.changePassword(c.var.user, c.var.session, c.req.valid('json'), clientIp(c))
      return c.body(null, 204)
    })
}
