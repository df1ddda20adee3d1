import { Value } from '@sinclair/typebox/value';
import { describe, expect, test } from 'vitest';
import { FlowDefinition } from '../model/flow.schema.js';
import { readFlopack, writeFlopack } from './flopack.js';
import { readTemplate, templateFiles } from './corpus.js';

const files = templateFiles();

describe('every Okta template export round-trips without loss', () => {
  test('the corpus is there', () => {
    expect(files.length).toBe(125);
  });

  test.each(files)('%s', (file) => {
    const original = readTemplate(file);
    const contents = readFlopack(original);
    for (const flow of contents.flows) expect(Value.Check(FlowDefinition, flow), `${flow.name} fits the schema`).toBe(true);
    // Through JSON text, as a stored flow would be.
    const stored = JSON.parse(JSON.stringify(contents)) as typeof contents;
    expect(writeFlopack(stored)).toStrictEqual(original);
  });
});
