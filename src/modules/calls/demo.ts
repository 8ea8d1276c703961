import { and, eq, inArray } from 'drizzle-orm';
import { organisations, users } from '../../core/access/schema';
import { systemActor, writeAudit } from '../../core/audit/audit';
import type { Db, Tx } from '../../core/db/client';
import { todayIso } from '../../core/i18n/format';
import { demoEmail, municipalities, organisationMunicipalities } from '../reference';
import { defaultCallCriteria } from './criteria';
import {
  advanceAmount,
  defaultEligibilityRules,
  duplicateKey,
  type Format,
  formats,
  grantAmount,
  quartersBetween,
  requestedAmount,
  settlement,
  structuredReference,
} from './rules';
import {
  type Criterion,
  callApplicationMunicipalities,
  callApplications,
  callBudgetEntries,
  callClaims,
  callCoverage,
  callPlanned,
  callReviews,
  calls,
  impulseGrants,
  oefenkansen,
} from './schema';
import type { ApplicationStatus, ClaimStatus } from './workflow';

export const DEMO_CALL_CODE = 'TOK';
export const DEMO_RATE_CENTS = 4850;

export const defaultCriteria: Criterion[] = defaultCallCriteria;

const shiftDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const firstOfMonth = (iso: string) => `${iso.slice(0, 7)}-01`;
const addMonths = (iso: string, months: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

/** The demo call's dates, relative to today so that the demo always has an open window and a past. */
export function demoCallDates(today = todayIso()) {
  const implementationStart = firstOfMonth(shiftDays(today, -300));
  return {
    applicationOpens: shiftDays(today, -330),
    applicationCloses: shiftDays(today, 45),
    implementationStart,
    implementationEnd: shiftDays(addMonths(implementationStart, 24), -1),
    interimCheckDate: addMonths(implementationStart, 9),
  };
}

export function demoCallValues(ownerOrganisationId: string, today = todayIso()) {
  const dates = demoCallDates(today);
  return {
    ownerOrganisationId,
    code: DEMO_CALL_CODE,
    title: 'Oproep taaloefenkansen Nederlands',
    summary:
      'Cofinanciering per georganiseerde oefenkans Nederlands, voor lokale besturen, intergemeentelijke samenwerkingsverbanden en vzw De Rand.',
    description: [
      'Naast de lessen Nederlands is het belangrijk dat nieuwkomers genoeg kansen krijgen om Nederlands te oefenen.',
      'Een oefenkans is een activiteit met Nederlands oefenen als hoofddoel. De deelnemers willen hun Nederlands verbeteren. Het zijn activiteiten buiten de lescontext en zonder certificering.',
      'Met deze oproep ondersteunt het Agentschap Integratie en Inburgering lokale besturen (behalve Antwerpen, Gent en de VGC), intergemeentelijke samenwerkingsverbanden en vzw De Rand (namens de faciliteitengemeenten) om oefenkansen op te zetten en te organiseren. Per georganiseerde oefenkans is er cofinanciering; het lokale bestuur legt zelf de andere helft bij.',
      'Voor Antwerpen, Gent en Brussel krijgen Atlas, Amal en het Huis van het Nederlands een financiële impuls.',
    ].join('\n\n'),
    ...dates,
    budgetCents: 150_000_000,
    rateCents: DEMO_RATE_CENTS,
    ownContributionPct: 50,
    maxUnitsPerApplicant: 5000,
    maxAmountPerApplicantCents: 5000 * DEMO_RATE_CENTS,
    advancePct: 50,
    interimThresholdPct: 25,
    eligibilityRules: defaultEligibilityRules,
    criteria: defaultCriteria,
  };
}

/** A small deterministic generator, so the demo looks the same on every machine. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const titles: Array<[string, Format]> = [
  ['Praattafel in de bib', 'conversation_table'],
  ['Taalwandeling in het park', 'walk'],
  ['Babbelonie', 'conversation_table'],
  ['Taalbuddy’s op stap', 'buddy'],
  ['Nederlands op de werkvloer', 'workplace'],
  ['Online praatcafé', 'digital'],
  ['Kookatelier in het Nederlands', 'other'],
  ['Vrouwenpraatgroep', 'conversation_table'],
  ['Wandelen en babbelen', 'walk'],
  ['Moestuin en taal', 'other'],
];
const places = [
  'Bibliotheek',
  'Ontmoetingscentrum',
  'Buurthuis',
  'Sociaal huis',
  'Park',
  'Cultuurcentrum',
  'Online',
];
const partners = ['OCMW', 'Bibliotheek', 'Buurtwerk De Brug vzw', 'Vormingplus', 'CVO', null];

export function demoRegisterRows(
  count: number,
  nis: string[],
  from: string,
  to: string,
  seed: number,
): Array<typeof oefenkansen.$inferInsert> {
  const next = random(seed);
  const span = Math.max(
    1,
    Math.round(
      (new Date(`${to}T12:00:00Z`).getTime() - new Date(`${from}T12:00:00Z`).getTime()) / 86_400_000,
    ),
  );
  const rows: Array<typeof oefenkansen.$inferInsert> = [];
  for (let i = 0; i < count; i++) {
    const [title, format] = titles[Math.floor(next() * titles.length)]!;
    const place = `${places[Math.floor(next() * places.length)]} ${1 + Math.floor(next() * 4)}`;
    const date = shiftDays(from, Math.floor(next() * span));
    const participants = 4 + Math.floor(next() * 14);
    const women = Math.floor(participants * (0.4 + next() * 0.4));
    const key = duplicateKey(date, place, `${title} ${i}`);
    rows.push({
      date,
      title: `${title} ${i}`,
      municipalityNis: nis[Math.floor(next() * nis.length)]!,
      place,
      partner: partners[Math.floor(next() * partners.length)] ?? null,
      format,
      durationMinutes: [60, 90, 120][Math.floor(next() * 3)]!,
      participants,
      women,
      men: participants - women,
      otherGender: null,
      mainGoalDutch: true,
      outsideLesson: true,
      noCertification: true,
      duplicateKey: key,
      duplicate: false,
      source: 'csv',
    });
  }
  return rows;
}

type DemoApplication = {
  org: { nis: string } | { type: string; name?: string };
  status: ApplicationStatus;
  planned: number;
  granted?: number;
  realised?: number;
  /** Status of the advance and, when present, the balance claim. */
  advance?: ClaimStatus;
  balance?: ClaimStatus;
  scores?: [number, number, number];
  note?: string;
};

const demoApplications: DemoApplication[] = [
  { org: { nis: '12021' }, status: 'draft', planned: 0 },
  { org: { nis: '12005' }, status: 'submitted', planned: 240 },
  { org: { nis: '12040' }, status: 'admissible', planned: 400, scores: [7, 6, 6] },
  {
    org: { nis: '11005' },
    status: 'not_admissible',
    planned: 120,
    note: 'De aanvraag kwam binnen zonder aanpak en zonder planning per kwartaal.',
  },
  { org: { nis: '24062' }, status: 'assessed', planned: 1800, scores: [8, 8, 7] },
  {
    org: { nis: '31005' },
    status: 'rejected',
    planned: 900,
    scores: [3, 4, 2],
    note: 'De oefenkansen zijn lessen met een toets: ze vallen niet onder de definitie van een oefenkans.',
  },
  {
    org: { nis: '41002' },
    status: 'granted',
    planned: 1200,
    granted: 1200,
    realised: 1250,
    advance: 'paid',
    balance: 'requested',
    scores: [9, 8, 8],
  },
  {
    org: { nis: '34022' },
    status: 'granted',
    planned: 600,
    granted: 500,
    realised: 420,
    advance: 'paid',
    balance: 'paid',
    scores: [8, 7, 7],
  },
  {
    org: { nis: '71072' },
    status: 'granted',
    planned: 800,
    granted: 800,
    realised: 150,
    advance: 'finance_approved',
    scores: [7, 7, 8],
  },
  {
    org: { type: 'intermunicipal_partnership' },
    status: 'granted',
    planned: 1000,
    granted: 900,
    realised: 310,
    advance: 'programme_approved',
    scores: [8, 9, 8],
  },
  {
    org: { type: 'de_rand' },
    status: 'granted',
    planned: 300,
    granted: 300,
    realised: 40,
    advance: 'requested',
    scores: [8, 8, 9],
  },
];

async function insertClaim(
  tx: Tx,
  values: Omit<typeof callClaims.$inferInsert, 'structuredReference'>,
  year: number,
) {
  const [row] = await tx
    .insert(callClaims)
    .values({ ...values, structuredReference: '' })
    .returning();
  const [claim] = await tx
    .update(callClaims)
    .set({ structuredReference: structuredReference((year % 100) * 100_000_000 + row!.number) })
    .where(eq(callClaims.id, row!.id))
    .returning();
  return claim!;
}

/** The demo call with applications in every status, registers, payouts and the three impulse grants. */
export async function seedCallsDemo(db: Db): Promise<void> {
  const today = todayIso();
  const year = Number(today.slice(0, 4));
  await db.transaction(async (tx) => {
    const [agii] = await tx.select().from(organisations).where(eq(organisations.agencyCode, 'AGII'));
    if (!agii) return;
    const [staff] = await tx
      .select()
      .from(users)
      .where(eq(users.email, demoEmail('medewerker.agii')));
    const [contact] = await tx
      .select()
      .from(users)
      .where(eq(users.email, demoEmail('aanspreekpersoon.agii')));
    const [finance] = await tx
      .select()
      .from(users)
      .where(eq(users.email, demoEmail('financien.agii')));
    const [call] = await tx.insert(calls).values(demoCallValues(agii.id, today)).returning();
    await writeAudit(tx, systemActor, {
      action: 'call.created',
      entityType: 'call',
      entityId: call!.id,
      ownerOrganisationId: agii.id,
      after: call,
    });
    const quarters = quartersBetween(call!.implementationStart, call!.implementationEnd);
    const registerEnd = shiftDays(today, -1);

    let seed = 1;
    for (const spec of demoApplications) {
      seed++;
      const [org] =
        'nis' in spec.org
          ? await tx
              .select()
              .from(organisations)
              .where(
                and(
                  eq(organisations.type, 'local_government'),
                  eq(organisations.municipalityNis, spec.org.nis),
                ),
              )
          : await tx
              .select()
              .from(organisations)
              .where(eq(organisations.type, spec.org.type))
              .orderBy(organisations.createdAt)
              .limit(1);
      if (!org) continue;
      const members =
        'nis' in spec.org
          ? [spec.org.nis]
          : spec.org.type === 'de_rand'
            ? [...defaultEligibilityRules.deRandMunicipalities]
            : (
                await tx
                  .select({ nis: organisationMunicipalities.municipalityNis })
                  .from(organisationMunicipalities)
                  .where(eq(organisationMunicipalities.organisationId, org.id))
              ).map((r) => r.nis);
      const amount = requestedAmount(spec.planned, call!);
      const grantedAmount = spec.granted ? grantAmount(spec.granted, call!) : null;
      const submitted = spec.status !== 'draft';
      const decided = ['granted', 'rejected', 'not_admissible'].includes(spec.status);
      const [application] = await tx
        .insert(callApplications)
        .values({
          callId: call!.id,
          applicantOrganisationId: org.id,
          status: spec.status,
          contactName: `Dienst samenleven ${org.shortName ?? org.name}`,
          contactEmail: `samenleven@${(org.shortName ?? 'bestuur').toLowerCase().replace(/[^a-z]+/g, '')}.be`,
          accountHolder: org.name,
          iban: 'BE68539007547034',
          approach:
            spec.planned > 0
              ? 'We organiseren wekelijkse praattafels in de bibliotheek en taalwandelingen met vrijwilligers, samen met het OCMW en lokale verenigingen.'
              : null,
          targetGroups:
            spec.planned > 0 ? 'Nieuwkomers in het inburgeringstraject en anderstalige ouders.' : null,
          womenAndGirls:
            spec.planned > 0
              ? 'Een aparte praatgroep voor vrouwen overdag, met kinderopvang, en samenwerking met vrouwenverenigingen.'
              : null,
          stepsDone:
            spec.planned > 0
              ? ['applicant', 'municipalities', 'planning', 'approach']
              : ['applicant', 'municipalities'],
          plannedUnits: spec.planned,
          requestedAmountCents: amount.amountCents,
          grantedUnits: spec.granted ?? null,
          grantedAmountCents: grantedAmount,
          decisionNote: spec.note ?? null,
          decidedAt: decided ? new Date() : null,
          decidedBy: decided ? (staff?.id ?? null) : null,
          submittedAt: submitted ? new Date() : null,
          finalReportAt: spec.balance ? new Date() : null,
        })
        .returning();
      const a = application!;
      await tx
        .insert(callApplicationMunicipalities)
        .values(members.map((nis) => ({ applicationId: a.id, municipalityNis: nis })));
      if (['submitted', 'admissible', 'assessed', 'granted'].includes(spec.status)) {
        await tx
          .insert(callCoverage)
          .values(members.map((nis) => ({ callId: call!.id, municipalityNis: nis, applicationId: a.id })));
      }
      if (spec.planned > 0) {
        // Spread the planned number over the formats and the first quarters.
        const cells: Array<{ format: Format; quarter: string; units: number }> = [];
        const used = quarters.slice(0, 6);
        const perCell = Math.floor(spec.planned / (3 * used.length));
        let rest = spec.planned;
        for (const q of used) {
          for (const f of [formats[0], formats[1], formats[3]] as Format[]) {
            cells.push({ format: f, quarter: q, units: perCell });
            rest -= perCell;
          }
        }
        cells[0]!.units += rest;
        await tx
          .insert(callPlanned)
          .values(cells.filter((c) => c.units > 0).map((c) => ({ ...c, applicationId: a.id })));
      }
      if (spec.scores && staff) {
        const scores = { quality: spec.scores[0], reach: spec.scores[1], anchoring: spec.scores[2] };
        await tx.insert(callReviews).values({
          applicationId: a.id,
          reviewerUserId: staff.id,
          scores,
          totalScore: spec.scores[0] + spec.scores[1] + spec.scores[2],
          comment: 'Duidelijke aanpak, realistische planning.',
        });
      }
      if (spec.status === 'granted' && grantedAmount !== null) {
        await tx.insert(callBudgetEntries).values({
          callId: call!.id,
          applicationId: a.id,
          kind: 'commitment',
          amountCents: grantedAmount,
          note: `Toekenning ${DEMO_CALL_CODE}-${String(a.number).padStart(4, '0')}`,
          createdBy: staff?.id ?? null,
        });
        const rows = demoRegisterRows(
          spec.realised ?? 0,
          members,
          call!.implementationStart,
          registerEnd,
          seed,
        );
        for (let i = 0; i < rows.length; i += 500) {
          await tx
            .insert(oefenkansen)
            .values(rows.slice(i, i + 500).map((r) => ({ ...r, applicationId: a.id, createdBy: null })));
        }
        const advance = advanceAmount(grantedAmount, call!.advancePct);
        const approvals = (status: ClaimStatus) => ({
          programmeApprovedBy: status !== 'requested' ? (contact?.id ?? null) : null,
          programmeApprovedAt: status !== 'requested' ? new Date() : null,
          financeApprovedBy: ['finance_approved', 'paid'].includes(status) ? (finance?.id ?? null) : null,
          financeApprovedAt: ['finance_approved', 'paid'].includes(status) ? new Date() : null,
          paidAt: status === 'paid' ? new Date() : null,
        });
        if (spec.advance) {
          const claim = await insertClaim(
            tx,
            {
              applicationId: a.id,
              kind: 'advance',
              status: spec.advance,
              amountCents: advance,
              beneficiaryName: org.name,
              iban: 'BE68539007547034',
              ...approvals(spec.advance),
            },
            year,
          );
          if (spec.advance === 'paid') {
            await tx.insert(callBudgetEntries).values({
              callId: call!.id,
              applicationId: a.id,
              claimId: claim.id,
              kind: 'payment',
              amountCents: advance,
              note: 'Voorschot',
            });
          }
        }
        if (spec.balance) {
          const s = settlement({
            grantedUnits: spec.granted!,
            grantedAmountCents: grantedAmount,
            rateCents: call!.rateCents,
            eligibleRealised: spec.realised ?? 0,
            alreadyPaidCents: advance,
          });
          const claim = await insertClaim(
            tx,
            {
              applicationId: a.id,
              kind: 'balance',
              status: spec.balance,
              amountCents: s.balanceCents,
              recoveryCents: s.recoveryCents,
              realisedUnits: spec.realised ?? 0,
              countedUnits: s.countedUnits,
              beneficiaryName: org.name,
              iban: 'BE68539007547034',
              ...approvals(spec.balance),
            },
            year,
          );
          if (spec.balance === 'paid') {
            const entries: Array<typeof callBudgetEntries.$inferInsert> = [];
            if (s.balanceCents > 0) {
              entries.push({
                callId: call!.id,
                applicationId: a.id,
                claimId: claim.id,
                kind: 'payment',
                amountCents: s.balanceCents,
                note: 'Saldo',
              });
            }
            if (s.recoveryCents > 0) {
              entries.push({
                callId: call!.id,
                applicationId: a.id,
                claimId: claim.id,
                kind: 'recovery',
                amountCents: s.recoveryCents,
                note: 'Terugvordering',
              });
            }
            if (grantedAmount - s.entitledCents > 0) {
              entries.push({
                callId: call!.id,
                applicationId: a.id,
                claimId: claim.id,
                kind: 'release',
                amountCents: -(grantedAmount - s.entitledCents),
                note: 'Vrijgegeven na saldo',
              });
            }
            if (entries.length) await tx.insert(callBudgetEntries).values(entries);
          }
        }
      }
      await writeAudit(tx, systemActor, {
        action: 'call_application.demo_created',
        entityType: 'call_application',
        entityId: a.id,
        ownerOrganisationId: org.id,
        after: a,
      });
    }

    // Impulse grants for Antwerpen, Gent and Brussel.
    const agencies = await tx
      .select()
      .from(organisations)
      .where(inArray(organisations.agencyCode, ['ATLAS', 'AMAL', 'HVN']));
    const brussels = (
      await tx
        .select({ nis: municipalities.nis })
        .from(municipalities)
        .where(eq(municipalities.region, 'BRU'))
        .orderBy(municipalities.nis)
    ).map((r) => r.nis);
    const impulses = [
      { code: 'ATLAS', area: 'Antwerpen', nis: ['11002'], amount: 45_000_000, realised: 60 },
      { code: 'AMAL', area: 'Gent', nis: ['44021'], amount: 35_000_000, realised: 45 },
      { code: 'HVN', area: 'Brussel', nis: brussels, amount: 40_000_000, realised: 30 },
    ];
    for (const [i, imp] of impulses.entries()) {
      const recipient = agencies.find((o) => o.agencyCode === imp.code);
      if (!recipient) continue;
      const [grant] = await tx
        .insert(impulseGrants)
        .values({
          ownerOrganisationId: agii.id,
          recipientOrganisationId: recipient.id,
          title: `Financiële impuls oefenkansen Nederlands ${imp.area}`,
          area: imp.area,
          municipalityNis: imp.nis,
          amountCents: imp.amount,
          periodStart: call!.implementationStart,
          periodEnd: call!.implementationEnd,
        })
        .returning();
      const rows = demoRegisterRows(imp.realised, imp.nis, call!.implementationStart, registerEnd, 100 + i);
      await tx.insert(oefenkansen).values(rows.map((r) => ({ ...r, impulseGrantId: grant!.id })));
      await writeAudit(tx, systemActor, {
        action: 'impulse_grant.created',
        entityType: 'impulse_grant',
        entityId: grant!.id,
        ownerOrganisationId: recipient.id,
        after: grant,
      });
    }
  });
}
