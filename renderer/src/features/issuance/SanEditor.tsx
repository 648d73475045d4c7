import { useId, useState } from 'react';
import { SAN_TYPES, type SanType } from '../../../../shared/domain/types';
import { Button } from '../../components/Button';
import { addCnAsDns, appendPasted, canAddCnAsDns, checkRows, makeRow, type SanRow } from './san-rows';

export interface SanEditorProps {
  rows: readonly SanRow[];
  onChange: (rows: SanRow[]) => void;
  /** The subject CN, offered as a DNS SAN when `offerCn` (server profiles). */
  cn: string;
  offerCn: boolean;
}

const TYPE_LABELS: Record<SanType, string> = { dns: 'DNS', ip: 'IP', uri: 'URI', email: 'Email' };
const PLACEHOLDERS: Record<SanType, string> = {
  dns: 'user-service.internal',
  ip: '127.0.0.1 or fd00::1',
  uri: 'spiffe://example.org/billing',
  email: 'ops@example.org',
};

/** Typed SAN rows with the shared validator's verdict on each row as the operator types. */
export function SanEditor({ rows, onChange, cn, offerCn }: SanEditorProps): React.JSX.Element {
  const base = useId();
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasteText, setPasteText] = useState('');
  const checks = checkRows(rows);
  const update = (id: number, patch: Partial<SanRow>): void =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const remove = (id: number): void => onChange(rows.filter((r) => r.id !== id));
  const addPasted = (): void => {
    onChange(appendPasted(rows, pasteText));
    setPasteText('');
    setPasteOpen(false);
  };

  return (
    <fieldset className="cd-san-editor">
      <legend>Subject alternative names</legend>
      <p className="field-hint">
        Clients match the name they dial against these entries, not against the CN.
      </p>
      {rows.length === 0 && <p className="muted">No SANs yet.</p>}
      <ol className="cd-san-rows">
        {rows.map((row, i) => {
          const error = checks[i]?.error ?? null;
          const errorId = `${base}-err-${row.id}`;
          return (
            <li key={row.id} className={`cd-san-row${error ? ' cd-san-row-invalid' : ''}`}>
              <select
                className="input"
                aria-label={`SAN ${i + 1} type`}
                value={row.type}
                onChange={(e) => update(row.id, { type: e.target.value as SanType })}
              >
                {SAN_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
              <input
                className="input cd-san-value"
                aria-label={`SAN ${i + 1} value`}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                value={row.value}
                placeholder={PLACEHOLDERS[row.type]}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => update(row.id, { value: e.target.value })}
              />
              <Button small variant="ghost" aria-label={`Remove SAN ${i + 1}`} onClick={() => remove(row.id)}>
                Remove
              </Button>
              {error && (
                <div id={errorId} className="field-error cd-san-error">
                  {error}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <div className="button-row">
        <Button small onClick={() => onChange([...rows, makeRow('dns')])}>
          Add SAN
        </Button>
        {offerCn && canAddCnAsDns(rows, cn) && (
          <Button small onClick={() => onChange(addCnAsDns(rows, cn))}>
            Add CN as DNS SAN
          </Button>
        )}
        <Button small aria-expanded={pasteOpen} onClick={() => setPasteOpen(!pasteOpen)}>
          Paste many…
        </Button>
      </div>
      {pasteOpen && (
        <div className="field cd-san-paste">
          <label htmlFor={`${base}-paste`}>Paste SANs</label>
          <textarea
            id={`${base}-paste`}
            value={pasteText}
            aria-describedby={`${base}-paste-hint`}
            spellCheck={false}
            onChange={(e) => setPasteText(e.target.value)}
          />
          <div id={`${base}-paste-hint`} className="field-hint">
            One per line or comma-separated; openssl prefixes (DNS:, IP:, URI:, email:) are optional.
          </div>
          <div className="button-row">
            <Button small variant="primary" disabled={!pasteText.trim()} onClick={addPasted}>
              Add pasted SANs
            </Button>
          </div>
        </div>
      )}
    </fieldset>
  );
}
