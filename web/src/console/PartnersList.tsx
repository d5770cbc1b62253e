// TODO(issue 5): being written.
export default function PartnersList() {
  return <section class="page"><h1>PartnersList</h1></section>;
}
