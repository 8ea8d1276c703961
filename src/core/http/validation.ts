import { z } from 'zod';
import { type FieldErrors, ValidationError } from './errors';

z.config(z.locales.nl());

/** Maps zod issues to one Dutch message per field (the first issue wins). */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_form';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** Parses input with a schema, or throws a ValidationError carrying field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error));
  return result.data;
}

/** Reusable form field schemas with Dutch messages. */
export const fields = {
  requiredText: (label: string, max = 200) =>
    z
      .string({ error: `Vul ${label} in.` })
      .trim()
      .min(1, { error: `Vul ${label} in.` })
      .max(max, { error: `${capitalise(label)} mag hoogstens ${max} tekens lang zijn.` }),
  optionalText: (label: string, max = 2000) =>
    z
      .string()
      .trim()
      .max(max, { error: `${capitalise(label)} mag hoogstens ${max} tekens lang zijn.` })
      .optional()
      .transform((v) => (v ? v : null)),
  email: () =>
    z
      .string({ error: 'Vul een e-mailadres in.' })
      .trim()
      .min(1, { error: 'Vul een e-mailadres in.' })
      .max(254, { error: 'Het e-mailadres is te lang.' })
      .pipe(z.email({ error: 'Vul een geldig e-mailadres in, bv. naam@gemeente.be.' })),
  /** A checkbox group or multi-select: absent, one value or several. */
  many: <T extends z.ZodType>(item: T) =>
    z
      .union([item, z.array(item)])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
