import { TextField } from '../../components/Field';
import type { SubjectDraft } from './wizard-model';

export interface SubjectFormProps {
  value: SubjectDraft;
  onChange: (next: SubjectDraft) => void;
  /** Shown under the CN once the operator has tried to continue, or when the CN is not empty. */
  cnError?: string | null;
  countryError?: string | null;
  cnHint?: string;
  /** Focus the CN when a dialog opens (Dialog focuses the element marked data-autofocus). Default is false. */
  autoFocusCn?: boolean;
}

/** Distinguished-name fields; CN is required, the rest optional (product.md §2). */
export function SubjectForm({
  value,
  onChange,
  cnError,
  countryError,
  cnHint,
  autoFocusCn = false,
}: SubjectFormProps): React.JSX.Element {
  const set = (key: keyof SubjectDraft) => (e: React.ChangeEvent<HTMLInputElement>) =>
    onChange({ ...value, [key]: e.target.value });
  return (
    <div className="form-grid">
      <TextField
        label="Common name (CN)"
        required
        value={value.cn}
        onChange={set('cn')}
        error={cnError}
        hint={cnHint}
        autoComplete="off"
        spellCheck={false}
        {...(autoFocusCn ? { 'data-autofocus': true } : {})}
      />
      <TextField label="Organization (O)" value={value.o} onChange={set('o')} autoComplete="off" />
      <TextField label="Organizational unit (OU)" value={value.ou} onChange={set('ou')} autoComplete="off" />
      <TextField
        label="Country (C)"
        value={value.c}
        onChange={set('c')}
        error={countryError}
        maxLength={2}
        hint="Two letters, e.g. DE"
        autoComplete="off"
      />
      <TextField label="State or province (ST)" value={value.st} onChange={set('st')} autoComplete="off" />
      <TextField label="Locality (L)" value={value.l} onChange={set('l')} autoComplete="off" />
    </div>
  );
}
