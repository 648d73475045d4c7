import { Button, Dialog } from '../../components';
import { SHORTCUTS, shortcutLabel } from './nav-items';

export interface ShortcutsDialogProps {
  onClose: () => void;
  /** Operating system as main reports it; macOS shows ⌘ where the others show Ctrl. */
  platform: string | undefined;
}

export function ShortcutsDialog({ onClose, platform }: ShortcutsDialogProps): React.JSX.Element {
  return (
    <Dialog
      title="Keyboard shortcuts"
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose} data-autofocus>
          Close
        </Button>
      }
    >
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{shortcutLabel(s.keys, platform)}</kbd>
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Drop a certificate, CSR, CRL or PKCS#12 file anywhere on the window to inspect it.
      </p>
    </Dialog>
  );
}
