import { z } from 'zod'
import { text } from '../text.ts'

/** Accounts and sessions: the signed-in user, sign-up, sign-in and profile edits. */

const email = text()
  .trim()
  .toLowerCase()
  .max(254, 'email is at most 254 characters')
  .email('email is not a valid address')
const displayName = text()
  .trim()
  .min(1, 'displayName is required')
  .max(100, 'displayName is at most 100 characters')
/** Optional free-text profile fields; an empty string is stored as null. */
const profileText = (name: string) =>
  text()
    .trim()
    .max(200, `${name} is at most 200 characters`)
    .transform((value) => (value === '' ? null : value))
    .nullable()
const languages = z
  .array(text().trim().min(1, 'a language is not empty').max(50, 'a language is at most 50 characters'))
  .max(20, 'at most 20 languages')

export const userSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  organisation: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  languages: z.array(z.string()),
  isAdmin: z.boolean(),
})
export type User = z.infer<typeof userSchema>

export const userResponseSchema = z.object({ user: userSchema })
export type UserResponse = z.infer<typeof userResponseSchema>

/** What makes a new password acceptable (sign-up, a password change); `name` is the field the messages name. */
export const PASSWORD_MIN_LENGTH = 10
const newPassword = (name: string) =>
  z
    .string()
    .min(PASSWORD_MIN_LENGTH, `${name} is at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(256, `${name} is at most 256 characters`)

export const signupRequest = z.object({
  email,
  password: newPassword('password'),
  displayName,
  organisation: profileText('organisation').optional(),
  city: profileText('city').optional(),
  country: profileText('country').optional(),
  languages: languages.optional(),
})
export type SignupRequest = z.infer<typeof signupRequest>

/** Sign-in checks only the shape: a wrong password of any length is a 401, not a 400. */
export const loginRequest = z.object({
  email: text().trim().toLowerCase().min(1, 'email is required').max(254, 'email is at most 254 characters'),
  password: z.string().min(1, 'password is required').max(256, 'password is at most 256 characters'),
})
export type LoginRequest = z.infer<typeof loginRequest>

/** `POST /api/me/password`: the current password proves it is the person, the new one follows sign-up's rules. */
export const changePasswordRequest = z
  .object({
    currentPassword: z.string().min(1, 'currentPassword is required').max(256, 'currentPassword is at most 256 characters'),
    newPassword: newPassword('newPassword'),
  })
  .refine((body) => body.newPassword !== body.currentPassword, {
    path: ['newPassword'],
    message: 'newPassword is the same as the current password',
  })
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>

export const updateProfileRequest = z.object({
  displayName: displayName.optional(),
  organisation: profileText('organisation').optional(),
  city: profileText('city').optional(),
  country: profileText('country').optional(),
  languages: languages.optional(),
})
export type UpdateProfileRequest = z.infer<typeof updateProfileRequest>

export const membershipSchema = z.object({
  networkSlug: z.string(),
  role: z.enum(['observer', 'member', 'facilitator']),
})
export type Membership = z.infer<typeof membershipSchema>

/** A join request of the signed-in user that a facilitator has not decided yet. */
export const pendingJoinRequestSchema = z.object({ networkSlug: z.string(), createdAt: z.string() })

export const meResponseSchema = z.object({
  user: userSchema,
  memberships: z.array(membershipSchema),
  joinRequests: z.array(pendingJoinRequestSchema),
})
export type MeResponse = z.infer<typeof meResponseSchema>
