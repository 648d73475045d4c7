// Placeholder owned by the issuance/CA/export UI work; replaced by the real screen.

export function IssuePage(): React.JSX.Element {
  return <section aria-label="Issue certificate"><h2>Issue certificate</h2></section>;
}
