/** Initials on a colour derived from the person's id, so the same person has the same colour everywhere. */
const palette = ['#0b5d57', '#7a3e9d', '#b3261e', '#1a56db', '#8a4b08', '#1e6b35', '#6b4f00', '#a12a6a']

function colourOf(id: string): string {
  let hash = 0
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0
  return palette[Math.abs(hash) % palette.length]!
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts
  return letters.map((part) => Array.from(part)[0]?.toUpperCase() ?? '').join('') || '?'
}

export function Avatar({ name, id, size = 'normal' }: { name: string; id: string; size?: 'normal' | 'small' }) {
  return (
    <span className={`avatar avatar-${size}`} style={{ backgroundColor: colourOf(id) }} aria-hidden="true">
      {initials(name)}
    </span>
  )
}
