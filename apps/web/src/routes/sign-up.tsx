// Placeholder: this screen is being built.
export default function SignUp() {
  return <h1>SignUp</h1>
}
