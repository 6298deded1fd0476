import i18next, { type TFunction } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import ar from '../i18n/locales/ar/common.json'
import en from '../i18n/locales/en/common.json'
import fr from '../i18n/locales/fr/common.json'
import { ApiError, NetworkError } from './api.ts'
import { apiErrorMessage } from './api-error-message.ts'
import { fieldProblems, problemsByField } from './field-problems.ts'

// The real catalogues through a real i18next: the sentences a person reads.
const tIn: Record<string, TFunction> = {}
beforeAll(async () => {
  for (const [language, common] of Object.entries({ en, fr, ar })) {
    const instance = i18next.createInstance()
    await instance.init({ lng: language, resources: { [language]: { common } }, defaultNS: 'common', interpolation: { escapeValue: false } })
    tIn[language] = instance.t
  }
})

const refused = (issues: ConstructorParameters<typeof ApiError>[5], message = 'The title is required.') => new ApiError(400, 'validation_failed', message, undefined, undefined, issues)

describe('fieldProblems', () => {
  it('says per field what is wrong, naming it, in the reader’s language', () => {
    const error = refused({ title: { kind: 'too_long', limit: 200 }, displayName: { kind: 'required' } })
    expect(fieldProblems(tIn.en!, error, 'en')).toEqual([
      { field: 'title', problem: 'Use at most 200 characters.', sentence: 'Title: Use at most 200 characters.' },
      { field: 'displayName', problem: 'This is required.', sentence: 'Your name: This is required.' },
    ])
    expect(fieldProblems(tIn.fr!, error, 'fr').map((p) => p.sentence)).toEqual(['Titre : Utilisez au plus 200 caractères.', 'Votre nom : Ce champ est obligatoire.'])
    expect(problemsByField(tIn.ar!, error, 'ar').title).toBe(`استخدم ${new Intl.NumberFormat('ar').format(200)} حرفًا على الأكثر.`)
  })

  it('writes limits in the reader’s digits and separators', () => {
    expect(problemsByField(tIn.en!, refused({ summary: { kind: 'too_long', limit: 2000 } }), 'en')).toEqual({ summary: 'Use at most 2,000 characters.' })
  })

  it('names an item of a list by its list, a field it does not know by its key, and the whole request', () => {
    const error = refused({ 'sdgs.0': { kind: 'too_large', limit: 17 }, meetingPlace: { kind: 'invalid' }, '(body)': { kind: 'invalid' } })
    expect(fieldProblems(tIn.en!, error, 'en').map((p) => p.sentence)).toEqual([
      'Sustainable Development Goals: Use a number of at most 17.',
      'meetingPlace: This value is not valid.',
      'The request: This value is not valid.',
    ])
  })

  it('has nothing to say about other failures', () => {
    expect(fieldProblems(tIn.en!, new ApiError(404, 'not_found', 'no network'), 'en')).toEqual([])
    expect(fieldProblems(tIn.en!, new ApiError(400, 'validation_failed', 'Malformed JSON'), 'en')).toEqual([])
    expect(fieldProblems(tIn.en!, new NetworkError(), 'en')).toEqual([])
  })
})

describe('apiErrorMessage for a refused form', () => {
  it('says each field’s problem in words, never the server’s English', () => {
    const message = apiErrorMessage(tIn.fr!, refused({ title: { kind: 'required' } }), 'fr')
    expect(message).toBe('Certaines informations ne sont pas valides. Titre : Ce champ est obligatoire.')
    expect(message).not.toContain('required')
  })
})
