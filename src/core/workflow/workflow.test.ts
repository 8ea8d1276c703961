import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError } from '../http/errors';
import { availableTransitions, countingStatuses, defineWorkflow, transition } from './workflow';

const wf = defineWorkflow(
  'example',
  [
    { code: 'draft', label: 'Ontwerp', publicLabel: 'Ontwerp', class: 'neutral', counts: false },
    { code: 'submitted', label: 'Ingediend', publicLabel: 'Ingediend', class: 'pending', counts: true },
    {
      code: 'done',
      label: 'Afgerond',
      publicLabel: 'Afgerond',
      class: 'positive',
      counts: true,
      final: true,
    },
  ],
  [
    { from: 'draft', to: 'submitted', action: 'submit', label: 'Indienen', roles: ['local_officer'] },
    {
      from: ['submitted'],
      to: 'done',
      action: 'close',
      label: 'Afronden',
      roles: ['agency_staff', 'contact_person'],
    },
  ],
);

describe('workflow helper', () => {
  it('moves a record along an allowed transition', () => {
    expect(transition(wf, 'draft', 'submit', 'local_officer')).toBe('submitted');
    expect(transition(wf, 'submitted', 'close', 'contact_person')).toBe('done');
  });
  it('refuses a role that may not take the step', () => {
    expect(() => transition(wf, 'draft', 'submit', 'agency_staff')).toThrow(ForbiddenError);
  });
  it('refuses a step from the wrong status as a conflict', () => {
    expect(() => transition(wf, 'done', 'submit', 'local_officer')).toThrow(ConflictError);
  });
  it('lists what a role can do next', () => {
    expect(availableTransitions(wf, 'submitted', 'agency_staff').map((t) => t.action)).toEqual(['close']);
    expect(availableTransitions(wf, 'submitted', 'local_officer')).toEqual([]);
  });
  it('knows which statuses count', () => {
    expect(countingStatuses(wf)).toEqual(['submitted', 'done']);
  });
  it('rejects a transition to an unknown status at definition time', () => {
    expect(() =>
      defineWorkflow(
        'bad',
        [{ code: 'a', label: 'A', publicLabel: 'A', class: 'neutral', counts: false }],
        [{ from: 'a', to: 'b' as 'a', action: 'x', label: 'X', roles: [] }],
      ),
    ).toThrow();
  });
});
