/**
 * `tollgate flow test FILE`: runs the test cases written beside a flow, in memory like `flow run`, and
 * reports pass or fail per case; so flows can live in git with their tests (Okta offers nothing like it).
 *
 * FILE is a tests file (`*.tests.json`), or a flow file whose tests sit beside it in `<FILE>.tests.json`
 * (or `<FILE without its extension>.tests.json`). A tests file is a JSON object:
 *
 *   { "flowFile": "contractors.flopack",   // relative to the tests file; default: its name without `.tests.json`
 *     "flow": "Registration hook",         // the flow, when the file holds several (a case may name another)
 *     "cases": [ { "name": "…",
 *                  "flow": "…",                          // optional
 *                  "input": { … } | "text",              // API Endpoint: the request body; helper flow: its inputs by name
 *                  "query": { "k": "v" }, "headers": { "k": "v" },   // API Endpoint flows
 *                  "expect": { "statusCode": 200, "headers": { … }, "body": { … },   // API Endpoint flows: the response
 *                              "outputs": { … },                                    // Return's outputs
 *                              "error": "text the failure message contains" } } ] }
 *
 * Expected objects match as a deep subset: the keys given must be there with matching values, others
 * are ignored; lists match item by item and must have the same length; anything else must be equal. An
 * expected body that is an object or a list is compared with a text body parsed as JSON. A case fails
 * when the flow fails and the case expects neither `error` nor `statusCode`, and when it expects `error`
 * and the flow succeeds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runFlow } from '../engine/index.js';
import { validateFlow } from '../model/index.js';
import { EXECUTION_ID_HEADER, finishedResponse } from '../invoke/http-reply.js';
import { CliError, engineContext, failureMessage, pickFlow, readFlowFile, triggerFor } from './flow-run.js';

export interface FlowTestExpectation {
  statusCode?: number;
  headers?: Record<string, unknown>;
  body?: unknown;
  outputs?: Record<string, unknown>;
  error?: string;
}

export interface FlowTestCase {
  name: string;
  flow?: string;
  input?: unknown;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Rows put into the file's tables before the case runs, by table name (or id): values by column name. */
  rows?: Record<string, Array<Record<string, unknown>>>;
  expect: FlowTestExpectation;
}

export interface FlowTestSuite {
  /** The flow file, absolute. */
  flowFile: string;
  flow?: string;
  cases: FlowTestCase[];
}

export interface FlowTestResult {
  name: string;
  passed: boolean;
  /** Why the case failed: one line per difference. */
  problems: string[];
}

export interface FlowTestReport {
  testsFile: string;
  flowFile: string;
  results: FlowTestResult[];
  passed: number;
  failed: number;
}

const TESTS_SUFFIX = '.tests.json';
const CASE_KEYS = new Set(['name', 'flow', 'input', 'query', 'headers', 'rows', 'expect']);
const EXPECT_KEYS = new Set(['statusCode', 'headers', 'body', 'outputs', 'error']);

/** The tests file for FILE: FILE itself when it is one, else the tests file beside the flow file. */
export function testsFileFor(file: string): string {
  if (file.endsWith(TESTS_SUFFIX)) return file;
  const candidates = [`${file}${TESTS_SUFFIX}`, path.join(path.dirname(file), `${path.basename(file, path.extname(file))}${TESTS_SUFFIX}`)];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new CliError(`no tests for ${file}: write them in ${candidates[0]} (see README, "flow test")`);
  return found;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function stringMap(value: unknown, where: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new CliError(`${where} must be an object of names and values`);
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, typeof item === 'string' ? item : JSON.stringify(item)]));
}

/** Reads and checks a tests file; a mistake in it is an error that says where. */
export function readTestSuite(testsFile: string): FlowTestSuite {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(testsFile, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read the tests in ${testsFile}: ${(error as Error).message}`);
  }
  if (Array.isArray(json)) json = { cases: json };
  if (!isObject(json)) throw new CliError(`${testsFile} must hold an object with "cases"`);
  const { flowFile, flow, cases, ...extra } = json;
  if (Object.keys(extra).length > 0) throw new CliError(`${testsFile}: unknown keys ${Object.keys(extra).join(', ')} (expected flowFile, flow, cases)`);
  if (flowFile !== undefined && typeof flowFile !== 'string') throw new CliError(`${testsFile}: "flowFile" must be a file name`);
  if (flow !== undefined && typeof flow !== 'string') throw new CliError(`${testsFile}: "flow" must be a flow name`);
  if (!Array.isArray(cases) || cases.length === 0) throw new CliError(`${testsFile}: "cases" must be a list of at least one case`);
  const base = path.basename(testsFile);
  const defaultFlowFile = base.endsWith(TESTS_SUFFIX) ? base.slice(0, -TESTS_SUFFIX.length) : base;
  return {
    flowFile: path.resolve(path.dirname(testsFile), flowFile ?? defaultFlowFile),
    flow,
    cases: cases.map((raw, index) => readCase(raw, `${testsFile}: case ${index + 1}`)),
  };
}

function readCase(raw: unknown, where: string): FlowTestCase {
  if (!isObject(raw)) throw new CliError(`${where} must be an object`);
  const unknownKeys = Object.keys(raw).filter((key) => !CASE_KEYS.has(key));
  if (unknownKeys.length > 0) throw new CliError(`${where}: unknown keys ${unknownKeys.join(', ')} (expected ${[...CASE_KEYS].join(', ')})`);
  if (typeof raw.name !== 'string' || raw.name.trim() === '') throw new CliError(`${where}: "name" is required`);
  const at = `${where} ('${raw.name}')`;
  if (raw.flow !== undefined && typeof raw.flow !== 'string') throw new CliError(`${at}: "flow" must be a flow name`);
  if (!isObject(raw.expect)) throw new CliError(`${at}: "expect" must be an object`);
  const unknownExpect = Object.keys(raw.expect).filter((key) => !EXPECT_KEYS.has(key));
  if (unknownExpect.length > 0) throw new CliError(`${at}: unknown keys in "expect": ${unknownExpect.join(', ')} (expected ${[...EXPECT_KEYS].join(', ')})`);
  const { statusCode, headers, outputs, error } = raw.expect;
  if (statusCode !== undefined && typeof statusCode !== 'number') throw new CliError(`${at}: "expect.statusCode" must be a number`);
  if (headers !== undefined && !isObject(headers)) throw new CliError(`${at}: "expect.headers" must be an object`);
  if (outputs !== undefined && !isObject(outputs)) throw new CliError(`${at}: "expect.outputs" must be an object`);
  if (error !== undefined && typeof error !== 'string') throw new CliError(`${at}: "expect.error" must be text the failure message contains`);
  const rows = raw.rows;
  if (rows !== undefined && (!isObject(rows) || !Object.values(rows).every((list) => Array.isArray(list) && list.every(isObject)))) {
    throw new CliError(`${at}: "rows" must map table names to lists of rows (objects of values by column name)`);
  }
  return {
    rows: rows as FlowTestCase['rows'],
    name: raw.name,
    flow: raw.flow,
    input: raw.input,
    query: stringMap(raw.query, `${at}: "query"`),
    headers: stringMap(raw.headers, `${at}: "headers"`),
    expect: raw.expect as FlowTestExpectation,
  };
}

/**
 * Where `actual` differs from `expected` as a deep subset (see the file comment), one line per
 * difference, each naming its path. Empty when it matches.
 */
export function subsetDifferences(expected: unknown, actual: unknown, at: string): string[] {
  if (isObject(expected)) {
    if (!isObject(actual)) return [`${at}: expected an object, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      Object.hasOwn(actual, key) ? subsetDifferences(value, actual[key], `${at}.${key}`) : [`${at}.${key}: missing (expected ${show(value)})`],
    );
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected a list, got ${show(actual)}`];
    if (actual.length !== expected.length) return [`${at}: expected ${expected.length} items, got ${actual.length}: ${show(actual)}`];
    return expected.flatMap((item, index) => subsetDifferences(item, actual[index], `${at}[${index}]`));
  }
  return Object.is(expected, actual) ? [] : [`${at}: expected ${show(expected)}, got ${show(actual)}`];
}

function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** What a case's run gave: the failure message, or the response (API Endpoint flows) and the Return outputs. */
interface CaseOutcome {
  error?: string;
  response?: { statusCode: number; headers: Record<string, string>; body: unknown };
  outputs: Record<string, unknown>;
}

async function runCase(suite: FlowTestSuite, testCase: FlowTestCase): Promise<CaseOutcome> {
  // Each case starts from the file as written: its own copy of the file's tables.
  const contents = readFlowFile(suite.flowFile);
  const flow = pickFlow(contents.flows, testCase.flow ?? suite.flow, suite.flowFile);
  const problems = validateFlow(flow);
  if (problems.length > 0) throw new CliError(`the flow '${flow.name}' cannot run:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  const input = testCase.input === undefined ? undefined : typeof testCase.input === 'string' ? testCase.input : JSON.stringify(testCase.input);
  const pairs = (values: Record<string, string> | undefined) => Object.entries(values ?? {}).map(([name, value]) => `${name}=${value}`);
  const trigger = triggerFor(flow, { input, query: pairs(testCase.query), header: pairs(testCase.headers) });
  for (const [table, rows] of Object.entries(testCase.rows ?? {})) {
    const tableId = contents.tableIds[table] ?? table;
    for (const row of rows) {
      try {
        await contents.tables.createRow(tableId, row);
      } catch (error) {
        throw new CliError(`case '${testCase.name}': cannot add a row to table '${table}': ${(error as Error).message}`);
      }
    }
  }
  const result = await runFlow(flow, trigger, engineContext(contents));
  const outcome: CaseOutcome = { outputs: result.outputs ?? {} };
  if (result.status === 'failed') outcome.error = failureMessage(flow, result);
  if (trigger.kind === 'http') {
    const response = finishedResponse(result);
    outcome.response = { statusCode: response.statusCode, headers: { ...response.headers, [EXECUTION_ID_HEADER]: result.executionId }, body: response.value };
  }
  return outcome;
}

/** A text body parsed as JSON, when the case expects a JSON value (object or list) and the text is JSON. */
function comparableBody(expected: unknown, actual: unknown): unknown {
  if (typeof actual !== 'string' || (!isObject(expected) && !Array.isArray(expected))) return actual;
  try {
    return JSON.parse(actual) as unknown;
  } catch {
    return actual;
  }
}

function checkCase(testCase: FlowTestCase, outcome: CaseOutcome): string[] {
  const expect = testCase.expect;
  const problems: string[] = [];
  if (expect.error !== undefined) {
    if (outcome.error === undefined) problems.push(`expected the flow to fail with "${expect.error}", but it succeeded`);
    else if (!outcome.error.includes(expect.error)) problems.push(`expected the failure to say "${expect.error}", got: ${outcome.error}`);
  } else if (outcome.error !== undefined && expect.statusCode === undefined) {
    problems.push(outcome.error);
  }
  const needsResponse = expect.statusCode !== undefined || expect.headers !== undefined || expect.body !== undefined;
  if (needsResponse && !outcome.response) problems.push('statusCode, headers and body are for API Endpoint flows; this flow does not start with an API Endpoint card');
  if (outcome.response) {
    if (expect.statusCode !== undefined) problems.push(...subsetDifferences(expect.statusCode, outcome.response.statusCode, 'statusCode'));
    if (expect.headers !== undefined) {
      const lowerCased = Object.fromEntries(Object.entries(expect.headers).map(([name, value]) => [name.toLowerCase(), value]));
      problems.push(...subsetDifferences(lowerCased, outcome.response.headers, 'headers'));
    }
    if (expect.body !== undefined) problems.push(...subsetDifferences(expect.body, comparableBody(expect.body, outcome.response.body), 'body'));
  }
  if (expect.outputs !== undefined) problems.push(...subsetDifferences(expect.outputs, outcome.outputs, 'outputs'));
  return problems;
}

/** Runs every case of FILE's tests, one after the other; never throws for a failing case (see the report). */
export async function runFlowTests(file: string): Promise<FlowTestReport> {
  const testsFile = testsFileFor(file);
  const suite = readTestSuite(testsFile);
  if (!fs.existsSync(suite.flowFile)) throw new CliError(`${testsFile}: the flow file ${suite.flowFile} does not exist`);
  const results: FlowTestResult[] = [];
  for (const testCase of suite.cases) {
    let problems: string[];
    try {
      problems = checkCase(testCase, await runCase(suite, testCase));
    } catch (error) {
      problems = [error instanceof Error ? error.message : String(error)];
    }
    results.push({ name: testCase.name, passed: problems.length === 0, problems });
  }
  const passed = results.filter((result) => result.passed).length;
  return { testsFile, flowFile: suite.flowFile, results, passed, failed: results.length - passed };
}

/** The report as a person reads it: one line per case, the differences under a failed one, a total. */
export function formatTestReport(report: FlowTestReport, cwd = process.cwd()): string {
  const lines = [`${path.relative(cwd, report.testsFile) || report.testsFile} (flow file ${path.relative(cwd, report.flowFile) || report.flowFile})`];
  for (const result of report.results) {
    lines.push(`  ${result.passed ? 'PASS' : 'FAIL'}  ${result.name}`);
    for (const problem of result.problems) lines.push(...problem.split('\n').map((line) => `        ${line}`));
  }
  const count = report.results.length;
  lines.push(`${count} ${count === 1 ? 'case' : 'cases'}: ${report.passed} passed, ${report.failed} failed`);
  return lines.join('\n');
}
