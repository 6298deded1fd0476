import { useState, type ClipboardEvent, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../i18n/format.ts'

type TextInput = HTMLInputElement | HTMLTextAreaElement

/**
 * A field with a character limit (maxLength) that never cuts without a word: the browser keeps only what fits of a
 * paste or a drop, so the field says how long the text was and that the rest was left out.
 */
export function useCutNotice(maxLength: number | undefined) {
  const [had, setHad] = useState<number | null>(null)
  const check = (element: TextInput, inserted: string) => {
    if (maxLength === undefined) return
    const selected = Math.max(0, (element.selectionEnd ?? 0) - (element.selectionStart ?? 0))
    const total = element.value.length - selected + inserted.length
    setHad(total > maxLength ? total : null)
  }
  return {
    /** How many characters the cut text had, while the field still holds the cut text (null: nothing was cut). */
    had,
    onPaste: (event: ClipboardEvent<TextInput>) => check(event.currentTarget, event.clipboardData.getData('text')),
    onDrop: (event: DragEvent<TextInput>) => check(event.currentTarget, event.dataTransfer.getData('text')),
  }
}

/** Under a limited field: how many characters it holds of how many, and, after a cut, what was left out. */
export function CharacterLimit({ id, length, maxLength, had }: { id: string; length: number; maxLength: number; had: number | null }) {
  const { t } = useTranslation()
  const cut = had !== null && length >= maxLength
  return (
    <>
      <p id={id} className={`field-hint character-count${length >= maxLength ? ' at-limit' : ' muted'}`}>
        {t('textLimit.count', { length: formatNumber(length), limit: formatNumber(maxLength) })}
      </p>
      <p className={cut ? 'field-problem error-text' : 'visually-hidden'} role="status">
        {cut ? t('textLimit.cut', { had: formatNumber(had), limit: formatNumber(maxLength) }) : ''}
      </p>
    </>
  )
}
