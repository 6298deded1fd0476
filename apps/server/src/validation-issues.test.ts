import { createIdeaRequest, signupRequest, updateProfileRequest } from '@tandem/shared'
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { describeIssues } from './validation-issues.ts'

function describe_(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input)
  if (result.success) throw new Error('expected the input to be refused')
  return describeIssues(result.error.issues, input)
}

describe('describeIssues', () => {
  it('names a title that is too long in a sentence, with its limit', () => {
    const described = describe_(createIdeaRequest, { title: 'x'.repeat(5000) })
    expect(described.fields).toEqual({ title: 'The title must be at most 200 characters.' })
    expect(described.issues).toEqual({ title: { kind: 'too_long', limit: 200 } })
    expect(described.message).toBe('The title must be at most 200 characters.')
  })

  it('calls a blank or missing field required, whatever rule caught it', () => {
    expect(describe_(createIdeaRequest, { title: '   ' }).issues).toEqual({ title: { kind: 'required' } })
    expect(describe_(createIdeaRequest, {}).fields).toEqual({ title: 'The title is required.' })
    const signup = describe_(signupRequest, { email: '', password: '', displayName: ' ' })
    expect(signup.issues).toEqual({ email: { kind: 'required' }, password: { kind: 'required' }, displayName: { kind: 'required' } })
    expect(signup.message).toBe('The email address is required. The password is required. Your name is required.')
  })

  it('says what is wrong with each field, one sentence each', () => {
    const signup = describe_(signupRequest, { email: 'not-an-address', password: 'short', displayName: 'Noura', languages: Array(21).fill('Arabic') })
    expect(signup.issues).toEqual({
      email: { kind: 'email' },
      password: { kind: 'too_short', limit: 10 },
      languages: { kind: 'too_many', limit: 20 },
    })
    expect(signup.fields.password).toBe('The password must be at least 10 characters.')
    expect(signup.fields.languages).toBe('The languages must list at most 20.')
    const idea = describe_(createIdeaRequest, { title: 'Kiosks', cluster: 'parks', sdgs: [18], summary: 'y'.repeat(2001) })
    expect(idea.issues).toEqual({ cluster: { kind: 'choice' }, 'sdgs.0': { kind: 'too_large', limit: 17 }, summary: { kind: 'too_long', limit: 2000 } })
    expect(idea.fields['sdgs.0']).toBe('An item of the Sustainable Development Goals must be at most 17.')
    expect(idea.fields.summary).toBe('The summary must be at most 2,000 characters.')
    expect(idea.fields.cluster).toMatch(/^The theme cluster must be one of: good-urban-governance, /)
  })

  it('keeps a refinement’s own words, spells out unknown field names and names a bad body', () => {
    const slug = z.object({ slug: z.string().refine((s) => /^[a-z]+$/.test(s), 'lower-case letters only') })
    expect(describe_(slug, { slug: 'Asia!' }).fields).toEqual({ slug: 'The short name (slug) is not valid: lower-case letters only.' })
    expect(describe_(z.object({ meetingPlace: z.string().max(3) }), { meetingPlace: 'Nairobi' }).fields).toEqual({
      meetingPlace: 'The meeting place must be at most 3 characters.',
    })
    expect(describe_(updateProfileRequest, 'nonsense').fields).toEqual({ '(body)': 'The request body is not valid.' })
  })
})
