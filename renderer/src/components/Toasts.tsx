import { MessageText } from './MessageText';

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

function ToastItem({
  toast,
  onDismiss,
}: {
  toast: Toast;
  onDismiss: (id: number) => void;
}): React.JSX.Element {
  return (
    <div className={`toast toast-${toast.kind}`}>
      <span className="toast-message">
        <MessageText text={toast.message} />
      </span>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        aria-label="Dismiss notification"
        onClick={() => onDismiss(toast.id)}
      >
        ×
      </button>
    </div>
  );
}

/**
 * Result notifications in a labelled region landmark. The two live regions exist before any toast does:
 * screen readers announce only changes inside a live region they already know, so a region mounted together
 * with its message is often silent. Successes are polite (status); errors interrupt (alert) because they need
 * the operator to act.
 */
export function Toasts({ toasts, onDismiss }: ToastsProps): React.JSX.Element {
  return (
    <section className="toasts" aria-label="Notifications">
      <div className="toast-stack" role="status">
        {toasts
          .filter((t) => t.kind !== 'error')
          .map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={onDismiss} />
          ))}
      </div>
      <div className="toast-stack" role="alert">
        {toasts
          .filter((t) => t.kind === 'error')
          .map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={onDismiss} />
          ))}
      </div>
    </section>
  );
}
