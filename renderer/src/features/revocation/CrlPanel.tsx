// Placeholder owned by the issuance/CA/export UI work; replaced by the real screen.
export interface CrlPanelProps { caId: string }
export function CrlPanel(_props: CrlPanelProps): React.JSX.Element {
  return <section aria-label="Certificate revocation list"><h2>Certificate revocation list</h2></section>;
}
