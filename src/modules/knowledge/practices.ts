import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { can, definePolicy } from '../../core/access/policy';
import type { Principal } from '../../core/access/principal';
import type { Role } from '../../core/access/roles';
import { organisations, users } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import { enqueueMail } from '../../core/mail/mail';
import { transition } from '../../core/workflow/workflow';
import { municipalities } from '../reference';
import { localGovernmentTypes, themes } from './rules';
import { practices } from './schema';
import { editorRoles, type PracticeStatus, practiceSubmitterRoles, practiceWorkflow } from './workflow';

type PracticeResource = { type: 'knowledge_practice'; organisationId: string; status: string };

const isEditor = (p: Principal) => (editorRoles as readonly Role[]).includes(p.active.role);

/** Local governments and agencies submit good practices. */
definePolicy('knowledge_practice', 'submit', (p: Principal) => {
  if (!(practiceSubmitterRoles as readonly Role[]).includes(p.active.role)) return false;
  return (
    p.active.role === 'platform_admin' ||
    localGovernmentTypes.includes(p.active.organisationType) ||
    p.active.organisationType === 'agency'
  );
});
/** Editors (agency staff, administrators) publish or send back. */
definePolicy('knowledge_practice', 'edit', (p: Principal) => isEditor(p));
/** Published practices are for everyone; others only for the submitting organisation and editors. */
definePolicy<PracticeResource>(
  'knowledge_practice',
  'read',
  (p, r) => r.status === 'published' || isEditor(p) || p.active.organisationId === r.organisationId,
);
/** The submitting organisation changes its practice until it is published; editors always. */
definePolicy<PracticeResource>(
  'knowledge_practice',
  'update',
  (p, r) => isEditor(p) || (p.active.organisationId === r.organisationId && r.status !== 'published'),
);

export const canSubmitPractice = (p: Principal | null | undefined) =>
  can(p, 'submit', { type: 'knowledge_practice' });
export const isPracticeEditor = (p: Principal | null | undefined) =>
  can(p, 'edit', { type: 'knowledge_practice' });
const resource = (row: { organisationId: string; status: string }): PracticeResource => ({
  type: 'knowledge_practice',
  organisationId: row.organisationId,
  status: row.status,
});

const practiceColumns = {
  id: practices.id,
  title: practices.title,
  summary: practices.summary,
  theme: practices.theme,
  municipalityNis: practices.municipalityNis,
  municipalityName: municipalities.name,
  approach: practices.approach,
  results: practices.results,
  contactName: practices.contactName,
  contactEmail: practices.contactEmail,
  organisationId: practices.organisationId,
  organisationName: organisations.name,
  status: practices.status,
  editorNote: practices.editorNote,
  publishedAt: practices.publishedAt,
  createdAt: practices.createdAt,
  updatedAt: practices.updatedAt,
};

function practiceQuery(db: Executor) {
  return db
    .select(practiceColumns)
    .from(practices)
    .innerJoin(organisations, eq(organisations.id, practices.organisationId))
    .leftJoin(municipalities, eq(municipalities.nis, practices.municipalityNis));
}

const optionalFilter = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);

export const practiceFilterSchema = z.object({
  q: optionalFilter(200),
  theme: z.enum(themes).optional().catch(undefined),
  municipality: z
    .string()
    .regex(/^\d{5}$/)
    .optional()
    .catch(undefined),
});
export type PracticeFilter = z.infer<typeof practiceFilterSchema>;

/**
 * Published practices, searched with PostgreSQL's Dutch configuration (stemming: "vrijwilliger"
 * finds "vrijwilligers"), best matches first.
 */
export async function searchPractices(db: Executor, filter: PracticeFilter, page: Page) {
  const conditions: SQL[] = [eq(practices.status, 'published')];
  const query = filter.q ? sql`websearch_to_tsquery('dutch', ${filter.q})` : null;
  if (query) conditions.push(sql`${practices.search} @@ ${query}`);
  if (filter.theme) conditions.push(eq(practices.theme, filter.theme));
  if (filter.municipality) conditions.push(eq(practices.municipalityNis, filter.municipality));
  const where = and(...conditions);
  const [items, [total]] = await Promise.all([
    practiceQuery(db)
      .where(where)
      .orderBy(
        ...(query ? [desc(sql`ts_rank(${practices.search}, ${query})`)] : []),
        desc(practices.publishedAt),
        asc(practices.id),
      )
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(practices).where(where),
  ]);
  return { items: items.map(withStatus), total: total?.n ?? 0 };
}

const withStatus = <T extends { status: string }>(r: T) => ({ ...r, status: r.status as PracticeStatus });
export type PracticeRow = ReturnType<typeof withStatus<Awaited<ReturnType<typeof practiceQuery>>[number]>>;

/** One practice: published for everyone; otherwise only for its organisation and the editors. */
export async function getPractice(db: Executor, principal: Principal | null, id: string) {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('Deze goede praktijk bestaat niet.');
  const [row] = await practiceQuery(db).where(eq(practices.id, id));
  if (!row) throw new NotFoundError('Deze goede praktijk bestaat niet.');
  if (row.status !== 'published' && !can(principal, 'read', resource(row)))
    throw new NotFoundError('Deze goede praktijk bestaat niet.');
  return withStatus(row);
}

export const canUpdatePractice = (
  p: Principal | null | undefined,
  row: { organisationId: string; status: string },
) => can(p, 'update', resource(row));

/** Editors see every practice waiting for them; others the practices of their own organisation. */
export async function listManagedPractices(
  ctx: ServiceContext,
  status: PracticeStatus | undefined,
  page: Page,
) {
  const user = ctx.user;
  const editor = isEditor(user);
  const conditions: SQL[] = [];
  if (!editor) conditions.push(eq(practices.organisationId, user.active.organisationId));
  if (status) conditions.push(eq(practices.status, status));
  else if (editor) conditions.push(inArray(practices.status, ['submitted', 'sent_back']));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    practiceQuery(ctx.db)
      .where(where)
      .orderBy(desc(practices.updatedAt), asc(practices.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(practices).where(where),
  ]);
  return { items: items.map(withStatus), total: total?.n ?? 0, editor };
}

export const practiceInputSchema = z.object({
  title: fields.requiredText('een titel', 200),
  summary: fields.requiredText('een korte samenvatting', 1000),
  theme: z.enum(themes, { error: 'Kies een thema.' }),
  municipalityNis: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(
      z
        .string()
        .regex(/^\d{5}$/, { error: 'Kies een gemeente uit de lijst.' })
        .nullable(),
    ),
  approach: fields.requiredText('de aanpak', 10_000),
  results: fields.optionalText('de resultaten', 10_000),
  contactName: fields.requiredText('de naam van de contactpersoon', 200),
  contactEmail: fields.email(),
});

async function readPracticeInput(db: Executor, input: unknown) {
  const data = parseInput(practiceInputSchema, input);
  if (data.municipalityNis) {
    const [m] = await db
      .select({ nis: municipalities.nis })
      .from(municipalities)
      .where(eq(municipalities.nis, data.municipalityNis));
    if (!m) throw new ValidationError({ municipalityNis: 'Kies een gemeente uit de lijst.' });
  }
  return data;
}

export async function submitPractice(ctx: ServiceContext, input: unknown) {
  const user = ctx.user;
  if (!canSubmitPractice(user))
    throw new ForbiddenError('Goede praktijken worden ingediend door lokale besturen en agentschappen.');
  const data = await readPracticeInput(ctx.db, input);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(practices)
      .values({
        ...data,
        organisationId: user.active.organisationId,
        submittedByUserId: user.userId,
        status: 'submitted',
      })
      .returning();
    const { search: _search, ...after } = row!;
    await writeAudit(tx, ctx.actor, {
      action: 'practice.submitted',
      entityType: 'knowledge_practice',
      entityId: row!.id,
      ownerOrganisationId: row!.organisationId,
      after,
    });
    return row!;
  });
}

async function practiceForChange(ctx: ServiceContext, id: string) {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('Deze goede praktijk bestaat niet.');
  const [row] = await ctx.db.select().from(practices).where(eq(practices.id, id));
  if (!row || !can(ctx.user, 'read', resource(row)))
    throw new NotFoundError('Deze goede praktijk bestaat niet.');
  return row;
}

/** Changes a practice; a practice that was sent back goes back to the editors with the change. */
export async function updatePractice(ctx: ServiceContext, id: string, input: unknown) {
  const user = ctx.user;
  const before = await practiceForChange(ctx, id);
  if (!canUpdatePractice(user, before)) {
    if (before.organisationId === user.active.organisationId)
      throw new ForbiddenError('Deze praktijk is gepubliceerd. Vraag de redactie om een wijziging.');
    throw new NotFoundError('Deze goede praktijk bestaat niet.');
  }
  const data = await readPracticeInput(ctx.db, input);
  const resubmit = before.status === 'sent_back' && !isEditor(user);
  const status = resubmit
    ? transition(practiceWorkflow, 'sent_back', 'resubmit', user.active.role)
    : (before.status as PracticeStatus);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .update(practices)
      .set({ ...data, status, updatedAt: new Date() })
      .where(and(eq(practices.id, id), eq(practices.status, before.status)))
      .returning();
    if (!row)
      throw new ValidationError({
        title: 'Iemand anders heeft deze praktijk net gewijzigd. Laad de pagina opnieuw.',
      });
    const { search: _a, ...b } = before;
    const { search: _b, ...after } = row;
    await writeAudit(tx, ctx.actor, {
      action: resubmit ? 'practice.resubmitted' : 'practice.updated',
      entityType: 'knowledge_practice',
      entityId: id,
      ownerOrganisationId: row.organisationId,
      before: b,
      after,
    });
    return row;
  });
}

export const sendBackSchema = z.object({
  note: fields.requiredText('wat er moet veranderen', 2000),
});

/** An editor publishes (`publish`) or sends back with a note (`send_back`); the submitter is told. */
export async function reviewPractice(
  ctx: ServiceContext,
  id: string,
  action: 'publish' | 'send_back',
  input: unknown,
) {
  const user = ctx.user;
  const before = await practiceForChange(ctx, id);
  if (!isEditor(user)) throw new ForbiddenError('Alleen de redactie publiceert goede praktijken.');
  // The status decides first: a step it no longer allows is a 409, not an error on a form the page hides.
  const to = transition(practiceWorkflow, before.status as PracticeStatus, action, user.active.role);
  const note = action === 'send_back' ? parseInput(sendBackSchema, input).note : null;
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .update(practices)
      .set({
        status: to,
        editorNote: note,
        publishedAt: to === 'published' ? new Date() : before.publishedAt,
        updatedAt: new Date(),
      })
      .where(and(eq(practices.id, id), eq(practices.status, before.status)))
      .returning();
    if (!row)
      throw new ConflictError('Iemand anders heeft deze praktijk net behandeld. Laad de pagina opnieuw.');
    await writeAudit(tx, ctx.actor, {
      action: to === 'published' ? 'practice.published' : 'practice.sent_back',
      entityType: 'knowledge_practice',
      entityId: id,
      ownerOrganisationId: row.organisationId,
      before: { status: before.status },
      after: { status: to, editorNote: note },
    });
    const [submitter] = before.submittedByUserId
      ? await tx
          .select({ name: users.name, email: users.email })
          .from(users)
          .where(eq(users.id, before.submittedByUserId))
      : [];
    if (submitter) {
      const url = `${ctx.config.baseUrl}/goede-praktijken/${id}`;
      await enqueueMail(tx, {
        to: submitter.email,
        subject: to === 'published' ? `Gepubliceerd: ${before.title}` : `Aan te passen: ${before.title}`,
        text: [
          `Dag ${submitter.name},`,
          '',
          to === 'published'
            ? `Uw goede praktijk "${before.title}" staat nu online. Bedankt om ze te delen!`
            : `De redactie vraagt om uw goede praktijk "${before.title}" aan te passen:\n\n${note}\n\nPas ze aan en dien ze opnieuw in.`,
          '',
          url,
          '',
          'Met vriendelijke groeten,',
          'De redactie van Regiekamer',
        ].join('\n'),
      });
    }
    return row;
  });
}

/** The newest published practices, for the home page. */
export async function latestPractices(db: Executor, limit = 3) {
  const rows = await practiceQuery(db)
    .where(eq(practices.status, 'published'))
    .orderBy(desc(practices.publishedAt))
    .limit(limit);
  return rows.map(withStatus);
}
