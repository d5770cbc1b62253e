// TODO(issue 5): being written.
export default function Duplicates() {
  return <section class="page"><h1>Duplicates</h1></section>;
}
