// Placeholder: this screen is being built.
export default function IdeaHistory() {
  return <h1>IdeaHistory</h1>
}
