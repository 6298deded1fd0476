// Placeholder: this screen is being built.
export default function Profile() {
  return <h1>Profile</h1>
}
