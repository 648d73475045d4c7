import { Button, MessageText } from '../../components';

/** Above every page while the vault is open read-only: why nothing can be changed, and the way out. */
export function ReadOnlyBanner({
  reason,
  onLock,
}: {
  reason: string;
  onLock: () => void;
}): React.JSX.Element {
  return (
    <section className="alert alert-warn break-warning" aria-labelledby="read-only-title">
      <h3 id="read-only-title">Read-only</h3>
      <p>
        <MessageText text={reason} />
      </p>
      <Button onClick={onLock}>Lock to repair or restore…</Button>
    </section>
  );
}
