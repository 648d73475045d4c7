import { useEffect, useId, useRef, useState } from 'react';
import { parseIp, parseSanLines } from '../../../../shared/domain/san';
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
  // A button that removes itself (or its row) hands focus on, so it never falls to the page body.
  // Set by a handler, used after the next render has put the target in the DOM.
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (!pendingFocus.current) return;
    document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });
  const setFocusId = (id: string): void => {
    pendingFocus.current = id;
  };
  const valueId = (rowId: number): string => `${base}-value-${rowId}`;
  const addId = `${base}-add`;
  const pasteToggleId = `${base}-paste-toggle`;

  const update = (id: number, patch: Partial<SanRow>): void =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const remove = (id: number): void => {
    const index = rows.findIndex((r) => r.id === id);
    const rest = rows.filter((r) => r.id !== id);
    const next = rest[index] ?? rest[index - 1];
    onChange(rest);
    setFocusId(next ? valueId(next.id) : addId);
  };
  const addCn = (): void => {
    const next = addCnAsDns(rows, cn);
    onChange(next);
    setFocusId(next[0] ? valueId(next[0].id) : addId);
  };
  const addPasted = (): void => {
    const before = new Set(rows.map((r) => r.id));
    const next = appendPasted(rows, pasteText);
    const nextChecks = checkRows(next);
    // Land on the first pasted row that needs fixing; with none, back on the toggle that opened the paste box.
    const firstBad = next.find((r, i) => !before.has(r.id) && nextChecks[i]?.error);
    onChange(next);
    setPasteText('');
    setPasteOpen(false);
    setFocusId(firstBad ? valueId(firstBad.id) : pasteToggleId);
  };
  const preview = pasteText.trim() ? parseSanLines(pasteText) : [];

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
                id={valueId(row.id)}
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
                <div className="cd-san-error">
                  <span id={errorId} className="field-error">
                    {error}
                  </span>
                  {row.type === 'dns' && parseIp(row.value.trim()) && (
                    <Button
                      small
                      aria-label={`Change SAN ${i + 1} to IP`}
                      onClick={() => {
                        update(row.id, { type: 'ip', value: row.value.trim() });
                        setFocusId(valueId(row.id));
                      }}
                    >
                      Change to IP
                    </Button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <div className="button-row">
        <Button
          small
          id={addId}
          onClick={() => {
            const row = makeRow('dns');
            onChange([...rows, row]);
            setFocusId(valueId(row.id));
          }}
        >
          Add SAN
        </Button>
        {offerCn && canAddCnAsDns(rows, cn) && (
          <Button small onClick={addCn}>
            Add CN as DNS SAN
          </Button>
        )}
        <Button small id={pasteToggleId} aria-expanded={pasteOpen} onClick={() => setPasteOpen(!pasteOpen)}>
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
          {preview.length > 0 && (
            <ul className="cd-san-preview" aria-label="Pasted SANs as they will be added">
              {preview.map((p, i) => (
                <li key={i} className={p.check.ok ? undefined : 'field-error'}>
                  <span className="pill">{TYPE_LABELS[p.san.type]}</span>{' '}
                  <span className="mono">{p.san.value}</span>
                  {!p.check.ok && <> — {p.check.reason}</>}
                </li>
              ))}
            </ul>
          )}
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
