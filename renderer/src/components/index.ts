// Shared UI primitives, reused by every feature folder.
export { Button, type ButtonProps, type ButtonVariant } from './Button';
export { Dialog, type DialogProps } from './Dialog';
export { EmptyState, type EmptyStateProps } from './EmptyState';
export { Field, TextField, type FieldProps, type FieldControlProps, type TextFieldProps } from './Field';
export { PathPicker, type PathPickerProps } from './PathPicker';
export { StatusPill, STATUS_LABELS } from './StatusPill';
export { Tabs, type TabItem, type TabsProps } from './Tabs';
export { Toasts, type Toast, type ToastKind, type ToastsProps } from './Toasts';
export { DateTime, type DateTimeProps } from './DateTime';
export { HexBytes, HexText, HexValue, type HexValueProps } from './HexValue';
export { MessageText, type MessageTextProps } from './MessageText';
export { WrapText } from './WrapText';
export { LintFindings, type LintFindingsProps } from './LintFindings';
