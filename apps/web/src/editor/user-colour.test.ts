import { describe, expect, it } from 'vitest'
import { colourFor, initialsOf, USER_COLOURS } from './user-colour.ts'

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}
/** The colour at `alpha` over white (how a co-author's selection looks). */
const over = (hex: string, alpha: number) =>
  '#' + [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * alpha + 255 * (1 - alpha)).toString(16).padStart(2, '0')).join('')

describe('co-author colours', () => {
  it.each(USER_COLOURS)('%s carries white caret labels and avatars at AA contrast', (colour) => {
    expect(contrast('#ffffff', colour)).toBeGreaterThanOrEqual(4.5)
  })
  it.each(USER_COLOURS)('text and links on a %s selection (18 %%) keep AA contrast', (colour) => {
    for (const text of ['#1c2430', '#0b5d57', '#4f5b6a']) expect(contrast(text, over(colour, 0x2e / 255))).toBeGreaterThanOrEqual(4.5)
  })
  it('gives one user the same colour every time', () => {
    expect(colourFor('3f1e9b3c-2d7a-4b8e-9a51-0c6d2e7f8a90')).toBe(colourFor('3f1e9b3c-2d7a-4b8e-9a51-0c6d2e7f8a90'))
  })
  it('makes initials in any script', () => {
    expect(initialsOf('Amina Diallo')).toBe('AD')
    expect(initialsOf('فاطمة الزهراء بنت محمد')).toBe('فم')
    expect(initialsOf('Jonas')).toBe('J')
  })
})
