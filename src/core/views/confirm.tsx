import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context';
import { Form, SubmitButton } from './form';
import { type Crumb, Layout } from './layout';

type ConfirmProps = {
  ctx: ViewContext;
  title: string;
  /** What will happen, and what cannot be undone. */
  children: ComponentChildren;
  action: string;
  confirmLabel: string;
  cancelHref: string;
  breadcrumbs?: Crumb[];
  /** Extra hidden fields for the confirming form. */
  hidden?: Record<string, string>;
};

/** A confirmation step before a destructive action; works without JavaScript. */
export function ConfirmPage({
  ctx,
  title,
  children,
  action,
  confirmLabel,
  cancelHref,
  breadcrumbs,
  hidden,
}: ConfirmProps) {
  return (
    <Layout ctx={ctx} title={title} narrow breadcrumbs={breadcrumbs}>
      <h1>{title}</h1>
      <div class="notice notice--warning">{children}</div>
      <Form ctx={ctx} action={action}>
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <SubmitButton variant="warning">{confirmLabel}</SubmitButton> <a href={cancelHref}>Annuleren</a>
      </Form>
    </Layout>
  );
}
