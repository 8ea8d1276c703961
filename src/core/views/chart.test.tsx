import { parseHTML } from 'linkedom';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import {
  type BarSpec,
  ChartWithTable,
  describeChart,
  formatValue,
  renderBarSvg,
  renderTrendSvg,
  sanitiseSvg,
  type TrendSpec,
} from './chart';

const trend: TrendSpec = {
  kind: 'trend',
  id: 'trend-1',
  title: 'Aandeel werkenden',
  periods: ['2020', '2021', '2022', '2023'],
  series: [
    { name: 'Mechelen', values: [61.2, 62.5, null, 64.75] },
    { name: 'Vlaanderen', values: [70.1, 70.4, 71, 71.3] },
  ],
  target: { value: 68, label: 'Streefwaarde' },
  decimals: 1,
  unit: '%',
};

const bars: BarSpec = {
  kind: 'bar',
  id: 'bar-1',
  title: 'Vergelijking',
  bars: [
    { label: 'Mechelen', value: 1234.5, highlight: true },
    { label: 'Lier', value: 800 },
    { label: 'Duffel', value: null },
  ],
  reference: { value: 1000, label: 'Vlaanderen' },
  decimals: 1,
};

/** What a strict CSP (script-src 'self'; style-src 'self') would block, found by parsing the markup. */
function cspViolations(markup: string): string[] {
  const { document } = parseHTML(`<html><body>${markup}</body></html>`);
  const out: string[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'script' || tag === 'style') out.push(`${tag} element`);
    for (const { name, value } of Array.from(el.attributes)) {
      if (name === 'style') out.push('style attribute');
      if (name.startsWith('on')) out.push(`event handler ${name}`);
      if (/javascript:/i.test(value)) out.push('javascript: url');
    }
  }
  return out;
}

describe('trend chart', () => {
  const svg = renderTrendSvg(trend);

  it('is an accessible SVG image with a title and a description', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="trend-1-title trend-1-desc"');
    expect(svg).toContain('<title id="trend-1-title">Aandeel werkenden</title>');
    expect(svg).toMatch(
      /<desc id="trend-1-desc">Lijngrafiek van 2020 tot 2023\. Mechelen: van 61,2 % in 2020/,
    );
  });

  it('contains nothing a strict CSP blocks', () => {
    expect(cspViolations(svg)).toEqual([]);
  });

  it('draws the target line and Flemish number notation', () => {
    expect(svg).toContain('Streefwaarde 68,0');
    expect(svg).toContain('Mechelen, 2023: 64,8 %');
    expect(svg).not.toContain('2,020');
  });

  it('escapes text that looks like markup', () => {
    const evil = renderTrendSvg({
      ...trend,
      title: '<script>alert(1)</script> & "x"',
      series: [{ name: '<img src=x onerror=alert(1)>', values: [1, 2, 3, 4] }],
    });
    expect(cspViolations(evil)).toEqual([]);
    expect(evil).not.toContain('<img');
    expect(evil).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
  });
});

describe('bar chart', () => {
  const svg = renderBarSvg(bars);

  it('highlights one bar, marks missing values and draws the reference', () => {
    expect(svg).toContain('fill="#E69F00"');
    expect(svg).toContain('geen gegevens');
    expect(svg).toContain('Vlaanderen 1.000,0');
    expect(cspViolations(svg)).toEqual([]);
  });

  it('describes the extremes in words', () => {
    expect(describeChart(bars)).toContain('Hoogste: Mechelen (1.234,5); laagste: Lier (800,0)');
  });
});

describe('sanitiseSvg', () => {
  it('turns style attributes into presentation attributes and drops what the CSP blocks', () => {
    const { document } = parseHTML(
      '<html><body><svg><style>.a{}</style><script>x()</script>' +
        '<g style="fill: red; stroke-width: 2; position: absolute; background: url(x)" onclick="x()">' +
        '<a href="javascript:alert(1)"><text>t</text></a></g></svg></body></html>',
    );
    const svg = document.querySelector('svg')!;
    expect(cspViolations(svg.outerHTML)).toEqual([
      'style element',
      'script element',
      'style attribute',
      'event handler onclick',
      'javascript: url',
    ]);
    sanitiseSvg(svg as never);
    const out = svg.outerHTML;
    expect(cspViolations(out)).toEqual([]);
    expect(out).toContain('fill="red"');
    expect(out).toContain('stroke-width="2"');
    expect(out).not.toContain('position');
    expect(out).not.toContain('background');
  });

  it('rounds coordinates to a hundredth of a pixel, and leaves text alone', () => {
    const { document } = parseHTML(
      '<html><body><svg><path d="M56,242.66666666666666L-6.123456,1e-7" transform="translate(56,51.33333333333334)"></path>' +
        '<text x="12.3456">86.950 inwoners</text></svg></body></html>',
    );
    const svg = document.querySelector('svg')!;
    sanitiseSvg(svg as never);
    const out = svg.outerHTML;
    expect(out).toContain('d="M56,242.67L-6.12,1e-7"');
    expect(out).toContain('transform="translate(56,51.33)"');
    expect(out).toContain('x="12.35"');
    expect(out).toContain('>86.950 inwoners<');
  });
});

describe('ChartWithTable', () => {
  it('renders the chart followed by a table with every value', () => {
    const html = renderToString(<ChartWithTable spec={trend} />);
    expect(html.indexOf('<svg')).toBeGreaterThan(-1);
    expect(html.indexOf('<table')).toBeGreaterThan(html.indexOf('</svg>'));
    expect(html).toContain('<caption class="table__caption">Aandeel werkenden: de cijfers</caption>');
    for (const v of ['61,2 %', '62,5 %', '–', '64,8 %', '71,3 %', '68,0 %']) expect(html).toContain(v);
    expect(cspViolations(html)).toEqual([]);
  });

  it('renders a bar chart with its table, highlighted row included', () => {
    const html = renderToString(<ChartWithTable spec={bars} headingLevel={3} />);
    expect(html).toContain('<h3 id="bar-1-caption"');
    expect(html).toContain('table__row--highlight');
    expect(html).toContain('1.234,5');
  });
});

describe('formatValue', () => {
  it('formats in nl-BE with the unit and a dash for unknown values', () => {
    expect(formatValue(37646)).toBe('37.646');
    expect(formatValue(12.345, 1, '%')).toBe('12,3 %');
    expect(formatValue(null)).toBe('–');
    expect(formatValue(Number.NaN, 2)).toBe('–');
  });
});
