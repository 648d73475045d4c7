export type ToastKind = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

export interface ToastsProps {
  toasts: readonly Toast[];
  onDismiss: (id: number) => void;
}

/**
 * Result notifications. Successes are announced politely (role=status); errors interrupt (role=alert)
 * because they need the operator to act.
 */
export function Toasts({ toasts, onDismiss }: ToastsProps): React.JSX.Element {
  return (
    <div className="toasts" aria-label="Notifications">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
          <span className="toast-message">{t.message}</span>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-label="Dismiss notification"
            onClick={() => onDismiss(t.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
