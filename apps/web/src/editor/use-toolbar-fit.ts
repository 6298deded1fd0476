import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react'

/**
 * Which tools fit on one row of the toolbar. All of them when they do (or when `enabled` is false: wide screens wrap
 * instead); otherwise the most wanted ones (earliest in `keep`) that fit with room left for the "More tools" button,
 * in toolbar order. Returns null when every tool is in the row. Each tool's width is remembered from when it was last
 * in the row (a tool's width does not change with its state); the row's own width is watched with a ResizeObserver.
 */
export function useToolbarFit(row: RefObject<HTMLElement | null>, keys: readonly string[], keep: readonly string[], enabled: boolean): string[] | null {
  const widths = useRef(new Map<string, number>())
  const [fit, setFit] = useState<string[] | null>(null)
  const signature = keys.join(' ')

  const measure = useCallback(() => {
    const element = row.current
    if (!element) return
    for (const tool of element.querySelectorAll<HTMLElement>(':scope > [data-tool]')) {
      widths.current.set(tool.dataset.tool!, tool.getBoundingClientRect().width)
    }
    const style = getComputedStyle(element)
    const gap = parseFloat(style.columnGap) || 0
    const room = element.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd)
    const known = [...widths.current.values()]
    const fallback = known.length > 0 ? Math.max(...known) : 44
    const more = element.querySelector<HTMLElement>(':scope > [data-more]')?.getBoundingClientRect().width ?? fallback
    const span = (chosen: readonly string[]) => chosen.reduce((sum, key) => sum + (widths.current.get(key) ?? fallback), 0) + gap * Math.max(0, chosen.length - 1)

    let next: string[] | null = null
    if (enabled && span(keys) > room + 0.5) {
      const rank = (key: string) => (keep.includes(key) ? keep.indexOf(key) : keep.length + keys.indexOf(key))
      const chosen: string[] = []
      for (const key of [...keys].sort((a, b) => rank(a) - rank(b))) {
        if (span([...chosen, key]) + gap + more > room + 0.5) break
        chosen.push(key)
      }
      next = keys.filter((key) => chosen.includes(key))
    }
    setFit((previous) => (previous?.join(' ') ?? null) === (next?.join(' ') ?? null) ? previous : next)
    // `signature` stands for `keys`: a new array of the same tools must not measure again.
  }, [row, signature, keep, enabled])

  useLayoutEffect(() => {
    measure()
    const element = row.current
    if (!element) return
    const observer = new ResizeObserver(() => measure())
    observer.observe(element)
    return () => observer.disconnect()
  }, [row, measure])

  return fit
}
