// Placeholder: this screen is being built.
export default function Invitation() {
  return <h1>Invitation</h1>
}
