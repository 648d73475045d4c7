import { toString as qrToString } from 'qrcode';
import { custodianInstruction } from '../../../shared/domain/recovery-text';
import type { RecoveryShareSheet, RecoveryStatus } from '../../../shared/domain/types';
import type { Ceremony } from './ceremony';
import { groupedHex, shareTextBlock } from './share-code';

/** The public description of a recovery set-up, as status and sheets show it. */
export function recoveryStatusOf(setup: Ceremony['setup']): RecoveryStatus {
  return {
    vaultId: groupedHex(setup.vaultId),
    ceremonyId: groupedHex(setup.ceremonyId),
    threshold: setup.threshold,
    shares: setup.shares,
    createdAt: setup.createdAt.toISOString(),
    fingerprints: setup.fingerprints.map(groupedHex),
  };
}

/** One sheet per share, with its QR code (the text block, which a typed recovery also accepts). */
export async function shareSheets(ceremony: Ceremony): Promise<RecoveryShareSheet[]> {
  const status = recoveryStatusOf(ceremony.setup);
  return Promise.all(
    ceremony.shares.map(async (share) => {
      const text = shareTextBlock(share.groups);
      return {
        index: share.index,
        threshold: share.threshold,
        shares: share.shares,
        vaultId: status.vaultId,
        ceremonyId: status.ceremonyId,
        createdAt: status.createdAt,
        fingerprint: share.fingerprint,
        groups: share.groups,
        text,
        // Level M (15 % of the code may be damaged) keeps the code small enough to print beside the text.
        qrSvg: await qrToString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      };
    }),
  );
}

export function shareFileBase(s: Pick<RecoveryShareSheet, 'index' | 'shares'>): string {
  return `share-${s.index}-of-${s.shares}`;
}

export function shareSheetText(s: RecoveryShareSheet): string {
  return [
    'CertDesk vault recovery share',
    '',
    `Vault ID:      ${s.vaultId}`,
    `Share:         ${s.index} of ${s.shares} (any ${s.threshold} open the vault)`,
    `Ceremony:      ${s.ceremonyId}`,
    `Created:       ${s.createdAt}`,
    `Fingerprint:   ${s.fingerprint}`,
    'Custodian:     ______________________________',
    '',
    s.text,
    '',
    custodianInstruction(s),
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A self-contained printable page: no script, no external resource. */
export function shareSheetHtml(s: RecoveryShareSheet): string {
  const rows: string[] = [];
  for (let i = 0; i < s.groups.length; i += 5) {
    rows.push(
      s.groups
        .slice(i, i + 5)
        .map((g, k) => `<span class="g"><small>${i + k + 1}</small>${escapeHtml(g)}</span>`)
        .join(' '),
    );
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>CertDesk recovery share ${s.index} of ${s.shares} — vault ${escapeHtml(s.vaultId)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #000; background: #fff; }
h1 { font-size: 1.4em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .3em 1em; }
dt { font-weight: 600; }
.code { font-family: ui-monospace, monospace; font-size: 1.2em; line-height: 2.2; }
.g { display: inline-block; margin-right: .8em; letter-spacing: .12em; }
.g small { font-size: .55em; color: #555; margin-right: .3em; letter-spacing: 0; }
.qr { width: 45mm; height: 45mm; }
.line { display: inline-block; min-width: 60mm; border-bottom: 1px solid #000; }
pre { display: none; }
</style>
</head>
<body>
<h1>CertDesk vault recovery share ${s.index} of ${s.shares}</h1>
<dl>
<dt>Vault ID</dt><dd>${escapeHtml(s.vaultId)}</dd>
<dt>Share</dt><dd>${s.index} of ${s.shares} — any ${s.threshold} open the vault</dd>
<dt>Ceremony</dt><dd>${escapeHtml(s.ceremonyId)}</dd>
<dt>Created</dt><dd>${escapeHtml(s.createdAt)}</dd>
<dt>Fingerprint</dt><dd>${escapeHtml(s.fingerprint)}</dd>
<dt>Custodian</dt><dd><span class="line">&nbsp;</span></dd>
</dl>
<img class="qr" alt="QR code of share ${s.index}" src="data:image/svg+xml;base64,${Buffer.from(s.qrSvg).toString('base64')}">
<div class="code">${rows.join('<br>\n')}</div>
<p>${escapeHtml(custodianInstruction(s))}</p>
<pre>
${escapeHtml(s.text)}
</pre>
</body>
</html>
`;
}
