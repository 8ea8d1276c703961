import { describe, expect, it } from 'vitest';
import type { Membership, Principal } from '../../core/access/principal';
import type { Role } from '../../core/access/roles';
import { inScope, type LocalGovernment, scopeOf, sideOf } from './access';

function principal(role: Role, organisationId: string, agencyCode: string | null = null): Principal {
  const m: Membership = {
    id: 'm',
    role,
    organisationId,
    organisationName: 'Org',
    organisationType: agencyCode ? 'agency' : 'local_government',
    agencyCode,
    municipalityNis: null,
    networkCode: null,
  };
  return { userId: 'u1', name: 'X', email: 'x@example.be', memberships: [m], active: m };
}

const mechelen: LocalGovernment = {
  id: 'mechelen',
  name: 'Lokaal bestuur Mechelen',
  shortName: 'Mechelen',
  email: null,
  phone: null,
  municipalityNis: '12025',
  agencyCode: 'AGII',
};
const antwerpen: LocalGovernment = {
  ...mechelen,
  id: 'antwerpen',
  municipalityNis: '11002',
  agencyCode: 'ATLAS',
};

describe('who sees which local government', () => {
  it('gives an officer only their own local government', () => {
    const s = scopeOf(principal('local_officer', 'mechelen'));
    expect(inScope(s, mechelen, null)).toBe(true);
    expect(inScope(s, antwerpen, null)).toBe(false);
  });

  it("gives agency staff their agency's local governments, and not the other agency's", () => {
    const agii = scopeOf(principal('agency_staff', 'agii-org', 'AGII'));
    const atlas = scopeOf(principal('agency_staff', 'atlas-org', 'ATLAS'));
    expect(inScope(agii, mechelen, null)).toBe(true);
    expect(inScope(agii, antwerpen, null)).toBe(false);
    expect(inScope(atlas, antwerpen, null)).toBe(true);
    expect(inScope(atlas, mechelen, null)).toBe(false);
  });

  it('gives a contact person their portfolio only', () => {
    const s = scopeOf(principal('contact_person', 'agii-org', 'AGII'));
    expect(s).toEqual({ kind: 'portfolio', agencyCode: 'AGII', userId: 'u1' });
    expect(inScope(s, mechelen, new Set(['mechelen']))).toBe(true);
    expect(inScope(s, mechelen, new Set())).toBe(false);
    // Even a portfolio entry of another agency's local government stays out.
    expect(inScope(s, antwerpen, new Set(['antwerpen']))).toBe(false);
  });

  it('gives administrators everything and other roles nothing', () => {
    expect(inScope(scopeOf(principal('platform_admin', 'abb')), antwerpen, null)).toBe(true);
    for (const role of ['network_coordinator', 'partner_editor', 'counsellor'] as const) {
      expect(inScope(scopeOf(principal(role, 'x', 'AGII')), mechelen, null)).toBe(false);
    }
    expect(scopeOf(null)).toEqual({ kind: 'none' });
    expect(scopeOf(principal('agency_staff', 'x', null))).toEqual({ kind: 'none' });
  });

  it('knows which side of a conversation a role is on', () => {
    expect(sideOf(principal('local_officer', 'mechelen'))).toBe('local_government');
    expect(sideOf(principal('contact_person', 'agii-org', 'AGII'))).toBe('agency');
    expect(sideOf(principal('agency_staff', 'agii-org', 'AGII'))).toBe('agency');
    expect(sideOf(principal('platform_admin', 'abb'))).toBeNull();
  });
});
