import { STEP_LABELS, WIZARD_STEPS, type WizardStep } from './wizard-model';

export interface StepperProps {
  current: WizardStep;
  reachable: readonly WizardStep[];
  onSelect: (step: WizardStep) => void;
}

/** The visible step list; steps past the first blocked one are disabled so gating cannot be skipped. */
export function Stepper({ current, reachable, onSelect }: StepperProps): React.JSX.Element {
  const currentIndex = WIZARD_STEPS.indexOf(current);
  return (
    <nav aria-label="Issuance steps" className="cd-stepper">
      <ol>
        {WIZARD_STEPS.map((step, i) => {
          const state = i < currentIndex ? 'done' : i === currentIndex ? 'current' : 'todo';
          return (
            <li key={step} className={`cd-step cd-step-${state}`}>
              <button
                type="button"
                aria-current={step === current ? 'step' : undefined}
                disabled={!reachable.includes(step)}
                onClick={() => onSelect(step)}
              >
                <span className="cd-step-num" aria-hidden="true">
                  {i + 1}
                </span>
                {STEP_LABELS[step]}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
