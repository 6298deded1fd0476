/** A polite live region for confirmations ("Saved"); empty when there is nothing to say. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" className={message ? 'alert alert-success' : 'alert-empty'}>
      {message}
    </div>
  )
}
