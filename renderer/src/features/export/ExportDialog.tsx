// Placeholder owned by the issuance/CA/export UI work; replaced by the real screen.
export interface ExportDialogProps { ids: string[]; onClose: () => void }
export function ExportDialog(_props: ExportDialogProps): React.JSX.Element {
  return <section aria-label="Export"><h2>Export</h2></section>;
}
