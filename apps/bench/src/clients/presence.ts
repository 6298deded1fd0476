import type { Awareness } from 'y-protocols/awareness'

/**
 * A provider's presence renewal, for the bench to call on its own schedule (scenarios/renewals.ts); with takeOver, the
 * awareness's own timer (y-protocols checks every 3 s and renews a state 15 s old) no longer renews it. A room's
 * renewals come nearly together, as its clients connected together, and with y-websocket's providers each one comes
 * back from every peer: left to their timers, an idle server's renewals fell into whichever server was being timed.
 * The timer also drops peers not heard from for 30 s; the bench renews every server's clients well within that.
 * Throws when y-protocols keeps the timer under another name, rather than let the timer's renewals go on unscheduled.
 */
export function presenceRenewal(awareness: Awareness, takeOver = false): () => void {
  if (takeOver) {
    const timer = (awareness as unknown as { _checkInterval?: ReturnType<typeof setInterval> })._checkInterval
    if (timer === undefined) throw new Error("y-protocols' Awareness has no _checkInterval: the bench cannot schedule presence renewals")
    clearInterval(timer)
  }
  return () => {
    const state = awareness.getLocalState()
    if (state !== null) awareness.setLocalState(state)
  }
}
