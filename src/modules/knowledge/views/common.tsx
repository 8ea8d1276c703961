import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../core/http/errors';
import { formatLongDate } from '../../../core/i18n/format';
import { fieldId } from '../../../core/views/form';
import { Tag } from '../../../core/views/table';
import type { StatusClass } from '../../../core/workflow/workflow';
import { type EventType, eventTypeLabels, themeLabel, utcToBrusselsLocal } from '../rules';
import {
  type PracticeStatus,
  practiceWorkflow,
  type RegistrationStatus,
  registrationWorkflow,
} from '../workflow';

export const weekday = new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', weekday: 'long' });

/** "dinsdag 12 mei 2026, 09:30 tot 12:00" (or across days). */
export function eventWhen(startsAt: Date, endsAt: Date): string {
  const s = utcToBrusselsLocal(startsAt);
  const e = utcToBrusselsLocal(endsAt);
  const day = `${weekday.format(startsAt)} ${formatLongDate(startsAt)}`;
  return s.date === e.date
    ? `${day}, ${s.time} tot ${e.time}`
    : `${day} ${s.time} tot ${weekday.format(endsAt)} ${formatLongDate(endsAt)} ${e.time}`;
}

export function RegistrationTag({
  status,
  public: isPublic,
}: {
  status: RegistrationStatus;
  public?: boolean;
}) {
  const s = registrationWorkflow.statuses[status];
  return <Tag kind={s.class as StatusClass}>{isPublic ? s.publicLabel : s.label}</Tag>;
}

export function PracticeTag({ status }: { status: PracticeStatus }) {
  const s = practiceWorkflow.statuses[status];
  return <Tag kind={s.class}>{s.label}</Tag>;
}

export function ThemeList({ codes }: { codes: readonly string[] }) {
  return <>{codes.map(themeLabel).join(', ')}</>;
}

export const typeLabel = (t: string) => eventTypeLabels[t as EventType] ?? t;

/** Free places as a sentence: "Nog 3 plaatsen vrij", "Volzet, 4 op de wachtlijst", "Geen limiet". */
export function placesText(e: {
  capacity: number | null;
  taken: number;
  waitlisted: number;
  waitlistEnabled: boolean;
}) {
  if (e.capacity === null) return 'Geen maximum aantal deelnemers';
  const free = Math.max(0, e.capacity - e.taken);
  if (free > 0) return `Nog ${free} van ${e.capacity} ${free === 1 ? 'plaats' : 'plaatsen'} vrij`;
  if (!e.waitlistEnabled) return `Volzet (${e.capacity} plaatsen)`;
  return `Volzet (${e.capacity} plaatsen), ${e.waitlisted} op de wachtlijst`;
}

/** A plain text input with a hint, e.g. a time "09:30" (the core fields have no time input). */
export function TimeField(p: {
  name: string;
  label: string;
  value?: unknown;
  errors?: FieldErrors | undefined;
  required?: boolean;
}) {
  const id = fieldId(p.name);
  const error = p.errors?.[p.name];
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label class="field__label" for={id}>
        {p.label}
        {!p.required && <span class="field__optional"> (niet verplicht)</span>}
      </label>
      <p class="field__hint" id={`${id}-hint`}>
        Bijvoorbeeld 09:30
      </p>
      {error && (
        <p class="field__error" id={`${id}-error`}>
          <span class="visually-hidden">Fout: </span>
          {error}
        </p>
      )}
      <input
        class="input input--short"
        id={id}
        name={p.name}
        type="time"
        value={p.value === undefined || p.value === null ? '' : String(p.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
    </div>
  );
}

/** A small POST form with one button (cancel, approve…), CSRF included. */
export function ActionButton(p: {
  csrf: string;
  action: string;
  label: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'warning';
  hidden?: Record<string, string>;
}) {
  return (
    <form method="post" action={p.action} class="inline-form">
      <input type="hidden" name="_csrf" value={p.csrf} />
      {Object.entries(p.hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={`button button--${p.variant ?? 'secondary'} button--small`}>
        {p.label}
      </button>
    </form>
  );
}

/** Turns paragraphs typed in a textarea into <p> elements (escaped by Preact). */
export function Paragraphs({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <>
      {text
        .split(/\r?\n\s*\r?\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p>
            {p.split(/\r?\n/).map((line, i) => (
              <>
                {i > 0 && <br />}
                {line}
              </>
            ))}
          </p>
        ))}
    </>
  );
}
