import { useId, type ReactElement } from 'react'

interface CommonProps<T extends string | number> {
  label: string
  /** The choices, in order; they alone decide `T`. */
  options: readonly T[]
  optionLabel(option: T): string
  /** The class of the wrapper: `field` on forms, `meta-field` beside the editor, `role-select` in a person's row. */
  className?: string
}

/** With a first choice of the empty value, which stands for none (or for all, in a filter). */
interface WithNoneProps<T extends string | number> extends CommonProps<T> {
  noneLabel: string
  value: NoInfer<T> | null
  onChange(next: NoInfer<T> | null): void
}

interface WithoutNoneProps<T extends string | number> extends CommonProps<T> {
  noneLabel?: undefined
  value: NoInfer<T>
  onChange(next: NoInfer<T>): void
}

/**
 * A labelled select of `options`. The select speaks in strings; this gives back the option itself (a number stays a
 * number) or `null` for the none choice.
 */
export function SelectField<T extends string | number>(props: WithNoneProps<T>): ReactElement
export function SelectField<T extends string | number>(props: WithoutNoneProps<T>): ReactElement
export function SelectField<T extends string | number>(props: WithNoneProps<T> | WithoutNoneProps<T>): ReactElement {
  const { label, options, optionLabel, className = 'field' } = props
  const id = useId()
  const choose = (raw: string) => {
    const option = options.find((candidate) => String(candidate) === raw)
    if (props.noneLabel !== undefined) props.onChange(option ?? null)
    else if (option !== undefined) props.onChange(option)
  }
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={props.value ?? ''} onChange={(event) => choose(event.target.value)}>
        {props.noneLabel !== undefined ? <option value="">{props.noneLabel}</option> : null}
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  )
}
