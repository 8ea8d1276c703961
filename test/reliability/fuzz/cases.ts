/**
 * fast-check generators for hostile requests: malformed bodies, query strings, headers and ids.
 * A generated case is plain data (no session yet); `toInject` turns it into app.inject options with the
 * session and CSRF token of the account it names, so a printed case can be replayed exactly.
 */

import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import type { Session, Target } from './targets';

export type CsrfMode = 'valid' | 'missing' | 'garbage';
export type BodyKind = 'json' | 'form' | 'multipart' | 'raw' | 'none';

export type FuzzCase = {
  /** Index into the sessions (the signed-in accounts), or -1 for an anonymous visitor. */
  who: number;
  path: string;
  query: Array<[string, string, boolean]>;
  bodyKind: BodyKind;
  /** The body before serialisation: an object for json/form/multipart, a string or bytes for raw. */
  body: unknown;
  contentType: string | null;
  csrf: CsrfMode;
  headers: Record<string, string>;
  cookieExtra: string | null;
  /** Cut a multipart body off halfway. */
  cut: boolean;
  /** The uploaded file's content in a multipart body. */
  file: string;
};

// ---------------------------------------------------------------------------------------------------
// Building blocks

/** encodeURIComponent that does not throw on a lone surrogate (it becomes U+FFFD, as a browser sends it). */
const enc = (s: string) =>
  encodeURIComponent(
    s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );

const HUGE = [5_000, 70_000, 1_100_000];
const huge = fc
  .constantFrom(...HUGE)
  .chain((n) => fc.constantFrom('x', 'é', '😀', '<', '%').map((c) => c.repeat(n)));

/** Strings people and scripts send that break naive code. */
const nasty = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  '1.5',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '99999999999999999999999999',
  '2147483648',
  '-9223372036854775809',
  '2026-02-30',
  '2026-13-45T25:61',
  '0000-00-00',
  '31/12/2026',
  '€ 1.234,56',
  '1.234,5.6',
  '12,345,678.90',
  "'; drop table users; --",
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '${7*7}',
  '../../../../etc/passwd',
  '..\\..\\windows',
  'javascript:alert(1)',
  'http://[::1',
  '//evil.example',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uFEFF',
  '\u202Eevil',
  'ü',
  'Ærøskøbing',
  '😀'.repeat(20),
  'ẞ',
  '\r\n\r\n',
  'BE71 0961 2345 6769',
  'BE00',
  'niet@een@email',
  'a@b',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
);

const text = fc.oneof(
  { weight: 5, arbitrary: nasty },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.uuid().map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
);

/** Mostly short text; now and then a value far over any limit (some over the 1 MB body limit). */
const textOrHuge = fc.oneof({ weight: 40, arbitrary: text }, { weight: 1, arbitrary: huge });

/** An id in a path: non-uuids, huge numbers, unicode, traversal, encodings that do not decode. */
const badSegment = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '0',
      '-1',
      '99999999999999999999999999999',
      '1e309',
      'NaN',
      '..',
      '.',
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e%2f%2e%2e%2f',
      '..%5C..%5C',
      '%00',
      '%ZZ',
      '%E0%A4%A',
      '%C0%AF',
      '%FF%FE',
      '%',
      '00000000-0000-0000-0000-000000000000',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
      '00000000-0000-0000-0000-00000000000g',
      '{id}',
      ':id',
      '%27%20or%201%3D1%20--',
      '%3Cscript%3E',
      '%C3%BC',
      '%F0%9F%98%80',
      '%E2%80%AE',
      'a'.repeat(199),
      'a'.repeat(260),
      '2026',
      '1900',
      '99999',
      'AGII',
      'abc.json',
      'x;y',
      'x,y',
      '+',
    ),
  },
  { weight: 2, arbitrary: fc.uuid().map(String) },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map(enc) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).map(enc) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String) },
);

const queryValue = fc.oneof(
  { weight: 6, arbitrary: text.map(enc) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '%',
      '%ZZ',
      '%E0%A4%A',
      '%C0%80',
      '%FF',
      '+%2B+',
      '&&',
      '==',
      'a%00b',
      '[]',
      '%5B%5D',
    ),
  },
);

const JSON_INVALID = [
  '{',
  '}',
  '{"a":}',
  '[1,',
  'nul',
  "{'a':1}",
  '{"a":1,}',
  '{"a":NaN}',
  '"\\uD800"',
  '{"a":"\\x41"}',
  '\u0000',
  '[]]',
  '1 2',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `{"a":${'1'.repeat(400)}}`,
];

/** A JSON-ish value of the wrong shape for whatever field it lands in. */
const wrongValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: textOrHuge },
    { weight: 2, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, -0.5, 123456789012) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }) },
  ),
})).value;

function fieldObject(names: string[]): fc.Arbitrary<Record<string, unknown>> {
  const key = names.length
    ? fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...names) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      )
    : fc.string({ maxLength: 12 });
  return fc.dictionary(key, wrongValue, { maxKeys: 8 });
}

/** Form values: strings, sometimes repeated (arrays), as a browser or a script would post. */
function formObject(names: string[]): fc.Arbitrary<Record<string, string | string[]>> {
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('_once', '__proto__', 'constructor', 'a[b]', 'a.b', 'hasOwnProperty'),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const value = fc.oneof(
    { weight: 6, arbitrary: textOrHuge },
    { weight: 1, arbitrary: fc.array(text, { minLength: 2, maxLength: 4 }) },
  );
  return fc.dictionary(key, value, { maxKeys: 10 }) as fc.Arbitrary<Record<string, string | string[]>>;
}

const CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/xml',
  'multipart/form-data',
  'multipart/form-data; boundary=----fuzz',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'application/merge-patch+json',
  'application/octet-stream',
  '',
  ';;;',
  'application/*',
  'text/html; charset="',
  `application/json; ${'x'.repeat(5000)}`,
];

const BOUNDARY = '----fuzz';

/** Uploaded files: CSV that is almost right, and files that are not CSV at all. */
const FILES = [
  'a;b\r\n1;2\r\n',
  'naam;voornaam;geboortedatum;uren\r\nA\u0000B;C;2026-02-30;-5\r\n',
  'indicator;nis;periode;waarde\r\nX;99999;2026;1e309\r\n;;;\r\n',
  '"unterminated;quote\r\n1;2',
  '\uFEFF\r\n\r\n',
  '\u00ff\u00fe\u0000\u0000<?xml version="1.0"?>',
  'PK\u0003\u0004 not really a zip',
  `${'a;'.repeat(500)}\r\n`,
];

const garbageCookie = fc.oneof(
  fc.constantFrom(
    'rk_session=',
    'rk_session=%ZZ',
    'rk_session=abc',
    `rk_session=${'A'.repeat(64)}`,
    `rk_session=${'x'.repeat(5000)}`,
    'rk_flash=s%3Agarbage.sig',
    'rk_flash=%7B%22kind%22%3A1%7D',
    'rk_flash=garbage',
    '_csrf=garbage',
    '_csrf=s%3Aabc.def',
    '=;;=a; ;',
    'a=b=c; ==',
    `big=${'y'.repeat(8000)}`,
    'ü=ü',
    'rk_session="quoted"',
  ),
  fc.string({ maxLength: 30 }).map((s) => `k=${enc(s)}`),
);

const headerValue = fc.oneof(
  fc.constantFrom(
    '',
    'x'.repeat(16_000),
    'http://[::1',
    '%%%',
    'javascript:alert(1)',
    '../../',
    '\u00ff\u00fe',
    'Bearer',
    'Bearer rk_abcdefghijklmnopqrstuvwxyz0123',
    'Bearer x',
    'Basic Zm9vOmJhcg==',
  ),
  fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, '?')),
);

const extraHeaders = fc.record(
  {
    referer: headerValue,
    authorization: headerValue,
    accept: fc.constantFrom(
      'application/json',
      'text/html',
      '*/*',
      'application/problem+json',
      'image/png',
      ',,,',
      '',
    ),
    'accept-language': headerValue,
    'user-agent': headerValue,
    'x-request-id': headerValue,
    'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage', '::1, 999.1.1.1'),
    origin: fc.constantFrom('null', 'http://evil.example', 'http://localhost'),
  },
  { requiredKeys: [] },
);

// ---------------------------------------------------------------------------------------------------

/** A path for the target: a real resource's URL, the pattern with bad ids, or a real URL with one id bad. */
function pathArb(target: Target): fc.Arbitrary<string> {
  if (target.params.length === 0) return fc.constant(target.route);
  const bad = fc
    .array(badSegment, { minLength: target.params.length, maxLength: target.params.length })
    .map((segments) => {
      let url = target.route;
      target.params.forEach((p, i) => {
        url = url.replace(`:${p}`, segments[i]!);
      });
      return url;
    });
  if (target.realUrls.length === 0) return bad;
  const real = fc.constantFrom(...target.realUrls);
  const oneBad = fc.tuple(real, fc.nat(), badSegment).map(([url, i, seg]) => {
    const match = (target.realUrls.length ? url : target.route).split('/');
    const fixed = target.route.split('/');
    const positions = fixed.map((p, j) => (p.startsWith(':') ? j : -1)).filter((j) => j >= 0);
    match[positions[i % positions.length]!] = seg;
    return match.join('/');
  });
  return fc.oneof(
    { weight: 4, arbitrary: real },
    { weight: 3, arbitrary: oneBad },
    { weight: 3, arbitrary: bad },
  );
}

export function caseArb(target: Target, sessionCount: number, formFields: string[]): fc.Arbitrary<FuzzCase> {
  const hasBody = target.method !== 'GET' && target.method !== 'DELETE';
  const queryKeys = [
    ...target.queryFields,
    'page',
    'pageSize',
    'q',
    'sort',
    'year',
    'next',
    'status',
    'municipality',
    'from',
    'to',
    'format',
    '_csrf',
    'lang',
  ];
  const query = fc.array(
    fc.tuple(
      fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...queryKeys) },
        { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
      ),
      queryValue,
      fc.boolean(),
    ),
    { maxLength: 5 },
  );
  const natural: BodyKind = target.kind === 'api' ? 'json' : 'form';
  const bodyKind: fc.Arbitrary<BodyKind> = hasBody
    ? fc.oneof(
        { weight: 14, arbitrary: fc.constant(natural) },
        { weight: 2, arbitrary: fc.constantFrom<BodyKind>('json', 'form', 'multipart', 'raw') },
        { weight: 1, arbitrary: fc.constant<BodyKind>('none') },
      )
    : fc.oneof(
        { weight: 8, arbitrary: fc.constant<BodyKind>('none') },
        { weight: 2, arbitrary: fc.constantFrom<BodyKind>('json', 'raw') },
      );
  const names = [...new Set([...target.bodyFields, ...formFields])];
  return fc
    .record({
      who: fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 0, max: Math.max(0, sessionCount - 1) }) },
        { weight: 2, arbitrary: fc.constant(-1) },
      ),
      path: pathArb(target),
      query,
      bodyKind,
      csrf: fc.oneof(
        { weight: 8, arbitrary: fc.constant<CsrfMode>('valid') },
        { weight: 1, arbitrary: fc.constantFrom<CsrfMode>('missing', 'garbage') },
      ),
      headers: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extraHeaders }),
      cut: fc.boolean(),
      file: fc.constantFrom(...FILES),
      cookieExtra: fc.oneof(
        { weight: 6, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: garbageCookie },
      ),
      mismatch: fc.oneof(
        { weight: 5, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
      ),
      objectBody: fc.oneof(
        {
          weight: 6,
          arbitrary: target.bodyFields.length ? fieldObject(target.bodyFields) : formObject(names),
        },
        { weight: 2, arbitrary: formObject(names) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      ),
      rawBody: fc.oneof(
        fc.constantFrom(...JSON_INVALID),
        fc.string({ maxLength: 60 }),
        fc.uint8Array({ maxLength: 60 }).map((a) => Buffer.from(a)),
        fc.constantFrom(
          'a=%ZZ&b=%E0%A4%A',
          'a=1&a=2&a[]=3&a[b]=4',
          '&&&===',
          `${'a='.repeat(2000)}`,
          'x'.repeat(1_100_000),
        ),
        fc.constant(Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc])),
      ),
    })
    .map(({ mismatch, objectBody, rawBody, ...c }) => {
      const contentType =
        mismatch ??
        {
          json: 'application/json',
          form: 'application/x-www-form-urlencoded',
          multipart: `multipart/form-data; boundary=${BOUNDARY}`,
          raw: target.kind === 'api' ? 'application/json' : 'application/x-www-form-urlencoded',
          none: null,
        }[c.bodyKind];
      return {
        ...c,
        contentType,
        body: c.bodyKind === 'raw' ? rawBody : c.bodyKind === 'none' ? undefined : objectBody,
      };
    });
}

// ---------------------------------------------------------------------------------------------------

const GARBAGE_TOKEN = 'garbage-token-123';

function formEncode(body: unknown, csrf: string | null): string {
  const params = new URLSearchParams();
  if (csrf !== null) params.append('_csrf', csrf);
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [k, v] of Object.entries(body))
      for (const item of Array.isArray(v) ? v : [v])
        params.append(k, typeof item === 'string' ? item : JSON.stringify(item));
  } else if (body !== undefined) params.append('value', JSON.stringify(body));
  return params.toString();
}

function multipartEncode(body: unknown, csrf: string | null, cut: boolean, file: string): string {
  const parts: string[] = [];
  const add = (name: string, value: string) =>
    parts.push(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  if (csrf !== null) add('_csrf', csrf);
  if (body && typeof body === 'object' && !Array.isArray(body))
    for (const [k, v] of Object.entries(body))
      add(k.replace(/["\r\n]/g, ''), typeof v === 'string' ? v : JSON.stringify(v));
  parts.push(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="../../x.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n`,
  );
  const whole = `${parts.join('')}--${BOUNDARY}--\r\n`;
  // Now and then cut off mid-part, as a dropped upload arrives.
  return cut ? whole.slice(0, Math.floor(whole.length / 2)) : whole;
}

/** The inject options for a case, with the session (if any) and the CSRF token placed per its mode. */
export function toInject(target: Target, c: FuzzCase, sessions: Session[]): InjectOptions {
  const session = c.who >= 0 ? sessions[c.who % sessions.length] : undefined;
  const token =
    c.csrf === 'valid' ? (session?.csrf ?? GARBAGE_TOKEN) : c.csrf === 'garbage' ? GARBAGE_TOKEN : null;
  const query = c.query.map(([k, v, encodeKey]) => `${encodeKey ? enc(k) : k.replace(/[#\s]/g, '')}=${v}`);
  if (c.bodyKind === 'multipart' && token !== null) query.push(`_csrf=${encodeURIComponent(token)}`);
  const headers: Record<string, string> = { ...c.headers };
  const cookies = [session?.cookie, c.cookieExtra].filter(Boolean);
  if (cookies.length) headers.cookie = cookies.join('; ');
  if (token !== null) headers['x-csrf-token'] = token;
  if (c.contentType !== null) headers['content-type'] = c.contentType;
  let payload: string | Buffer | undefined;
  switch (c.bodyKind) {
    case 'json': {
      const body =
        c.body &&
        typeof c.body === 'object' &&
        !Array.isArray(c.body) &&
        token !== null &&
        target.kind === 'form'
          ? { _csrf: token, ...(c.body as object) }
          : c.body;
      payload = JSON.stringify(body) ?? 'null';
      break;
    }
    case 'form':
      payload = formEncode(c.body, token);
      break;
    case 'multipart':
      payload = multipartEncode(c.body, token, c.cut, c.file);
      break;
    case 'raw':
      payload = c.body as string | Buffer;
      break;
    case 'none':
      payload = undefined;
  }
  return {
    method: target.method as InjectOptions['method'],
    url: query.length ? `${c.path}?${query.join('&')}` : c.path,
    headers,
    ...(payload === undefined ? {} : { payload }),
  };
}

/** A case as one line for a report (long values cut). */
export function describeCase(options: InjectOptions): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…(${s.length} chars)` : s);
  const payload = options.payload;
  const body = Buffer.isBuffer(payload)
    ? `<bytes ${payload.toString('hex').slice(0, 120)}>`
    : typeof payload === 'string'
      ? cut(payload)
      : '';
  const headers = Object.fromEntries(
    Object.entries((options.headers ?? {}) as Record<string, string>).map(([k, v]) => [k, cut(String(v))]),
  );
  return `${options.method} ${cut(String(options.url))} headers=${JSON.stringify(headers)} body=${JSON.stringify(body)}`;
}
