import { useEffect } from 'react'

/** Each screen names itself in the tab and for screen readers: "<screen> · Tandem". */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · Tandem`
  }, [title])
}
