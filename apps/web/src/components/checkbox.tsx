import type { ReactNode } from 'react'

/** A checkbox with its label beside it, the whole line a touch target (`label.checkbox` in base.css). */
export function Checkbox({ checked, onChange, children }: { checked: boolean; onChange(checked: boolean): void; children: ReactNode }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span>{children}</span>
    </label>
  )
}

/** `chosen` with `item` ticked (added at the end, once) or unticked (removed). */
export function withChoice<T>(chosen: readonly T[], item: T, ticked: boolean): T[] {
  if (!ticked) return chosen.filter((other) => other !== item)
  return chosen.includes(item) ? [...chosen] : [...chosen, item]
}
