import { describe, expect, it } from 'vitest';
import {
  filterFromApiQuery,
  filterFromPublicQuery,
  publicQueryOf,
  publicSearchQuery,
  searchTokens,
} from './search';

describe('search input', () => {
  it('keeps only letters and digits as search words', () => {
    expect(searchTokens("Taalcafé in 't Gent!!")).toEqual(['taalcafé', 'in', 't', 'gent']);
    expect(searchTokens("'); drop table x; --")).toEqual(['drop', 'table', 'x']);
    expect(searchTokens('%%% ___ \\ "(&|!:*')).toEqual([]);
    expect(searchTokens('مرحبا كيف')).toEqual(['مرحبا', 'كيف']);
    expect(searchTokens('a '.repeat(50)).length).toBe(1);
    expect(searchTokens('een twee drie vier vijf zes zeven acht negen tien')).toHaveLength(8);
  });

  it('reads the public query string and never fails on odd values', () => {
    const parsed = publicSearchQuery.parse({
      q: 'taal',
      gemeente: '43005',
      buurt: '1',
      categorie: ['language_practice', 'nope'],
      dag: 'za',
      niveau: 'A1',
      vrouwen: 'on',
      sorteer: 'titel',
    });
    const filter = filterFromPublicQuery(parsed);
    expect(filter).toMatchObject({
      q: 'taal',
      municipality: '43005',
      nearby: true,
      categories: ['language_practice'],
      weekdays: ['za'],
      dutchLevel: 'A1',
      womenOnly: true,
      childcare: false,
      sort: 'titel',
    });
    // The filter goes back into the same URL (shareable)
    expect(filterFromPublicQuery(publicSearchQuery.parse(publicQueryOf(filter)))).toEqual(filter);
    const odd = filterFromPublicQuery(
      publicSearchQuery.parse({
        q: ['a', 'b'],
        gemeente: '<script>',
        niveau: 'C2',
        sorteer: 'x',
        dag: ['xx'],
      }),
    );
    expect(odd).toMatchObject({
      q: '',
      municipality: undefined,
      dutchLevel: undefined,
      weekdays: [],
      sort: 'nieuw',
    });
    expect(filterFromPublicQuery(publicSearchQuery.parse(null)).categories).toEqual([]);
    // A missing search word does not throw away the other filters
    expect(filterFromPublicQuery(publicSearchQuery.parse({ vrouwen: '1', gemeente: '12025' }))).toMatchObject(
      {
        q: '',
        womenOnly: true,
        municipality: '12025',
      },
    );
  });

  it('maps the API query to the same filter', () => {
    expect(
      filterFromApiQuery({
        q: 'koken',
        municipality: '12025',
        nearby: 'true',
        category: 'leisure',
        womenOnly: 'true',
      }),
    ).toMatchObject({
      q: 'koken',
      municipality: '12025',
      nearby: true,
      categories: ['leisure'],
      womenOnly: true,
      sort: 'relevantie',
    });
  });
});
