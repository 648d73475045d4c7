import type {
  DamagedVaultChoice,
  VaultDamageOffer,
  VaultRollbackOffer,
} from '../../../../shared/domain/types';
import type { UnlockAction } from './UnlockForm';
import { MessageText } from '../../components/MessageText';

const CHOICE_ACTIONS: Record<DamagedVaultChoice, UnlockAction> = {
  'read-only': { label: 'Open read-only', variant: 'primary', options: { damaged: 'read-only' } },
  repair: { label: 'Repair…', variant: 'danger', options: { damaged: 'repair' } },
  'restore-previous': {
    label: 'Restore previous generation…',
    variant: 'secondary',
    options: { damaged: 'restore-previous' },
  },
};

/** The unlock buttons for a damaged vault: exactly the choices main offered, in its order. */
export function damagedActions(offer: VaultDamageOffer): UnlockAction[] {
  return offer.choices.map((c) => CHOICE_ACTIONS[c]);
}

export const ACCEPT_ROLLBACK: readonly UnlockAction[] = [
  { label: 'Accept this older copy…', variant: 'danger', options: { acceptRollback: true } },
];

/** Acknowledged records are missing: what main found, and what each choice does. */
export function DamagedVaultNotice({ offer }: { offer: VaultDamageOffer }): React.JSX.Element {
  return (
    <section className="alert alert-error break-banner" aria-labelledby="damaged-title">
      <h3 id="damaged-title">The vault file is damaged</h3>
      <p>
        <MessageText text={offer.message} />
      </p>
      <ul>
        {offer.choices.includes('read-only') && (
          <li>
            <strong>Open read-only</strong> to browse and export what is intact; nothing can be changed.
          </li>
        )}
        {offer.choices.includes('repair') && (
          <li>
            <strong>Repair</strong> keeps the intact records, drops the missing ones for good and keeps a copy
            of the damaged file beside the vault. It is recorded in the audit log.
          </li>
        )}
        {offer.choices.includes('restore-previous') && offer.backupPath && (
          <li>
            <strong>Restore previous generation</strong> replaces the vault with{' '}
            <code>{offer.backupPath}</code>; what was written after it is lost.
          </li>
        )}
      </ul>
    </section>
  );
}

/** The vault is older than the newest state seen on this workstation. */
export function RollbackNotice({ offer }: { offer: VaultRollbackOffer }): React.JSX.Element {
  return (
    <section className="alert alert-error break-banner" aria-labelledby="rollback-title">
      <h3 id="rollback-title">This vault is an older copy</h3>
      <p>
        <MessageText text={offer.message} />
      </p>
      <p>{offer.lost}</p>
      <p>
        If you did not put this copy back on purpose, do not open it: find the newer vault file. Accepting is
        recorded in the audit log.
      </p>
    </section>
  );
}
