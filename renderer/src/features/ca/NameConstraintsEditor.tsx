import { useId } from 'react';
import { NC_KINDS, NC_LABELS, type NcDraft, type NcKey } from './ca-form';

export interface NameConstraintsEditorProps {
  value: NcDraft;
  onChange: (next: NcDraft) => void;
  errors: Partial<Record<NcKey, string>>;
}

/** Permitted/excluded subtrees per name form, one entry per line (RFC 5280 §4.2.1.10). */
export function NameConstraintsEditor({
  value,
  onChange,
  errors,
}: NameConstraintsEditorProps): React.JSX.Element {
  const base = useId();
  const open = Object.values(value).some((v) => v.trim().length > 0);
  return (
    <details className="cd-nc" open={open || undefined}>
      <summary>Name constraints (optional)</summary>
      <p className="field-hint">
        Limit which names certificates under this CA may carry. Leave empty for no constraint. One entry per
        line.
      </p>
      <table className="cd-nc-table">
        <thead>
          <tr>
            <th scope="col">Name form</th>
            <th scope="col">Permitted</th>
            <th scope="col">Excluded</th>
          </tr>
        </thead>
        <tbody>
          {NC_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">
                {NC_LABELS[kind].label}
                <div className="field-hint">{NC_LABELS[kind].hint}</div>
              </th>
              {(['permitted', 'excluded'] as const).map((side) => {
                const key: NcKey = `${side}-${kind}`;
                const error = errors[key];
                const errId = `${base}-${key}-err`;
                return (
                  <td key={side}>
                    <textarea
                      className="input cd-nc-input"
                      aria-label={`${side === 'permitted' ? 'Permitted' : 'Excluded'} ${NC_LABELS[kind].label}`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errId : undefined}
                      value={value[key]}
                      spellCheck={false}
                      rows={2}
                      onChange={(e) => onChange({ ...value, [key]: e.target.value })}
                    />
                    {error && (
                      <div id={errId} className="field-error">
                        {error}
                      </div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
