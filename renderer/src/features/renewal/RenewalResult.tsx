import { useEffect, useRef, useState } from 'react';
import { Button, HexBytes } from '../../components';
import type { RenewalOutcome } from '../../store/certs-slice';

export interface RenewalResultProps {
  renewal: RenewalOutcome;
  onSettle: (revokeOld: boolean) => Promise<void>;
  onOpen: (id: string) => void;
}

/**
 * Shown after a renewal, wherever it was started: the new certificate, and what to do with the one it
 * supersedes. Revoking it is the default, so a replaced key does not stay trusted until it expires.
 */
export function RenewalResult({ renewal, onSettle, onOpen }: RenewalResultProps): React.JSX.Element {
  const [revokeOld, setRevokeOld] = useState(true);
  const [busy, setBusy] = useState(false);
  const next = renewal.result.summary;
  // The Renew button that started this is gone (its row or page changed): focus starts at this result, and
  // when closing removes it, at the content area rather than the page body.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    return () => {
      if (document.activeElement === document.body) document.getElementById('main')?.focus();
    };
  }, []);
  const settle = async (): Promise<void> => {
    setBusy(true);
    await onSettle(revokeOld);
    setBusy(false);
  };
  return (
    <section className="panel renewal-result" aria-labelledby="renewal-result-title">
      <h3 id="renewal-result-title" ref={headingRef} tabIndex={-1}>
        Renewed {next.cn}
      </h3>
      <p>
        New certificate{' '}
        <button type="button" className="link-button" onClick={() => onOpen(next.id)}>
          {next.cn} · serial <HexBytes hex={next.serial} />
        </button>{' '}
        replaces serial <HexBytes hex={renewal.old.serial} />.
      </p>
      <label className="cd-check cd-check-field">
        <input type="checkbox" checked={revokeOld} onChange={(e) => setRevokeOld(e.target.checked)} />
        Revoke the old certificate (superseded)
      </label>
      <div className="button-row">
        <Button variant="primary" busy={busy} onClick={() => void settle()}>
          {revokeOld ? 'Revoke old and close' : 'Keep old and close'}
        </Button>
      </div>
    </section>
  );
}
