import type { Criterion } from './schema';

/** The review criteria every new call starts with; each call keeps its own copy as data. */
export const defaultCallCriteria: Criterion[] = [
  { code: 'quality', label: 'Kwaliteit en haalbaarheid van de aanpak', max: 10 },
  { code: 'reach', label: 'Bereik van de doelgroep, met aandacht voor vrouwen en meisjes', max: 10 },
  { code: 'anchoring', label: 'Duurzame verankering en samenwerking met partners', max: 10 },
];
