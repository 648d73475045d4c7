// Placeholder owned by the issuance/CA/export UI work; replaced by the real screen.

export function CaPage(): React.JSX.Element {
  return <section aria-label="Certificate authorities"><h2>Certificate authorities</h2></section>;
}
