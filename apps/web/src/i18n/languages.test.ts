import { describe, expect, it } from 'vitest'
import { directionOf, likelyLanguage } from './languages.ts'

describe('the language known before the catalogues load', () => {
  it('takes a remembered choice first, then the first of the browser’s languages Tandem has', () => {
    expect(likelyLanguage('fr', ['ar-EG', 'en'])).toBe('fr')
    expect(likelyLanguage(null, ['sw-KE', 'ar-EG', 'en'])).toBe('ar')
    expect(likelyLanguage(null, ['PT-br'])).toBe('pt')
    expect(directionOf(likelyLanguage(null, ['ar']))).toBe('rtl')
  })

  it('falls back to English for anything else', () => {
    expect(likelyLanguage('xx', ['sw', 'zh-CN'])).toBe('en')
    expect(likelyLanguage(null, [])).toBe('en')
  })
})
