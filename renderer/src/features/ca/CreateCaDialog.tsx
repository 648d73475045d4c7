import { useState } from 'react';
import { KEY_ALGORITHMS, type CertSummary, type KeyAlgorithm } from '../../../../shared/domain/types';
import type { AppErrorShape } from '../../../../shared/result';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field, TextField } from '../../components/Field';
import { KEY_ALGORITHM_LABELS, KEY_ALGORITHM_NOTES } from '../issuance/profile-options';
import { SubjectForm } from '../issuance/SubjectForm';
import { EMPTY_SUBJECT, subjectErrors, subjectInput, type SubjectDraft } from '../issuance/wizard-model';
import {
  describeDays,
  EMPTY_NC,
  parseNameConstraints,
  parsePathLen,
  parseValidityDays,
  type NcDraft,
} from './ca-form';
import { NameConstraintsEditor } from './NameConstraintsEditor';
import type { CreateCaInput } from './ca-actions';
import { formatDateTime } from '../../components/format';
import { MessageText } from '../../components/MessageText';

export interface CreateCaDialogProps {
  kind: 'root' | 'intermediate';
  /** vault CAs holding a key (possible parents of an intermediate) */
  parents: readonly CertSummary[];
  defaultDays: number;
  defaultKey: KeyAlgorithm;
  onSubmit: (input: CreateCaInput) => Promise<AppErrorShape | null>;
  onClose: () => void;
}

export function CreateCaDialog({
  kind,
  parents,
  defaultDays,
  defaultKey,
  onSubmit,
  onClose,
}: CreateCaDialogProps): React.JSX.Element {
  const [subject, setSubject] = useState<SubjectDraft>(EMPTY_SUBJECT);
  const [key, setKey] = useState<KeyAlgorithm>(defaultKey);
  const [days, setDays] = useState(String(defaultDays));
  const [pathLen, setPathLen] = useState(kind === 'intermediate' ? '0' : '');
  const [parentId, setParentId] = useState(parents[0]?.id ?? '');
  const [nc, setNc] = useState<NcDraft>(EMPTY_NC);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const subjErrs = subjectErrors(subject);
  const dayParse = parseValidityDays(days);
  const pathParse = parsePathLen(pathLen);
  const ncParse = parseNameConstraints(nc);
  const parent = parents.find((p) => p.id === parentId) ?? null;
  const problems = [
    ...subjErrs,
    ...(dayParse.ok ? [] : [dayParse.reason]),
    ...(pathParse.ok ? [] : [pathParse.reason]),
    ...Object.values(ncParse.errors),
    ...(kind === 'intermediate' && !parent ? ['Choose the issuing CA'] : []),
  ];
  const title = kind === 'root' ? 'Create root CA' : 'Create intermediate CA';

  const submit = async (e?: React.FormEvent): Promise<void> => {
    e?.preventDefault();
    setTried(true);
    if (problems.length > 0 || !dayParse.ok || !pathParse.ok) return;
    setBusy(true);
    setError(null);
    const failure = await onSubmit({
      subject: subjectInput(subject),
      key,
      // Untouched, the default is left to main, which clamps it to the issuer's notAfter with a note.
      ...(days.trim() === String(defaultDays) ? {} : { validity: { days: dayParse.value ?? defaultDays } }),
      pathLen: pathParse.value,
      ...(kind === 'intermediate' ? { parentId } : {}),
      ...(ncParse.spec ? { nameConstraints: ncParse.spec } : {}),
    });
    setBusy(false);
    if (failure) setError(failure.message);
    else onClose();
  };

  return (
    <Dialog
      title={title}
      onClose={onClose}
      size="large"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} onClick={() => void submit()}>
            {kind === 'root' ? 'Create root CA' : 'Create intermediate CA'}
          </Button>
        </>
      }
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        {kind === 'intermediate' && (
          <Field
            label="Issuing CA"
            hint={
              parent
                ? `Valid until ${formatDateTime(parent.notAfter)}: the new CA's validity is clamped to it.`
                : undefined
            }
          >
            {(control) => (
              <select
                {...control}
                value={parentId}
                onChange={(e) => setParentId(e.target.value)}
                data-autofocus
              >
                {parents.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.cn}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <SubjectForm
          value={subject}
          onChange={setSubject}
          cnError={tried ? (subjErrs.find((m) => m.startsWith('Common name')) ?? null) : null}
          countryError={subjErrs.find((m) => m.startsWith('Country')) ?? null}
          cnHint={kind === 'root' ? 'e.g. mygrpc-ca' : 'e.g. mygrpc-issuing-ca'}
          autoFocusCn={kind === 'root'}
        />
        <div className="form-grid">
          <Field
            label="Key algorithm"
            hint={
              key === 'ed25519'
                ? 'Ed25519 CAs are not accepted by older Java, Windows SChannel and most browsers; Go and OpenSSL accept them.'
                : KEY_ALGORITHM_NOTES[key]
            }
          >
            {(control) => (
              <select {...control} value={key} onChange={(e) => setKey(e.target.value as KeyAlgorithm)}>
                {KEY_ALGORITHMS.map((a) => (
                  <option key={a} value={a}>
                    {KEY_ALGORITHM_LABELS[a]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            label="Validity (days)"
            inputMode="numeric"
            value={days}
            onChange={(e) => setDays(e.target.value)}
            error={dayParse.ok ? null : dayParse.reason}
            hint={dayParse.ok && dayParse.value ? describeDays(dayParse.value) : undefined}
          />
          <TextField
            label="Path length"
            inputMode="numeric"
            value={pathLen}
            onChange={(e) => setPathLen(e.target.value)}
            error={pathParse.ok ? null : pathParse.reason}
            hint="How many intermediate CAs may follow below this one; empty for no limit."
          />
        </div>
        <NameConstraintsEditor value={nc} onChange={setNc} errors={ncParse.errors} />
        {tried && problems.length > 0 && (
          <div className="form-error" role="alert">
            <p>Fix these first:</p>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {error && (
          <p className="form-error" role="alert">
            <MessageText text={error} />
          </p>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
