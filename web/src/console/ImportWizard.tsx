// TODO(issue 5): being written.
export default function ImportWizard() {
  return <section class="page"><h1>ImportWizard</h1></section>;
}
