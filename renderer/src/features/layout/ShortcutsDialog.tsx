import { Button, Dialog } from '../../components';
import { SHORTCUTS } from './nav-items';

export function ShortcutsDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
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
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        On macOS use ⌘ instead of Ctrl. Drop a certificate, CSR, CRL or PKCS#12 file anywhere on the window to
        inspect it.
      </p>
    </Dialog>
  );
}
