import { custodianInstruction } from '../../../../shared/domain/recovery-text';
import type { RecoveryShareSheet } from '../../../../shared/domain/types';
import { Button, Dialog } from '../../components';
import { formatDateTime } from '../../components/format';

export interface ShareSheetsProps {
  sheets: RecoveryShareSheet[];
  /** files main also wrote, when a folder was chosen */
  files: string[];
  onClose: () => void;
}

/** The SVG main rendered, shown as an image (never injected as markup). */
function qrSource(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

/**
 * The print view of freshly made shares. The sheets live only in the parent's component state and are dropped
 * when this closes: they are shown once, to be printed (docs/recovery.md explains why the renderer may).
 */
export function ShareSheets({ sheets, files, onClose }: ShareSheetsProps): React.JSX.Element {
  return (
    <Dialog
      title="Recovery share sheets"
      onClose={onClose}
      size="large"
      footer={
        <div className="button-row">
          <Button variant="primary" onClick={() => window.print()}>
            Print sheets
          </Button>
          <Button onClick={onClose}>Done — I have printed them</Button>
        </div>
      }
    >
      <p className="muted">
        Print one sheet per custodian. Closing this view forgets the shares: CertDesk keeps no copy.
      </p>
      {files.length > 0 && (
        <p className="muted">
          Also written (0600) to {files.length} files. Keep that folder on removable media and destroy it
          after printing: deleting a file from flash storage does not erase it.
        </p>
      )}
      {/* focusable, so keyboard users can scroll through the sheets */}
      <div className="share-sheets" role="region" aria-label="Share sheets" tabIndex={0}>
        {sheets.map((s) => (
          <article key={s.index} className="share-sheet" aria-label={`Share ${s.index} of ${s.shares}`}>
            <h4>
              CertDesk vault recovery share {s.index} of {s.shares}
            </h4>
            <dl className="share-facts">
              <dt>Vault ID</dt>
              <dd>{s.vaultId}</dd>
              <dt>Share</dt>
              <dd>
                {s.index} of {s.shares} — any {s.threshold} open the vault
              </dd>
              <dt>Created</dt>
              <dd>{formatDateTime(s.createdAt)}</dd>
              <dt>Fingerprint</dt>
              <dd>{s.fingerprint}</dd>
              <dt>Custodian</dt>
              <dd className="custodian-line" />
            </dl>
            <img className="share-qr" src={qrSource(s.qrSvg)} alt={`QR code of share ${s.index}`} />
            <p className="share-groups" aria-label={`Share ${s.index} text`}>
              {s.groups.map((g, i) => (
                <span key={i} className="share-group">
                  <small aria-hidden="true">{i + 1}</small>
                  <span>{g}</span>
                </span>
              ))}
            </p>
            <p className="share-instruction">{custodianInstruction(s)}</p>
          </article>
        ))}
      </div>
    </Dialog>
  );
}
