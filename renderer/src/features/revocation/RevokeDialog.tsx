// Placeholder owned by the issuance/CA/export UI work; replaced by the real screen.
export interface RevokeDialogProps { id: string; cn: string; onClose: () => void }
export function RevokeDialog(_props: RevokeDialogProps): React.JSX.Element {
  return <section aria-label="Revoke certificate"><h2>Revoke certificate</h2></section>;
}
