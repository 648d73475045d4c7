import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../../store';
import { signingAuthorities } from '../../store/issuance-slice';
import { Button } from '../../components/Button';
import { ExportDialog } from '../export/ExportDialog';
import { IssueResultView } from './IssueResultView';
import { IssuerStep } from './IssuerStep';
import { KeyStep } from './KeyStep';
import { ProfileStep } from './ProfileStep';
import { ProgressBar } from './ProgressBar';
import { ReviewStep } from './ReviewStep';
import { SanEditor } from './SanEditor';
import { Stepper } from './Stepper';
import { SubjectForm } from './SubjectForm';
import { ValidityStep } from './ValidityStep';
import { PROFILE_INFO } from './profile-options';
import { colonHex } from '../../components/format';
import {
  nextStep,
  previousStep,
  reachableSteps,
  STEP_LABELS,
  stepBlockers,
  subjectErrors,
} from './wizard-model';
import './issuance.css';
import { WriteButton } from '../vault/WriteButton';

/** Issuance wizard container: selects from the store and hands props to the step components. */
export function IssuePage(): React.JSX.Element {
  const wizard = useAppStore((s) => s.wizard);
  const certs = useAppStore((s) => s.certs);
  const loadCerts = useAppStore((s) => s.loadCerts);
  const primeWizard = useAppStore((s) => s.primeWizard);
  const setStep = useAppStore((s) => s.setWizardStep);
  const update = useAppStore((s) => s.updateDraft);
  const readCsr = useAppStore((s) => s.readCsr);
  const applyCsrRequest = useAppStore((s) => s.applyCsrRequest);
  const loadPreview = useAppStore((s) => s.loadPreview);
  const issue = useAppStore((s) => s.issue);
  const resetWizard = useAppStore((s) => s.resetWizard);
  const pushToast = useAppStore((s) => s.pushToast);
  const navigate = useAppStore((s) => s.navigate);
  const [exportOpen, setExportOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const { step, draft, csr } = wizard;
  const authorities = useMemo(() => signingAuthorities(certs), [certs]);
  const ctx = useMemo(() => ({ authorities, csr }), [authorities, csr]);
  const blockers = stepBlockers(step, draft, ctx);
  // Main's own checks (issuer name constraints, validity beyond the issuer) surface through the preview as
  // soon as the draft is complete, and block Next on the step the operator is on.
  const refusal = step !== 'issuer' && step !== 'profile' && step !== 'review' ? wizard.previewError : null;
  const reachable = reachableSteps(draft, ctx);
  const issuer = authorities.find((a) => a.id === draft.caId) ?? null;
  const needsPreview =
    step !== 'issuer' && step !== 'profile' && !wizard.preview && !wizard.previewBusy && !wizard.previewError;

  useEffect(() => {
    void loadCerts().then(primeWizard);
  }, [loadCerts, primeWizard]);

  // Debounced so typing custom days does not fire a preview per keystroke.
  useEffect(() => {
    if (!needsPreview || stepBlockers('review', draft, ctx).length > 0) return;
    const t = setTimeout(() => void loadPreview(), 250);
    return () => clearTimeout(t);
  }, [needsPreview, draft, ctx, loadPreview]);

  const goTo = (target: typeof step): void => {
    setStep(target);
    headingRef.current?.focus();
  };
  const onIssue = async (): Promise<void> => {
    const r = await issue();
    if (r) pushToast('success', `Issued ${r.summary.cn} (serial ${colonHex(r.summary.serial)})`);
  };

  const subjectErrs = subjectErrors(draft.subject);
  const requestEditor = (
    <>
      <SubjectForm
        value={draft.subject}
        onChange={(subject) => update({ subject })}
        cnError={subjectErrs.find((e) => e.startsWith('Common name')) ?? null}
        countryError={subjectErrs.find((e) => e.startsWith('Country')) ?? null}
      />
      <SanEditor
        rows={draft.sanRows}
        onChange={(sanRows) => update({ sanRows })}
        cn={draft.subject.cn}
        offerCn={PROFILE_INFO[draft.profile].needsSan}
      />
    </>
  );

  if (wizard.result) {
    return (
      <section className="cd-page" aria-labelledby="issue-title">
        <header className="page-header">
          <h2 id="issue-title">Issue certificate</h2>
        </header>
        <IssueResultView
          result={wizard.result}
          onCopy={(text, label) => void useAppStore.getState().copyText(text, label)}
          onExport={() => setExportOpen(true)}
          onIssueAnother={() => resetWizard()}
        />
        {exportOpen && <ExportDialog ids={[wizard.result.summary.id]} onClose={() => setExportOpen(false)} />}
      </section>
    );
  }

  const next = nextStep(step);
  const prev = previousStep(step);
  const blockersId = 'issue-blockers';
  return (
    <section className="cd-page" aria-labelledby="issue-title" aria-busy={wizard.issuing}>
      <header className="page-header">
        <h2 id="issue-title">Issue certificate</h2>
      </header>
      <Stepper current={step} reachable={reachable} onSelect={goTo} />
      <div className="panel cd-step-panel">
        <h3 ref={headingRef} tabIndex={-1}>
          {STEP_LABELS[step]}
        </h3>
        {step === 'issuer' && (
          <IssuerStep
            authorities={authorities}
            caId={draft.caId}
            onChange={(caId) => update({ caId })}
            onGoToAuthorities={() => navigate('authorities')}
          />
        )}
        {step === 'profile' && (
          <ProfileStep
            profile={draft.profile}
            keyUsages={draft.keyUsages}
            extendedKeyUsages={draft.extendedKeyUsages}
            onProfile={(profile) => update({ profile })}
            onUsages={(keyUsages, extendedKeyUsages) => update({ keyUsages, extendedKeyUsages })}
          />
        )}
        {step === 'subject' && requestEditor}
        {step === 'key' && (
          <KeyStep
            keyMode={draft.keyMode}
            keyAlgorithm={draft.keyAlgorithm}
            csrPem={draft.csrPem}
            csr={csr}
            csrError={wizard.csrError}
            csrBusy={wizard.csrBusy}
            onMode={(keyMode) => update({ keyMode })}
            onAlgorithm={(keyAlgorithm) => update({ keyAlgorithm })}
            onCsrPem={(csrPem) => update({ csrPem })}
            onReadCsr={() => void readCsr()}
            onUseCsrRequest={applyCsrRequest}
            requestEditor={requestEditor}
          />
        )}
        {step === 'validity' && (
          <ValidityStep
            choice={draft.validity}
            onChange={(validity) => update({ validity })}
            isDefault={draft.validityIsDefault}
            issuerCn={issuer?.cn ?? null}
            issuerNotAfter={issuer?.notAfter ?? null}
            preview={wizard.preview}
            previewBusy={wizard.previewBusy}
          />
        )}
        {step === 'review' && (
          <ReviewStep
            preview={wizard.preview}
            previewBusy={wizard.previewBusy}
            previewError={wizard.previewError}
            blockers={blockers}
            signingCsr={draft.keyMode === 'csr'}
          />
        )}
      </div>
      {wizard.issuing && (
        <ProgressBar label="Issuing certificate">
          {draft.keyMode === 'generate' && draft.keyAlgorithm.startsWith('rsa')
            ? 'Generating the RSA key and signing; large RSA keys take a few seconds.'
            : 'Signing the certificate…'}
        </ProgressBar>
      )}
      {wizard.issueError && (
        <p className="form-error" role="alert">
          {wizard.issueError}
        </p>
      )}
      {refusal && (
        <p id="issue-refusal" className="form-error" role="alert">
          {refusal}
        </p>
      )}
      {blockers.length > 0 && step !== 'review' && (
        <ul id={blockersId} className="cd-blockers" aria-label="What blocks the next step">
          {blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
      <div className="button-row cd-wizard-nav">
        {prev && (
          <Button onClick={() => goTo(prev)} disabled={wizard.issuing}>
            Back
          </Button>
        )}
        {next ? (
          <Button
            variant="primary"
            disabled={blockers.length > 0 || refusal !== null}
            aria-describedby={
              [blockers.length > 0 ? blockersId : '', refusal ? 'issue-refusal' : '']
                .filter(Boolean)
                .join(' ') || undefined
            }
            onClick={() => goTo(next)}
          >
            Next
          </Button>
        ) : (
          <WriteButton
            variant="primary"
            busy={wizard.issuing}
            disabled={blockers.length > 0 || !wizard.preview}
            onClick={() => void onIssue()}
          >
            Issue certificate
          </WriteButton>
        )}
      </div>
    </section>
  );
}
