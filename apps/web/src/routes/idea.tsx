// Placeholder: this screen is being built.
export default function Idea() {
  return <h1>Idea</h1>
}
