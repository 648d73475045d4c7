import type { Handlers } from '../../shared/ipc/contract';
import { certFields } from './audit-recorder';
import { certDetail } from './certs-detail';
import { issueCertificate, renewCertificateById, revokeEntry, signCertificateRequest } from './certs-issue';
import { previewIssue } from './certs-preview';
import type { ServiceContext } from './context';
import { summariesWithVerdicts } from './verdicts';

type CertsHandlers = Pick<
  Handlers,
  | 'certs:list'
  | 'certs:get'
  | 'certs:preview'
  | 'certs:issue'
  | 'certs:signCsr'
  | 'certs:renew'
  | 'certs:revoke'
>;

export function createCertsHandlers(ctx: ServiceContext): CertsHandlers {
  const inv = () => ctx.session.unlocked().inventory;
  return {
    'certs:list': async ({ kind }) => {
      const entries = [...inv().entries.values()].filter((e) => !kind || e.summary.kind === kind);
      return summariesWithVerdicts(inv(), entries, ctx.now());
    },
    'certs:get': async ({ id }) => certDetail(inv(), inv().get(id), ctx.now()),
    'certs:preview': (input) => previewIssue(ctx, input),
    'certs:issue': (input) =>
      ctx.audit.run(
        'certs.issue',
        () => issueCertificate(ctx, input),
        (r) => certFields(r.summary, input.profile),
        {
          subject: `CN=${input.subject.cn}`,
          detail: input.profile,
        },
      ),
    'certs:signCsr': (input) =>
      ctx.audit.run(
        'certs.signCsr',
        () => signCertificateRequest(ctx, input),
        (r) => certFields(r.summary, input.profile),
        {
          detail: input.profile,
        },
      ),
    'certs:renew': (input) =>
      ctx.audit.run(
        'certs.renew',
        () => renewCertificateById(ctx, input),
        (r) => certFields(r.summary, `renews ${input.id}${input.keepKey ? ' (same key)' : ''}`),
        { detail: `renew ${input.id}` },
      ),
    'certs:revoke': async ({ id, reason, date }) => {
      const when = date ? new Date(date) : ctx.now();
      try {
        await revokeEntry(ctx, id, reason ?? 'unspecified', when);
      } catch (e) {
        const code = e instanceof Error && 'code' in e ? String(e.code) : 'INTERNAL';
        if (code === 'ALREADY_REVOKED')
          await ctx.audit.record('certs.revoke', 'failed', { detail: `${id}: ${code}` });
        throw e;
      }
      ctx.changed();
      return summariesWithVerdicts(inv(), [inv().get(id)], ctx.now())[0]!;
    },
  };
}
