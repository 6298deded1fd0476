import { createRoute } from '@hono/zod-openapi'
import { loginRequest, signupRequest, userResponseSchema } from '@tandem/shared'
import type { AppEnv } from '../../app-env.ts'
import { requireUser } from '../../middleware/session.ts'
import { createRouter, errors, json, jsonBody } from '../../openapi.ts'
import type { AuthService } from './auth.service.ts'
import { clientIp } from './client-ip.ts'
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts'

const signup = createRoute({
  method: 'post',
  path: '/auth/signup',
  tags: ['auth'],
  summary:
    'Create an account and sign in (the first account of an instance is its admin). Rate-limited per client address (429 with Retry-After); 503 with Retry-After while too many passwords are being hashed at once',
  request: { body: jsonBody(signupRequest) },
  responses: {
    201: json(userResponseSchema, 'The new account; sets the `tandem_session` cookie'),
    ...errors(400, 403, 409, 413, 429, 503),
  },
})

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary:
    'Sign in (failures are limited per client address and per address and account; a 429 names `fields.email` when only the account is limited from this address)',
  request: { body: jsonBody(loginRequest) },
  responses: {
    200: json(userResponseSchema, 'Signed in; sets the `tandem_session` cookie'),
    ...errors(400, 401, 403, 429, 503),
  },
})

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'Sign out: ends this session and clears the cookie',
  middleware: [requireUser] as const,
  responses: { 204: { description: 'Signed out' }, ...errors(401, 403) },
})

const logoutEverywhere = createRoute({
  method: 'post',
  path: '/auth/logout-everywhere',
  tags: ['auth'],
  summary: "Sign out everywhere: ends every one of the user's sessions",
  middleware: [requireUser] as const,
  responses: { 204: { description: 'Every session ended' }, ...errors(401, 403) },
})

export function authRoutes(auth: AuthService) {
  return createRouter<AppEnv>()
    .openapi(signup, async (c) => {
      const { user, token, session } = await auth.signUp(c.req.valid('json'), clientIp(c))
      setSessionCookie(c, token, session.expiresAt)
      return c.json({ user }, 201)
    })
    .openapi(login, async (c) => {
      const { user, token, session } = await auth.logIn(c.req.valid('json'), clientIp(c))
      setSessionCookie(c, token, session.expiresAt)
      return c.json({ user }, 200)
    })
    .openapi(logout, async (c) => {
      await auth.logOut(c.var.session)
      clearSessionCookie(c)
      return c.body(null, 204)
    })
    .openapi(logoutEverywhere, async (c) => {
      await auth.logOutEverywhere(c.var.user)
      clearSessionCookie(c)
      return c.body(null, 204)
    })
}
