import { parse } from 'content-disposition'
import { describe, expect, it } from 'vitest'
import { asciiFileName, attachmentHeader, safeFileName } from './download-filename.ts'

describe('download file names', () => {
  it('keeps a plain title as it is', () => {
    expect(attachmentHeader('Green corridors for Kisumu', 'docx')).toBe('attachment; filename="Green corridors for Kisumu.docx"')
  })
  it('gives a non-ASCII title as filename* with an ASCII fallback', () => {
    const header = attachmentHeader('Écoles vertes à Dakar', 'docx')
    expect(header).toContain(`filename="Ecoles vertes a Dakar.docx"`)
    expect(header).toContain("filename*=UTF-8''%C3%89coles%20vertes%20%C3%A0%20Dakar.docx")
    expect(parse(header).parameters.filename).toBe('Écoles vertes à Dakar.docx')
  })
  it('falls back to "idea" when no ASCII letter is left', () => {
    const header = attachmentHeader('ممرات خضراء في المدن', 'docx')
    expect(header).toMatch(/; filename="?idea\.docx"?;/)
    expect(parse(header).parameters.filename).toBe('ممرات خضراء في المدن.docx')
  })
  it('removes path and control characters, quotes and leading dots', () => {
    expect(safeFileName('../../etc/passwd', 'docx')).toBe('etc passwd.docx')
    expect(safeFileName('A "quoted"\r\nname: v2*?', 'docx')).toBe('A quoted name v2.docx')
    expect(safeFileName('   ', 'docx')).toBe('idea.docx')
    const header = attachmentHeader('Budget "final"\r\nX-Evil: 1', 'docx')
    expect(header).not.toMatch(/[\r\n]/)
    expect(parse(header).parameters.filename).toBe('Budget final X-Evil 1.docx')
  })
  it('cuts a long title to 100 characters, never inside a character', () => {
    expect(safeFileName('a'.repeat(300), 'docx')).toBe(`${'a'.repeat(100)}.docx`)
    const emoji = safeFileName('🌍'.repeat(150), 'docx')
    expect([...emoji.slice(0, -5)]).toHaveLength(100)
    expect(asciiFileName(emoji, 'docx')).toBe('idea.docx')
  })
})
