// TODO(issue 5): being written.
export default function Admin() {
  return <section class="page"><h1>Admin</h1></section>;
}
