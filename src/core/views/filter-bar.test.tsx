import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { FilterBar, FilterSelect, FilterText } from './filter-bar';

describe('FilterBar', () => {
  it('is a labelled GET search form with its fields and one submit button', () => {
    const html = renderToString(
      <FilterBar action="/tools" label="Tools filteren">
        <FilterText name="q" label="Zoek" value="taal" />
        <FilterSelect
          name="kind"
          label="Soort"
          value="b"
          all="Alle soorten"
          options={[
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ]}
        />
      </FilterBar>,
    );
    expect(html).toContain(
      '<form method="get" action="/tools" class="filter-bar" role="search" aria-label="Tools filteren">',
    );
    expect(html).toContain('<label class="field__label" for="flt-q">Zoek</label>');
    expect(html).toContain('id="flt-q" name="q" type="search" value="taal"');
    expect(html).toContain('<option value>Alle soorten</option>');
    expect(html).toContain('<option value="b" selected>B</option>');
    expect(html).toMatch(
      /<button type="submit" class="button button--secondary">Filteren<\/button><\/form>$/,
    );
  });

  it('can choose a view instead of searching: no search role, no empty option, its own button text', () => {
    const html = renderToString(
      <FilterBar action="/kaart" search={false} submit="Toon">
        <FilterSelect
          name="periode"
          label="Periode"
          value="2024"
          options={[{ value: '2024', label: '2024' }]}
        />
      </FilterBar>,
    );
    expect(html).not.toContain('role=');
    expect(html).not.toContain('aria-label');
    expect(html).not.toContain('<option value>');
    expect(html).toContain('>Toon</button>');
  });
});
