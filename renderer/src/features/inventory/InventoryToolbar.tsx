import { PROFILES } from '../../../../shared/domain/types';
import { SORT_KEYS, type SortKey } from '../../../../shared/domain/inventory-query';
import { Button, Field, STATUS_LABELS } from '../../components';
import type { InventoryView, StatusFilter } from '../../store/ui-slice';
import { profileLabel } from '../../components/format';

export const SORT_LABELS: Record<SortKey, string> = {
  cn: 'Common name',
  notAfter: 'Expiry date',
  daysLeft: 'Days left',
  status: 'Status',
  issuer: 'Issuer',
  profile: 'Profile',
  createdAt: 'Created',
  serial: 'Serial',
};

/** The Status choices; `later` (valid, but inside the notice threshold) follows the expiring ones it will join. */
const STATUSES: readonly Exclude<StatusFilter, ''>[] = [
  'valid',
  'expiring',
  'later',
  'expired',
  'revoked',
  'not-yet-valid',
  'invalid',
  'renewed',
];

export interface InventoryToolbarProps {
  view: InventoryView;
  issuers: readonly { id: string; cn: string }[];
  shown: number;
  total: number;
  onChange: (patch: Partial<InventoryView>) => void;
}

export function InventoryToolbar({
  view,
  issuers,
  shown,
  total,
  onChange,
}: InventoryToolbarProps): React.JSX.Element {
  const filtered = view.text || view.status || view.issuerId || view.profile;
  return (
    <div className="inventory-toolbar" role="search" aria-label="Search and filter certificates">
      <Field
        label="Search"
        id="inventory-search"
        className="search-field"
        hint="CN, SAN, serial or SHA-256 fingerprint"
      >
        {(c) => (
          <input
            {...c}
            type="search"
            value={view.text}
            onChange={(e) => onChange({ text: e.target.value })}
            placeholder="user-service, 10.0.0.5, 3F:A1…"
            spellCheck={false}
            aria-keyshortcuts="Control+F"
          />
        )}
      </Field>
      <Field label="Status">
        {(c) => (
          <select
            {...c}
            value={view.status}
            onChange={(e) => onChange({ status: e.target.value as StatusFilter })}
          >
            <option value="">All statuses</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === 'later' ? 'Expiring later (notice)' : STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Issuer">
        {(c) => (
          <select {...c} value={view.issuerId} onChange={(e) => onChange({ issuerId: e.target.value })}>
            <option value="">All issuers</option>
            {issuers.map((i) => (
              <option key={i.id} value={i.id}>
                {i.cn}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Profile">
        {(c) => (
          <select
            {...c}
            value={view.profile}
            onChange={(e) => onChange({ profile: e.target.value as InventoryView['profile'] })}
          >
            <option value="">All profiles</option>
            {PROFILES.map((p) => (
              <option key={p} value={p}>
                {profileLabel(p)}
              </option>
            ))}
            <option value="tracked">Tracked (issued elsewhere)</option>
          </select>
        )}
      </Field>
      <Field label="Sort by">
        {(c) => (
          <select
            {...c}
            value={view.sort.key}
            onChange={(e) => onChange({ sort: { ...view.sort, key: e.target.value as SortKey } })}
          >
            {SORT_KEYS.map((k) => (
              <option key={k} value={k}>
                {SORT_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Button
        onClick={() => onChange({ sort: { ...view.sort, dir: view.sort.dir === 'asc' ? 'desc' : 'asc' } })}
        aria-label={
          view.sort.dir === 'asc'
            ? 'Sort order: ascending (switch to descending)'
            : 'Sort order: descending (switch to ascending)'
        }
      >
        <span aria-hidden="true">{view.sort.dir === 'asc' ? '↑ ' : '↓ '}</span>
        {view.sort.dir === 'asc' ? 'Ascending' : 'Descending'}
      </Button>
      {filtered && (
        <Button variant="ghost" onClick={() => onChange({ text: '', status: '', issuerId: '', profile: '' })}>
          Clear filters
        </Button>
      )}
      <p className="muted inventory-count" role="status" aria-label="Result count">
        {shown === total ? `${total} certificates` : `${shown} of ${total} certificates`}
      </p>
    </div>
  );
}
