import { useState } from 'react';
import type { AppErrorShape } from '../../../../shared/result';
import { Button, Tabs } from '../../components';
import type { PathChoice } from '../../../../shared/ipc/path-grants';
import { chooseFile, chooseSaveFile } from '../../lib/choose-path';
import { useAppStore } from '../../store';
import { CreateVaultForm } from './CreateVaultForm';
import { RecoverDialog } from '../recovery/RecoverDialog';
import { OpenVaultForm } from './OpenVaultForm';
import { UnlockForm } from './UnlockForm';
import { ACCEPT_ROLLBACK, DamagedVaultNotice, damagedActions, RollbackNotice } from './VaultOffers';

/** Shown whenever the vault is not unlocked: nothing from the vault is rendered behind it. */
export function VaultPage(): React.JSX.Element {
  const vault = useAppStore((s) => s.vault);
  const createVault = useAppStore((s) => s.createVault);
  const openVault = useAppStore((s) => s.openVault);
  const unlockVault = useAppStore((s) => s.unlockVault);
  const recoverVault = useAppStore((s) => s.recoverVault);
  const [recovering, setRecovering] = useState(false);
  const tab = useAppStore((s) => s.gateTab);
  const setTab = useAppStore((s) => s.setGateTab);
  const [switching, setSwitching] = useState(false);

  const browse = (): Promise<PathChoice | null> =>
    chooseFile({
      purpose: 'open-vault',
      title: 'Open a CertDesk vault',
      filters: [{ name: 'CertDesk vault', extensions: ['certdesk'] }],
    });
  const open = async (file: PathChoice): Promise<AppErrorShape | null> => {
    const r = await openVault(file);
    if (!r) setSwitching(false);
    return r;
  };

  if (vault.state === 'locked' && !switching) {
    return (
      <div className="gate">
        <section className="panel" aria-labelledby="unlock-title">
          <h2 id="unlock-title">Unlock vault</h2>
          <p className="muted">
            The vault is locked. Certificates, keys and the audit log stay hidden until you unlock it.
          </p>
          {vault.damage ? (
            <DamagedVaultNotice offer={vault.damage} />
          ) : (
            vault.rolledBack && <RollbackNotice offer={vault.rolledBack} />
          )}
          <UnlockForm
            path={vault.path}
            onUnlock={unlockVault}
            {...(vault.damage
              ? { actions: damagedActions(vault.damage) }
              : vault.rolledBack
                ? { actions: ACCEPT_ROLLBACK }
                : {})}
          />
        </section>
        <div className="button-row">
          <Button variant="ghost" onClick={() => setRecovering(true)}>
            Recover with shares…
          </Button>
          <Button variant="ghost" onClick={() => setSwitching(true)}>
            Open a different vault…
          </Button>
        </div>
        {recovering && <RecoverDialog onRecover={recoverVault} onClose={() => setRecovering(false)} />}
      </div>
    );
  }

  return (
    <div className="gate">
      <section className="panel" aria-labelledby="gate-title">
        <h2 id="gate-title">Create or open a vault</h2>
        <p className="muted">
          Your CA keys live in an encrypted vault on this workstation. Create one, or open a vault file you
          already have.
        </p>
        <Tabs
          label="Vault"
          tabs={[
            { id: 'create', label: 'Create a new vault' },
            { id: 'open', label: 'Open an existing vault' },
          ]}
          selected={tab}
          onSelect={setTab}
        >
          {tab === 'create' ? (
            <CreateVaultForm
              onCreate={createVault}
              onChooseLocation={() =>
                chooseSaveFile({
                  title: 'Create the vault file',
                  defaultName: 'vault.certdesk',
                  filters: [{ name: 'CertDesk vault', extensions: ['certdesk'] }],
                })
              }
            />
          ) : (
            <OpenVaultForm onOpen={open} onBrowse={browse} />
          )}
        </Tabs>
      </section>
      {switching && (
        <Button variant="ghost" onClick={() => setSwitching(false)}>
          Back to unlock
        </Button>
      )}
    </div>
  );
}
