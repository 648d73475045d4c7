import { MessageText } from '../../components';
import type { ChainLink } from '../../../../shared/domain/types';

export function ChainView({
  chain,
  onOpen,
}: {
  chain: readonly ChainLink[];
  onOpen: (id: string) => void;
}): React.JSX.Element {
  const ok = chain.length > 0 && chain.every((l) => l.ok);
  return (
    <section className="panel" aria-labelledby="chain-title">
      <h3 id="chain-title">Chain to the root</h3>
      <p className={ok ? 'alert alert-ok' : 'alert alert-error'} role="status">
        {ok
          ? 'Chain verified up to a trusted root in this vault.'
          : 'The chain does not verify: see the failing checks below.'}
      </p>
      <ol className="chain" aria-label="Chain links, leaf first">
        {chain.map((link, i) => (
          <li key={`${link.id ?? 'ext'}-${i}`} className={link.ok ? 'chain-ok' : 'chain-bad'}>
            <div>
              <strong>{link.ok ? '✓ Valid' : '✗ Fails'}</strong>{' '}
              {link.id ? (
                <button type="button" className="link-button" onClick={() => onOpen(link.id!)}>
                  {link.subject}
                </button>
              ) : (
                <span>{link.subject}</span>
              )}
            </div>
            <ul className="check-list">
              {link.checks.map((c) => (
                <li key={c.check} className={c.ok ? 'check-ok' : 'check-bad'}>
                  <MessageText text={c.message} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
