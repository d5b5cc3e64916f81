// ButtonLink is in ./button-link.tsx: client forms import this file and should not bundle next/link.
import type { ButtonHTMLAttributes } from 'react';
import { cx } from './cx';

export type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

const base =
  'inline-flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-lg px-4 py-2 text-base font-semibold transition-colors disabled:cursor-not-allowed disabled:opacity-60';
const variants: Record<Variant, string> = {
  primary: 'bg-brand text-white hover:bg-brand-strong',
  secondary: 'border border-line bg-surface text-ink hover:bg-canvas',
  danger: 'bg-danger text-white hover:bg-red-800',
  ghost: 'text-brand underline-offset-4 hover:underline',
};

export function buttonClass(variant: Variant = 'primary', className?: string): string {
  return cx(base, variants[variant], className);
}

export function Button({ variant = 'primary', className, type = 'button', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}
