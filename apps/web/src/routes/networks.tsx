// Placeholder: this screen is being built.
export default function Networks() {
  return <h1>Networks</h1>
}
