/**
 * Runs `work` when the browser has nothing more urgent to do (after the screen has painted), or after `timeoutMs` at
 * the latest; Safari before 18 has no requestIdleCallback. Returns a cancel function.
 */
export function whenIdle(work: () => void, timeoutMs = 2_000): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout: timeoutMs })
    return () => window.cancelIdleCallback(handle)
  }
  const handle = window.setTimeout(work, 200)
  return () => window.clearTimeout(handle)
}
