// TODO(issue 5): being written.
export default function Partner360() {
  return <section class="page"><h1>Partner360</h1></section>;
}
