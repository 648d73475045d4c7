import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { certStatus, daysLeftShown } from '../../../../shared/domain/expiry';
import { sanSummary, type InventorySort, type SortKey } from '../../../../shared/domain/inventory-query';
import { sanListLabel } from '../../../../shared/domain/san-text';
import type { CertSummary, ExpiryThresholds } from '../../../../shared/domain/types';
import { DateTime, StatusPill } from '../../components';
import { certProfileLabel } from '../../components/format';

const ROW_HEIGHT = 40;

/**
 * `fold`: the column leaves a narrow list (data.css container queries), Profile first, then Issuer, then SANs;
 * Status, Common name, Not after and Days left always stay.
 */
const COLUMNS: { label: string; sort: SortKey | null; className: string }[] = [
  { label: 'Status', sort: 'status', className: 'vgrid-cell' },
  { label: 'Common name', sort: 'cn', className: 'vgrid-cell' },
  { label: 'SANs', sort: null, className: 'vgrid-cell vgrid-fold-3' },
  { label: 'Issuer', sort: 'issuer', className: 'vgrid-cell vgrid-fold-2' },
  { label: 'Profile', sort: 'profile', className: 'vgrid-cell vgrid-fold-1' },
  { label: 'Not after', sort: 'notAfter', className: 'vgrid-cell' },
  { label: 'Days left', sort: 'daysLeft', className: 'vgrid-cell vgrid-cell-num' },
];

export interface InventoryListProps {
  rows: readonly CertSummary[];
  now: Date;
  thresholds: ExpiryThresholds;
  sort: InventorySort;
  onSort: (key: SortKey) => void;
  onOpen: (id: string) => void;
  /** A row to scroll to and focus once (the certificate just closed); `onFocused` says it is done. */
  focusId?: string | null;
  onFocused?: () => void;
}

/** The CN of a DN string for the Issuer column ("O=Acme, CN=Root CA" → "Root CA"); the whole DN without one. */
export function shortName(dn: string): string {
  const m = /(?:^|,)\s*CN=((?:\\.|[^,])*)/i.exec(dn);
  return m?.[1]?.trim() || dn;
}

/**
 * Virtualized: only the rows in view (plus overscan) are in the DOM, so 10,000 certificates scroll like 50.
 * Per-row values (status, days left) are computed while rendering the visible rows: no per-row state or effects.
 */
export function InventoryList({
  rows,
  now,
  thresholds,
  sort,
  onSort,
  onOpen,
  focusId = null,
  onFocused,
}: InventoryListProps): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns functions React Compiler cannot memoise; we do not use the compiler
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const focusIndex = focusId ? rows.findIndex((r) => r.id === focusId) : -1;
  // Runs again after the scroll renders the row (only visible rows are in the DOM).
  useEffect(() => {
    if (!focusId) return;
    const button = scrollRef.current?.querySelector<HTMLButtonElement>(
      `[data-cert-id="${CSS.escape(focusId)}"] .link-button`,
    );
    if (button || focusIndex < 0) {
      button?.focus();
      onFocused?.();
    } else virtualizer.scrollToIndex(focusIndex, { align: 'center' });
  });

  return (
    <div className="vgrid" role="table" aria-label="Certificates" aria-rowcount={rows.length + 1}>
      <div role="rowgroup">
        <div className="vgrid-row vgrid-head" role="row" aria-rowindex={1}>
          {COLUMNS.map((c) => (
            <div
              key={c.label}
              role="columnheader"
              className={c.className}
              aria-sort={
                c.sort && sort.key === c.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined
              }
            >
              {c.sort ? (
                <button type="button" onClick={() => onSort(c.sort!)}>
                  {c.label}
                  {sort.key === c.sort ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                </button>
              ) : (
                c.label
              )}
            </div>
          ))}
        </div>
      </div>
      <div className="vgrid-body" role="rowgroup" ref={scrollRef} tabIndex={-1}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const cert = rows[item.index]!;
            const days = daysLeftShown(cert, now);
            return (
              <div
                key={cert.id}
                role="row"
                aria-rowindex={item.index + 2}
                className="vgrid-row"
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => onOpen(cert.id)}
                data-cert-id={cert.id}
              >
                <div role="cell" className="vgrid-cell">
                  <StatusPill status={certStatus(cert, now, thresholds)} />
                </div>
                <div role="cell" className="vgrid-cell vgrid-cell-name">
                  {cert.kind === 'ca' && <span className="kind-tag">CA</span>}
                  <button
                    type="button"
                    className="link-button"
                    title={cert.cn}
                    onClick={(e) => (e.stopPropagation(), onOpen(cert.id))}
                  >
                    {cert.cn}
                  </button>
                </div>
                <div role="cell" className="vgrid-cell vgrid-fold-3" title={sanListLabel(cert.sans)}>
                  {sanSummary(cert) || <span className="muted">—</span>}
                </div>
                <div role="cell" className="vgrid-cell vgrid-fold-2" title={cert.issuer}>
                  {shortName(cert.issuer)}
                </div>
                <div role="cell" className="vgrid-cell vgrid-fold-1">
                  {certProfileLabel(cert)}
                </div>
                <div role="cell" className="vgrid-cell">
                  <DateTime iso={cert.notAfter} dateOnly />
                </div>
                <div role="cell" className="vgrid-cell vgrid-cell-num">
                  {days}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
