import { z } from 'zod';

/** RFC 9457 problem details, as every API error is answered. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

const titles: Record<number, string> = {
  400: 'Ongeldige aanvraag',
  401: 'Niet aangemeld',
  403: 'Geen toegang',
  404: 'Niet gevonden',
  405: 'Methode niet toegestaan',
  409: 'Conflict',
  413: 'Te groot',
  415: 'Niet-ondersteund formaat',
  422: 'Ongeldige gegevens',
  429: 'Te veel aanvragen',
  500: 'Interne fout',
  503: 'Dienst niet beschikbaar',
};

export function problem(status: number, detail?: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `https://regiekamer.vlaanderen.be/problems/${status}`,
    title: titles[status] ?? 'Fout',
    status,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}
