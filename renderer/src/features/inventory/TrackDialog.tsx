import { Button, Dialog, MessageText } from '../../components';
import type { CertSummary } from '../../../../shared/domain/types';
import { chooseFile } from '../../lib/choose-path';
import type { TrackOutcome } from '../../store/tracking-slice';

export interface TrackDialogProps {
  outcomes: readonly TrackOutcome[];
  busy: boolean;
  onFile: (grant: string, path: string) => Promise<void>;
  onOpen: (id: string) => void;
  onClose: () => void;
}

function CertLine({
  cert,
  note,
  onOpen,
}: {
  cert: CertSummary;
  note: string;
  onOpen: (id: string) => void;
}): React.JSX.Element {
  return (
    <li>
      {note}{' '}
      <button type="button" className="link-button" onClick={() => onOpen(cert.id)}>
        {cert.cn}
      </button>
      {cert.trackedChain && (
        <span className="muted">
          {' — '}
          <MessageText text={cert.trackedChain.message} />
        </span>
      )}
    </li>
  );
}

/**
 * Certificates issued elsewhere (a vendor appliance's, a public gateway's), watched for expiry without their
 * keys. Files come from main's open dialog, or are dropped on the window while this dialog is open.
 */
export function TrackDialog({
  outcomes,
  busy,
  onFile,
  onOpen,
  onClose,
}: TrackDialogProps): React.JSX.Element {
  const choose = async (): Promise<void> => {
    const choice = await chooseFile({
      purpose: 'read-file',
      title: 'Track certificates',
      filters: [{ name: 'Certificates', extensions: ['pem', 'crt', 'cer', 'der'] }],
    });
    if (choice?.grant) await onFile(choice.grant, choice.path ?? 'the chosen file');
  };
  return (
    <Dialog
      title="Track certificates"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" busy={busy} onClick={() => void choose()} data-autofocus>
            Choose file…
          </Button>
        </>
      }
    >
      <p>
        Add certificates CertDesk did not issue, without their keys, so their expiry shows in the inventory,
        the dashboard and the calendar. PEM, DER or a PEM bundle (every certificate in it is tracked). You can
        also drop files on the window while this dialog is open.
      </p>
      {outcomes.length > 0 && (
        <ul className="track-outcomes" aria-label="Tracking results">
          {outcomes.map((o, i) => (
            <li key={i}>
              <strong>{o.source}</strong>
              {o.error !== null ? (
                <p className="form-error" role="alert">
                  {o.error}
                </p>
              ) : (
                <ul>
                  {o.result?.added.map((c) => (
                    <CertLine key={c.id} cert={c} note="Tracked" onOpen={onOpen} />
                  ))}
                  {o.result?.duplicates.map((c) => (
                    <CertLine
                      key={c.id}
                      cert={c}
                      note={c.tracked ? 'Already tracked:' : 'Already in the vault:'}
                      onOpen={onOpen}
                    />
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
