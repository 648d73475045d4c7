import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  /** What to do next, in one or two sentences. */
  children?: ReactNode;
  /** The button(s) that do it. */
  action?: ReactNode;
}

export function EmptyState({ title, children, action }: EmptyStateProps): React.JSX.Element {
  return (
    <section className="empty-state" aria-label={title}>
      <h2>{title}</h2>
      {children && <div className="empty-state-text">{children}</div>}
      {action && <div className="empty-state-action">{action}</div>}
    </section>
  );
}
