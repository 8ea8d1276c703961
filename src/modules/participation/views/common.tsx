import type { ComponentChildren } from 'preact';
import { formatDate } from '../../../core/i18n/format';
import { Tag } from '../../../core/views/table';
import type { Workflow } from '../../../core/workflow/workflow';
import { decimalHours, formatHours, TARGET_MINUTES } from '../rules';
import {
  audienceLabels,
  type CalendarType,
  categoryLabels,
  dutchLevelLabels,
  label,
  type Weekday,
  weekdayLabels,
} from '../vocab';

export function StatusTag<S extends string>({ workflow, status }: { workflow: Workflow<S>; status: string }) {
  const def = workflow.statuses[status as S];
  return <Tag kind={def?.class ?? 'neutral'}>{def?.label ?? status}</Tag>;
}

const listFormat = new Intl.ListFormat('nl-BE', { style: 'long', type: 'conjunction' });

export function weekdayText(days: string[]): string {
  return listFormat.format(days.map((d) => weekdayLabels[d as Weekday] ?? d));
}

/** When an activity takes place, in one plain sentence. */
export function whenText(o: {
  calendarType: string;
  dates: string[];
  startDate: string | null;
  endDate: string | null;
  weekdays: string[];
  timeNote?: string | null;
}): string {
  const type = o.calendarType as CalendarType;
  let text: string;
  if (type === 'single') text = `Op ${weekdayText(o.weekdays)} ${formatDate(o.dates[0])}`;
  else if (type === 'multiple') {
    const shown = o.dates.slice(0, 4).map((d) => formatDate(d));
    text = `Op ${listFormat.format(shown)}${o.dates.length > 4 ? ` en nog ${o.dates.length - 4} andere data` : ''}`;
  } else if (type === 'periodic') {
    text = `Elke ${weekdayText(o.weekdays)}, van ${formatDate(o.startDate)} tot ${formatDate(o.endDate)}`;
  } else {
    text = o.weekdays.length ? `Elke ${weekdayText(o.weekdays)}` : 'Op afspraak';
    if (o.endDate) text += `, tot ${formatDate(o.endDate)}`;
  }
  return o.timeNote ? `${text}, ${o.timeNote}` : text;
}

export function placesText(places: Array<{ municipalityName: string }>): string {
  const names = [...new Set(places.map((p) => p.municipalityName))];
  return listFormat.format(names);
}

export function OfferFacts({
  o,
}: {
  o: {
    category: string;
    dutchLevel: string;
    audience: string;
    womenOnly: boolean;
    childcare: boolean;
    sessionMinutes: number;
  };
}) {
  return (
    <p class="offer-facts">
      <Tag kind="waiting">{label(categoryLabels, o.category)}</Tag> {label(dutchLevelLabels, o.dutchLevel)} ·{' '}
      {formatHours(o.sessionMinutes)} per keer
      {o.audience !== 'everyone' && <> · {label(audienceLabels, o.audience)}</>}
      {o.childcare && <> · Met kinderopvang</>}
    </p>
  );
}

/** A progress bar to 40 validated hours, with the numbers in text for everyone. */
export function HoursProgress({ minutes, id = 'progress' }: { minutes: number; id?: string }) {
  const shown = Math.min(minutes, TARGET_MINUTES);
  return (
    <div class="hours-progress">
      <label for={id}>
        <strong>{decimalHours(minutes)} van de 40 uur</strong> gevalideerd
        {minutes >= TARGET_MINUTES ? ': het traject kan worden afgesloten.' : '.'}
      </label>
      <br />
      <progress id={id} max={TARGET_MINUTES} value={shown}>
        {decimalHours(minutes)} van de 40 uur
      </progress>
    </div>
  );
}

/** A number of people, or "minder dan 5" when the group is too small to show. */
export function Suppressed({
  value,
  hidden = '< 5',
  children,
}: {
  value: number | null;
  hidden?: string;
  children?: ComponentChildren;
}) {
  if (value === null)
    return (
      <span>
        <abbr title="Groepen kleiner dan 5 personen tonen we niet, om de privacy te beschermen.">
          {hidden}
        </abbr>
      </span>
    );
  return <span>{children ?? value}</span>;
}
