import { useId, type InputHTMLAttributes } from 'react'

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string
  hint?: string
  /** A problem with this field's value, shown under it and tied to it for screen readers. */
  problem?: string | null
}

/** A labelled input with an optional hint and problem, both linked by aria-describedby. */
export function TextField({ label, hint, problem, required, ...input }: TextFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const problemId = `${id}-problem`
  const describedBy = [hint ? hintId : null, problem ? problemId : null].filter(Boolean).join(' ') || undefined
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
      <input id={id} dir="auto" required={required} aria-invalid={problem ? true : undefined} aria-describedby={describedBy} {...input} />
      {problem ? (
        <p id={problemId} className="field-problem error-text">
          {problem}
        </p>
      ) : null}
    </div>
  )
}
