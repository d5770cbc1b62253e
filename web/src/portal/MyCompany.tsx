// TODO(issue 5): being written.
export default function MyCompany() {
  return <section class="page"><h1>MyCompany</h1></section>;
}
