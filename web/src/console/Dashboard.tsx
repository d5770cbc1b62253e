// TODO(issue 5): being written.
export default function Dashboard() {
  return <section class="page"><h1>Dashboard</h1></section>;
}
