// Placeholder: this screen is being built.
export default function NetworkHome() {
  return <h1>NetworkHome</h1>
}
