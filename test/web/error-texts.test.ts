import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

/*
 * Every problem code the server can answer has a text in both of the console's catalogues, or is
 * deliberately left to the server's words (SERVER_WORDED_CODES, with the reason): otherwise the
 * Chinese console shows an English `detail`. The codes are read from src/ with the TypeScript
 * checker, not a text search, so that only the code argument of an error counts (never a field
 * name or a message): a code is what reaches `new AppError(status, code, …)` or
 * `problem(status, code, …)`, directly or through any function that passes its own parameter
 * on (`conflict(code, …)`, `invalidField(field, message, code = 'invalid_field')`, a use case's
 * `refuse(status, code, …)` …), as a literal, a conditional between literals or a value whose
 * type is a union of literals (a domain rule's `{ code: 'extension_pending' | … }`). An object
 * with a numeric `status` and a literal `code` (Fastify's errors mapped to codes, a batch item's
 * result) is an answer too.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

// The console's modules, loaded at run time: imported statically, the server's typecheck (NodeNext)
// would check the console's sources, written for the bundler.
const load = (file: string) => import(pathToFileURL(path.join(ROOT, file)).href);
const { KNOWN_ERROR_CODES, SERVER_WORDED_CODES } = (await load('web/src/errors/codes.ts')) as { KNOWN_ERROR_CODES: readonly string[]; SERVER_WORDED_CODES: readonly string[] };
type Catalogue = { errors: Record<string, string | undefined> };
const zhCN = ((await load('web/src/i18n/zh-CN.ts')) as { default: Catalogue }).default;
const en = ((await load('web/src/i18n/en.ts')) as { default: Catalogue }).default;

/**
 * Where a code is not a literal the checker can see, and why that is fine; any other such place
 * fails the test, so that a new way of raising errors is looked at rather than skipped.
 */
const PASS_THROUGH: Array<{ file: string; code: string; why: string }> = [
  { file: 'src/platform/http/problem.ts', code: 'error.code', why: 'renders an AppError with the code it was made with, checked where it is made' },
  { file: 'src/platform/http/problem.ts', code: 'known.code', why: 'Fastify’s errors mapped to codes: the table’s { status, code } entries are collected' },
  {
    file: 'src/platform/http/problem.ts',
    code: "(error.code ?? 'bad_request').toLowerCase()",
    why: 'Fastify’s own error codes (fst_err_…), an open set the console never provokes: they keep the server’s words',
  },
  { file: 'src/views/use-cases/view-filters.ts', code: 'error.code', why: 're-raises an AppError under a field prefix, keeping its code' },
];

interface Found {
  codes: Map<string, Set<string>>;
  unexplained: string[];
}

function sourceFiles(): string[] {
  const dir = path.join(ROOT, 'src');
  return (readdirSync(dir, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts')).map((file) => path.join(dir, file));
}

/** The string literals a type stands for, or null when it is not made only of string literals. */
function literalsOf(type: ts.Type): string[] | null {
  const parts = type.isUnion() ? type.types : [type];
  const values = parts.map((part) => (part.isStringLiteral() ? part.value : null));
  return values.every((value) => value !== null) ? (values as string[]) : null;
}

function collectServerCodes(): Found {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.config.compilerOptions, ROOT);
  const program = ts.createProgram(sourceFiles(), { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const files = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/'));
  const where = (node: ts.Node) => {
    const file = node.getSourceFile();
    return `${path.relative(ROOT, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  };

  const codes = new Map<string, Set<string>>();
  const add = (code: string, node: ts.Node) => codes.set(code, (codes.get(code) ?? new Set()).add(where(node)));
  const unexplained = new Set<string>();

  // The functions whose parameter at this index is a problem code: the two that make answers to start with.
  const raisers = new Map<ts.Node, number>();
  // Their names, so that only calls that may reach one are resolved (resolving every call is slow).
  const raiserNames = new Set<string>();
  const nameOf = (fn: ts.SignatureDeclaration): string | undefined => {
    if (ts.isConstructorDeclaration(fn)) return fn.parent.name?.text;
    if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
    if (ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
    if (ts.isPropertyAssignment(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
    return undefined;
  };
  const addRaiser = (fn: ts.SignatureDeclaration, index: number, at: ts.Node) => {
    raisers.set(fn, index);
    const name = nameOf(fn);
    if (name) raiserNames.add(name);
    // A function without a name passes the code on to callers this scan cannot follow.
    else unexplained.add(`${where(at)} passes ${at.getText()}, a parameter of a function without a name`);
  };
  const codeParameter = (fn: ts.SignatureDeclaration) => fn.parameters.findIndex((p) => p.name.getText() === 'code');
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) && node.name?.text === 'AppError') {
        const constructor = node.members.find(ts.isConstructorDeclaration);
        assert.ok(constructor && codeParameter(constructor) >= 0, 'AppError is made with a code');
        addRaiser(constructor, codeParameter(constructor), constructor);
      }
      if (ts.isFunctionDeclaration(node) && node.name?.text === 'problem' && file.fileName.endsWith('/platform/http/problem.ts')) {
        assert.ok(codeParameter(node) >= 0, 'problem() is given a code');
        addRaiser(node, codeParameter(node), node);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  assert.equal(raisers.size, 2, 'AppError’s constructor and problem() are where every answer is made');

  const calls: Array<ts.CallExpression | ts.NewExpression> = [];
  // `import { conflict as refusal }`: the names things are imported under, with the names they have.
  const importedAs = new Map<string, Set<string>>();
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) calls.push(node);
      if (ts.isImportSpecifier(node) && node.propertyName) {
        importedAs.set(node.name.text, (importedAs.get(node.name.text) ?? new Set()).add(node.propertyName.text));
      }
      if (ts.isObjectLiteralExpression(node)) {
        const member = (name: string) =>
          node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name)?.initializer;
        const status = member('status');
        const code = member('code');
        if (status && ts.isNumericLiteral(status) && code && ts.isStringLiteralLike(code)) add(code.text, code);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  const calleeName = (call: ts.CallExpression | ts.NewExpression): string | undefined => {
    const callee = call.expression;
    if (ts.isIdentifier(callee)) return callee.text;
    if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
    return undefined;
  };

  const usedPassThrough = new Set<(typeof PASS_THROUGH)[number]>();
  const done = new Set<ts.Node>();
  // Until no new function turns out to pass its parameter on as a code.
  for (let grew = true; grew; ) {
    grew = false;
    for (const call of calls) {
      if (done.has(call)) continue;
      const name = calleeName(call);
      if (name === undefined || !(raiserNames.has(name) || [...(importedAs.get(name) ?? [])].some((original) => raiserNames.has(original)))) continue;
      const declaration = checker.getResolvedSignature(call)?.declaration;
      const index = declaration ? raisers.get(declaration) : undefined;
      if (index === undefined || !declaration || ts.isJSDocSignature(declaration)) continue;
      done.add(call);
      const argument = call.arguments?.[index];
      if (!argument) {
        const fallback = declaration.parameters[index]?.initializer;
        if (fallback && ts.isStringLiteralLike(fallback)) add(fallback.text, call);
        else unexplained.add(`${where(call)} gives no code`);
        continue;
      }
      const literals = literalsOf(checker.getTypeAtLocation(argument));
      if (literals) {
        for (const code of literals) add(code, argument);
        continue;
      }
      const parameter = ts.isIdentifier(argument) ? checker.getSymbolAtLocation(argument)?.valueDeclaration : undefined;
      if (parameter && ts.isParameter(parameter) && ts.isFunctionLike(parameter.parent)) {
        if (!raisers.has(parameter.parent)) {
          addRaiser(parameter.parent, parameter.parent.parameters.indexOf(parameter), argument);
          grew = true;
        }
        continue;
      }
      const file = path.relative(ROOT, argument.getSourceFile().fileName);
      const known = PASS_THROUGH.find((entry) => entry.file === file && entry.code === argument.getText());
      if (!known) {
        unexplained.add(`${where(argument)} passes ${argument.getText()}`);
        continue;
      }
      usedPassThrough.add(known);
      // A fallback written into the expression is a code all the same.
      const visit = (node: ts.Node): void => {
        if (ts.isStringLiteralLike(node)) add(node.text, node);
        ts.forEachChild(node, visit);
      };
      visit(argument);
    }
  }
  for (const entry of PASS_THROUGH) if (!usedPassThrough.has(entry)) unexplained.add(`PASS_THROUGH names ${entry.file}: ${entry.code}, which no longer raises an error`);
  return { codes, unexplained: [...unexplained] };
}

describe('the console’s texts for the server’s problem codes', () => {
  const found = collectServerCodes();

  it('reads the codes from the errors the server raises, not field names or messages', () => {
    for (const code of ['version_conflict', 'not_found', 'unauthenticated', 'invalid_field', 'current_password_incorrect', 'payload_too_large', 'extension_pending', 'route_not_found']) {
      assert.ok(found.codes.has(code), `${code} is found`);
    }
    for (const code of found.codes.keys()) assert.match(code, /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, `${code} (at ${[...found.codes.get(code)!].join(', ')}) looks like a code`);
    for (const notACode of ['currentPassword', 'customer.phone', 'until', 'code']) assert.ok(!found.codes.has(notACode), `${notACode} is not a code`);
  });

  it('knows every place that raises an error with a code it cannot read', () => {
    assert.deepEqual(found.unexplained, [], 'give the code a literal (or literal-union) type, or add the place to PASS_THROUGH with the reason');
  });

  it('has a text in both catalogues for every code the server answers, unless it is left to the server’s words', () => {
    const known = new Set<string>(KNOWN_ERROR_CODES);
    const worded = new Set<string>(SERVER_WORDED_CODES);
    const zhTexts = zhCN.errors;
    const enTexts = en.errors;
    const missing = [...found.codes.keys()]
      .filter((code) => !worded.has(code))
      .filter((code) => !known.has(code) || !zhTexts[code]?.trim() || !enTexts[code]?.trim())
      .sort()
      .map((code) => `${code} (${[...found.codes.get(code)!].join(', ')})`);
    assert.deepEqual(missing, [], 'add these codes to KNOWN_ERROR_CODES (web/src/errors/codes.ts) and to `errors` in zh-CN.ts and en.ts');
  });

  it('leaves to the server’s words only codes the console does not explain', () => {
    assert.deepEqual(SERVER_WORDED_CODES.filter((code) => KNOWN_ERROR_CODES.includes(code)), []);
  });
});
