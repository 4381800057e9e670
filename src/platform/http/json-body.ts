import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest, fieldIssue, type FieldIssue } from '../errors.js';
import { UNSTORABLE } from '../unstorable-text.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });


/**
 * Fastify's default parser would turn invalid UTF-8 into U+FFFD and store mangled text
 * without a word. This parser refuses such a body instead, reports bad JSON clearly, and
 * refuses text that cannot be stored faithfully (NUL characters, lone surrogates), naming
 * the field. Only JSON is accepted: any other media type answers 415.
 */
export function registerStrictJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json$/, { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(badRequest('invalid_utf8', 'The request body is not valid UTF-8 text.'), undefined);
      return;
    }
    if (text.trim() === '') {
      done(badRequest('empty_body', 'The request says it sends JSON but the body is empty.'), undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      done(badRequest('invalid_json', `The request body is not valid JSON: ${(error as Error).message}`), undefined);
      return;
    }
    if (depthOf(parsed, MAX_DEPTH) > MAX_DEPTH) {
      done(badRequest('too_deeply_nested', `The request body nests objects or arrays more than ${MAX_DEPTH} levels deep; no request of this API does.`), undefined);
      return;
    }
    const bad = findUnstorableText(parsed, '');
    done(bad ? invalidText(bad) : null, bad ? undefined : parsed);
  });
  // The same rule for the URL: %00 in a path or query parameter.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (/%(?![0-9a-fA-F]{2})/.test(request.url)) {
      throw badRequest('invalid_url', 'url: the address is not correctly percent-encoded (a % must be followed by two hex digits).', {
        errors: [fieldIssue('url', 'invalid_format', 'is not correctly percent-encoded', { format: 'url' })],
      });
    }
    // Well-formed escapes that do not decode are bytes of broken UTF-8: text that cannot be stored.
    const decoded = safeDecode(request.url);
    if (decoded === null || UNSTORABLE.test(decoded)) throw invalidText('url');
  });
}

function invalidText(field: string) {
  const errors: FieldIssue[] = [fieldIssue(field, 'invalid_text', 'contains a NUL character or broken Unicode')];
  return badRequest('invalid_text', `${field}: contains a NUL character or broken Unicode, which cannot be stored.`, { errors });
}

/** Far deeper than any request of the API nests, and far from what a recursive walk can take. */
const MAX_DEPTH = 64;

/** How deep objects and arrays nest in a parsed body, counted without recursion and only up to just past `limit`. */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push({ value: child, depth: depth + 1 });
  }
  return deepest;
}

/** The path of the first string (or key) holding unstorable text, or null. */
function findUnstorableText(value: unknown, path: string): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || 'body' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (UNSTORABLE.test(key)) return childPath;
    const found = findUnstorableText(child, childPath);
    if (found) return found;
  }
  return null;
}

function safeDecode(url: string): string | null {
  try {
    return decodeURIComponent(url.replaceAll('+', ' '));
  } catch {
    return null;
  }
}
