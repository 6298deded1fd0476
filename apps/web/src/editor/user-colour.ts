/**
 * Each co-author's caret, selection and avatar colour, derived from their user id so it is the same on every screen
 * and every visit. Every colour carries white text at ≥ 4.5:1 (WCAG AA), the caret labels' and avatars' text colour.
 */
export const USER_COLOURS = [
  '#0b5d57', // teal
  '#1a4fb8', // blue
  '#7b3fa0', // purple
  '#a4262c', // red
  '#8a4b00', // brown-orange
  '#1e6b35', // green
  '#ad1457', // pink
  '#37474f', // slate
  '#283593', // indigo
  '#5d4037', // brown
] as const

export function colourFor(userId: string): string {
  let hash = 0
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0
  return USER_COLOURS[hash % USER_COLOURS.length]!
}

/** "Amina Diallo" → "AD"; a single name gives its first letter (any script). */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts
  return letters.map((part) => Array.from(part)[0]!.toLocaleUpperCase()).join('') || '?'
}
