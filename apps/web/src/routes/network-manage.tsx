// Placeholder: this screen is being built.
export default function NetworkManage() {
  return <h1>NetworkManage</h1>
}
