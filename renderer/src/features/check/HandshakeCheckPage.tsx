// Placeholder owned by the issuance/CA/export UI work; replaced by the real screen.

export function HandshakeCheckPage(): React.JSX.Element {
  return <section aria-label="mTLS handshake check"><h2>mTLS handshake check</h2></section>;
}
