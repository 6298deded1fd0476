import { create as contentDisposition } from 'content-disposition'

const MAX_NAME = 100
// What Windows, macOS and Linux refuse (or read as a path) in a file's name, and control characters.
const UNSAFE = /[\\/:*?"<>|\p{Cc}\p{Cf}]+/gu

/** A file name for a download made from a title: no path characters, at most 100 characters, never empty. */
export function safeFileName(title: string, extension: string): string {
  const cleaned = title.replace(UNSAFE, ' ').replace(/\s+/gu, ' ').trim().replace(/^[.\s]+|[.\s]+$/gu, '')
  const name = [...cleaned].slice(0, MAX_NAME).join('').trim() || 'idea'
  return `${name}.${extension}`
}

/** The same name in plain ASCII (accents dropped, other scripts left out) for clients that ignore `filename*`. */
export function asciiFileName(fileName: string, extension: string): string {
  const ascii = fileName
    .slice(0, -(extension.length + 1))
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return `${/[a-z0-9]/i.test(ascii) ? ascii : 'idea'}.${extension}`
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266, with RFC 5987 for names beyond ASCII). */
export function attachmentHeader(title: string, extension: string): string {
  const fileName = safeFileName(title, extension)
  const fallback = asciiFileName(fileName, extension)
  return contentDisposition(fileName, { type: 'attachment', fallback: fallback === fileName ? false : fallback })
}
