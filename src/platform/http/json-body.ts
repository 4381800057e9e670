import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Fastify's default parser would turn invalid UTF-8 into U+FFFD and store mangled text
 * without a word. This parser refuses such a body instead, and reports bad JSON clearly.
 */
export function registerStrictJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
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
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(badRequest('invalid_json', `The request body is not valid JSON: ${(error as Error).message}`), undefined);
    }
  });
}
