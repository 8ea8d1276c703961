import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('catalogue Markdown', () => {
  it('renders paragraphs, emphasis, lists and links', () => {
    const html = renderMarkdown(
      'Intro met **nadruk**.\n\n- een\n- twee\n\n[Meer](https://www.integratie-inburgering.be)',
    );
    expect(html).toContain('<strong>nadruk</strong>');
    expect(html).toContain('<ul>');
    expect(html).toContain('<li>twee</li>');
    expect(html).toContain('<a href="https://www.integratie-inburgering.be" rel="noopener">Meer</a>');
  });

  it('drops scripts, event handlers, images and javascript: links', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[klik](javascript:alert(1))\n\n<p onclick="x()">tekst</p>',
    );
    expect(html).not.toMatch(/script|onerror|onclick|<img|javascript:/i);
    expect(html).toContain('tekst');
  });

  it('turns top-level headings into h3, below the page headings', () => {
    expect(renderMarkdown('# Titel\n\n## Sub')).toBe('<h3>Titel</h3>\n<h3>Sub</h3>\n');
  });
});
