import { useId, type InputHTMLAttributes } from 'react'
import { CharacterLimit, useCutNotice } from './character-limit.tsx'

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string
  hint?: string
  /** A problem with this field's value, shown under it and tied to it for screen readers. */
  problem?: string | null
  /** With maxLength: show how many characters it holds of how many, and say so when a paste was cut to fit. */
  showLimit?: boolean
}

/** A labelled input with an optional hint, character count and problem, all linked by aria-describedby. */
export function TextField({ label, hint, problem, required, showLimit = false, ...input }: TextFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const problemId = `${id}-problem`
  const countId = `${id}-count`
  const limit = showLimit ? input.maxLength : undefined
  const cutNotice = useCutNotice(limit)
  const describedBy = [hint ? hintId : null, limit !== undefined ? countId : null, problem ? problemId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required-mark" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </label>
      {hint ? (
        <p id={hintId} className="field-hint muted">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        dir="auto"
        required={required}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
        {...input}
        onPaste={(event) => {
          cutNotice.onPaste(event)
          input.onPaste?.(event)
        }}
        onDrop={(event) => {
          cutNotice.onDrop(event)
          input.onDrop?.(event)
        }}
      />
      {limit !== undefined ? <CharacterLimit id={countId} length={String(input.value ?? '').length} maxLength={limit} had={cutNotice.had} /> : null}
      {problem ? (
        <p id={problemId} className="field-problem error-text">
          {problem}
        </p>
      ) : null}
    </div>
  )
}
