import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../http/errors';
import type { ViewContext } from './context';
import { ErrorSummary, Form, SubmitButton } from './form';
import { type Crumb, Layout } from './layout';

type ConfirmProps = {
  ctx: ViewContext;
  title: string;
  /** What will happen, and what cannot be undone. */
  children: ComponentChildren;
  action: string;
  confirmLabel: string;
  cancelHref: string;
  cancelLabel?: string;
  breadcrumbs?: Crumb[];
  /** 'warning' for destructive steps; 'primary' for a harmless one such as re-enabling. */
  variant?: 'warning' | 'primary';
  /** Why the step cannot be taken; the form is then left out. */
  errors?: FieldErrors | undefined;
  /** Extra hidden fields for the confirming form. */
  hidden?: Record<string, string>;
};

/** A confirmation step before a destructive action; works without JavaScript. */
export function ConfirmPage(p: ConfirmProps) {
  return (
    <Layout ctx={p.ctx} title={p.title} narrow breadcrumbs={p.breadcrumbs}>
      <ErrorSummary errors={p.errors} />
      <h1>{p.title}</h1>
      <div id="f-confirm" class={p.variant === 'primary' ? undefined : 'notice notice--warning'}>
        {p.children}
      </div>
      {p.errors ? (
        <p>
          <a href={p.cancelHref}>{p.cancelLabel ?? 'Terug'}</a>
        </p>
      ) : (
        <Form ctx={p.ctx} action={p.action}>
          {Object.entries(p.hidden ?? {}).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <SubmitButton variant={p.variant ?? 'warning'}>{p.confirmLabel}</SubmitButton>{' '}
          <a href={p.cancelHref}>Annuleren</a>
        </Form>
      )}
    </Layout>
  );
}
