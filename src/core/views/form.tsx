import { randomBytes } from 'node:crypto';
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../http/errors';
import { formatEuro } from '../i18n/format';
import type { ViewContext } from './context';

export type FormValues = Record<string, unknown>;
type Option = { value: string; label: string; hint?: string };

/** The id a field's input carries, so the error summary can link to it. */
export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

export function ErrorSummary({ errors }: { errors: FieldErrors | undefined }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title" class="error-summary__title">
        Er is een probleem
      </h2>
      <ul class="error-summary__list">
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${fieldId(name)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type FormProps = {
  ctx: ViewContext;
  action: string;
  method?: 'post' | 'get';
  errors?: FieldErrors | undefined;
  /** Forms that create something carry a one-time token against double submission. */
  once?: boolean | string;
  multipart?: boolean;
  class?: string;
  children: ComponentChildren;
};

export function Form({
  ctx,
  action,
  method = 'post',
  errors,
  once,
  multipart,
  children,
  ...rest
}: FormProps) {
  const onceToken = typeof once === 'string' ? once : once ? randomBytes(16).toString('base64url') : null;
  // Multipart bodies are parsed after the CSRF check, so the token travels in the URL as well.
  const target =
    multipart && method === 'post'
      ? `${action}${action.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(ctx.csrfToken)}`
      : action;
  return (
    <form
      method={method}
      action={target}
      class={rest.class ?? 'form'}
      enctype={multipart ? 'multipart/form-data' : undefined}
      noValidate
    >
      {method === 'post' && <input type="hidden" name="_csrf" value={ctx.csrfToken} />}
      {onceToken && <input type="hidden" name="_once" value={onceToken} />}
      <ErrorSummary errors={errors} />
      {children}
    </form>
  );
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  children: ComponentChildren;
};

function Field({ name, label, hint, error, required, children }: FieldProps) {
  const id = fieldId(name);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label class="field__label" for={id}>
        {label}
        {!required && <span class="field__optional"> (niet verplicht)</span>}
      </label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          <span class="visually-hidden">Fout: </span>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const id = fieldId(name);
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

type InputProps = {
  name: string;
  label: string;
  value?: unknown;
  hint?: string;
  errors?: FieldErrors | undefined;
  required?: boolean;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'search';
  autocomplete?: string;
  maxLength?: number;
  width?: 'short' | 'medium' | 'full';
};

export function TextField(p: InputProps) {
  const error = p.errors?.[p.name];
  return (
    <Field name={p.name} label={p.label} hint={p.hint} error={error} required={p.required ?? false}>
      <input
        class={`input input--${p.width ?? 'full'}`}
        id={fieldId(p.name)}
        name={p.name}
        type={(p.type ?? 'text') as 'text'}
        value={p.type === 'password' ? '' : str(p.value)}
        autocomplete={p.autocomplete}
        maxLength={p.maxLength}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      />
    </Field>
  );
}

export function TextArea(p: Omit<InputProps, 'type' | 'autocomplete'> & { rows?: number }) {
  const error = p.errors?.[p.name];
  return (
    <Field name={p.name} label={p.label} hint={p.hint} error={error} required={p.required ?? false}>
      <textarea
        class="input textarea"
        id={fieldId(p.name)}
        name={p.name}
        rows={p.rows ?? 5}
        maxLength={p.maxLength}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      >
        {str(p.value)}
      </textarea>
    </Field>
  );
}

export function NumberField(p: Omit<InputProps, 'type'> & { min?: number; max?: number }) {
  const error = p.errors?.[p.name];
  return (
    <Field name={p.name} label={p.label} hint={p.hint} error={error} required={p.required ?? false}>
      <input
        class="input input--short"
        id={fieldId(p.name)}
        name={p.name}
        type="text"
        inputMode="numeric"
        value={str(p.value)}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      />
    </Field>
  );
}

/** An amount in euros; `value` may be cents (number) or what the user typed (string). */
export function MoneyField(p: Omit<InputProps, 'type'>) {
  const error = p.errors?.[p.name];
  const hint = p.hint ?? 'Bedrag in euro, bv. 1.234,50';
  const shown = typeof p.value === 'number' ? formatEuro(p.value).replace('€ ', '') : str(p.value);
  return (
    <Field name={p.name} label={p.label} hint={hint} error={error} required={p.required ?? false}>
      <div class="input-prefix">
        <span class="input-prefix__symbol" aria-hidden="true">
          €
        </span>
        <input
          class="input input--medium"
          id={fieldId(p.name)}
          name={p.name}
          type="text"
          inputMode="decimal"
          value={shown}
          aria-required={p.required ? 'true' : undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(p.name, hint, error)}
        />
      </div>
    </Field>
  );
}

export function DateField(p: Omit<InputProps, 'type'>) {
  const error = p.errors?.[p.name];
  return (
    <Field name={p.name} label={p.label} hint={p.hint} error={error} required={p.required ?? false}>
      <input
        class="input input--medium"
        id={fieldId(p.name)}
        name={p.name}
        type="date"
        value={str(p.value)}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      />
    </Field>
  );
}

export function SelectField(p: Omit<InputProps, 'type'> & { options: Option[]; placeholder?: string }) {
  const error = p.errors?.[p.name];
  const current = str(p.value);
  return (
    <Field name={p.name} label={p.label} hint={p.hint} error={error} required={p.required ?? false}>
      <select
        class="input select"
        id={fieldId(p.name)}
        name={p.name}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      >
        {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

type ChoiceProps = Omit<InputProps, 'type'> & { options: Option[]; inline?: boolean };

function Choices({ multiple, ...p }: ChoiceProps & { multiple: boolean }) {
  const error = p.errors?.[p.name];
  const selected = new Set((Array.isArray(p.value) ? p.value : [p.value]).map(str));
  const id = fieldId(p.name);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <fieldset class="fieldset" aria-describedby={describedBy(p.name, p.hint, error)} id={id}>
        <legend class="field__label">
          {p.label}
          {!p.required && <span class="field__optional"> (niet verplicht)</span>}
        </legend>
        {p.hint && (
          <p class="field__hint" id={`${id}-hint`}>
            {p.hint}
          </p>
        )}
        {error && (
          <p class="field__error" id={`${id}-error`}>
            <span class="visually-hidden">Fout: </span>
            {error}
          </p>
        )}
        <div class={`choices${p.inline ? ' choices--inline' : ''}`}>
          {p.options.map((o, i) => {
            const optionId = `${id}-${i}`;
            return (
              <div class="choice">
                <input
                  class="choice__input"
                  id={optionId}
                  name={p.name}
                  type={multiple ? 'checkbox' : 'radio'}
                  value={o.value}
                  checked={selected.has(o.value)}
                />
                <label class="choice__label" for={optionId}>
                  {o.label}
                  {o.hint && <span class="field__hint choice__hint">{o.hint}</span>}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export const Radios = (p: ChoiceProps) => <Choices {...p} multiple={false} />;
export const Checkboxes = (p: ChoiceProps) => <Choices {...p} multiple={true} />;

export function FileField(p: Omit<InputProps, 'type'> & { accept?: string }) {
  const error = p.errors?.[p.name];
  return (
    <Field name={p.name} label={p.label} hint={p.hint} error={error} required={p.required ?? false}>
      <input
        class="input-file"
        id={fieldId(p.name)}
        name={p.name}
        type="file"
        accept={p.accept}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      />
    </Field>
  );
}

export function SubmitButton({
  children,
  variant = 'primary',
  name,
  value,
}: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'warning';
  name?: string;
  value?: string;
}) {
  return (
    <button type="submit" class={`button button--${variant}`} name={name} value={value}>
      {children}
    </button>
  );
}
