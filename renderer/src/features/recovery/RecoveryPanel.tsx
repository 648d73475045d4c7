import { useEffect, useState } from 'react';
import { REMOVABLE_MEDIA_WARNING } from '../../../../shared/domain/recovery-text';
import type { RecoveryCreated, RecoveryStatus } from '../../../../shared/domain/types';
import { Button, TextField } from '../../components';
import { formatDateTime } from '../../components/format';
import { api } from '../../lib/api';
import { DrillDialog } from './DrillDialog';
import { ShareSheets } from './ShareSheets';
import { WriteButton } from '../vault/WriteButton';

interface Folder {
  grant: string;
  path: string;
}

/**
 * Settings → Recovery: status, create / rotate / remove. Main asks for confirmation itself (its confirm port);
 * the sheets of a new ceremony are held here only until the print view closes.
 */
export function RecoveryPanel(): React.JSX.Element {
  const [status, setStatus] = useState<RecoveryStatus | null>(null);
  const [threshold, setThreshold] = useState('2');
  const [shares, setShares] = useState('3');
  const [folder, setFolder] = useState<Folder | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<RecoveryCreated | null>(null);
  const [drilling, setDrilling] = useState(false);

  const refresh = async (): Promise<void> => {
    const r = await api().recovery.status({});
    if (r.ok) setStatus(r.value);
  };
  useEffect(() => {
    void api()
      .recovery.status({})
      .then((r) => r.ok && setStatus(r.value));
  }, []);

  const chooseFolder = async (): Promise<void> => {
    const r = await api().dialog.chooseFolder({
      purpose: 'write-folder',
      title: 'Folder for the share sheets (removable media)',
    });
    if (r.ok && r.value.grant && r.value.path) setFolder({ grant: r.value.grant, path: r.value.path });
  };

  const run = async (action: 'create' | 'rotate' | 'remove'): Promise<void> => {
    setError(null);
    const m = Number(threshold);
    const n = Number(shares);
    if (action !== 'remove' && !(Number.isInteger(m) && Number.isInteger(n) && m >= 2 && m <= n && n <= 16)) {
      setError('Choose 2 ≤ shares needed ≤ shares made ≤ 16.');
      return;
    }
    setBusy(true);
    const counts = { threshold: m, shares: n, ...(folder ? { folderGrant: folder.grant } : {}) };
    const r =
      action === 'create'
        ? await api().recovery.create(counts)
        : action === 'rotate'
          ? await api().recovery.rotate(counts)
          : await api().recovery.remove({});
    setBusy(false);
    setFolder(null); // a grant is single-use
    if (!r.ok) {
      if (r.error.code !== 'CANCELLED') setError(r.error.message);
      await refresh();
      return;
    }
    if (r.value && 'sheets' in r.value) setMade(r.value);
    await refresh();
  };

  return (
    <section className="panel" aria-labelledby="recovery-title">
      <h3 id="recovery-title">Recovery</h3>
      {status ? (
        <div>
          <p>
            Recovery shares: any <strong>{status.threshold}</strong> of <strong>{status.shares}</strong> open
            the vault. Created {formatDateTime(status.createdAt)}; vault ID <code>{status.vaultId}</code>,
            ceremony <code>{status.ceremonyId}</code>.
          </p>
          <ul aria-label="Share fingerprints" className="plain-list">
            {status.fingerprints.map((f, i) => (
              <li key={i}>
                Share {i + 1}: <code>{f}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted">
          No recovery shares: only the passphrase opens this vault. Shares let M of N custodians open it
          together if the passphrase is lost.
        </p>
      )}
      <div className="grid-2">
        <TextField
          label="Shares made (N)"
          type="number"
          min={2}
          max={16}
          value={shares}
          onChange={(e) => setShares(e.target.value)}
        />
        <TextField
          label="Shares needed (M)"
          type="number"
          min={2}
          max={16}
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          error={error}
        />
      </div>
      <p className="muted">
        {folder ? (
          <>
            Sheets will also be written to <code>{folder.path}</code>. {REMOVABLE_MEDIA_WARNING}
          </>
        ) : (
          'Sheets open in a print view; they can also be written as files to a folder you choose.'
        )}
      </p>
      <div className="button-row">
        <Button onClick={() => void chooseFolder()}>Choose a folder for the sheets…</Button>
        {status ? (
          <>
            <WriteButton variant="primary" busy={busy} onClick={() => void run('rotate')}>
              Rotate shares…
            </WriteButton>
            <Button onClick={() => setDrilling(true)}>Practise a recovery…</Button>
            <WriteButton variant="danger" busy={busy} onClick={() => void run('remove')}>
              Remove shares…
            </WriteButton>
          </>
        ) : (
          <WriteButton variant="primary" busy={busy} onClick={() => void run('create')}>
            Create shares…
          </WriteButton>
        )}
      </div>
      {drilling && status && <DrillDialog status={status} onClose={() => setDrilling(false)} />}
      {made && <ShareSheets sheets={made.sheets} files={made.files} onClose={() => setMade(null)} />}
    </section>
  );
}
