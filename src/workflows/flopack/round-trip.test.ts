import { Value } from '@sinclair/typebox/value';
import { expect, test } from 'vitest';
import { FlowDefinition } from '../model/flow.schema.js';
import { readFlopack, writeFlopack } from './flopack.js';
import { describeWithTemplates, readTemplate, templateFiles } from '../../../test/helpers/templates.js';

const files = templateFiles();

describeWithTemplates('every Okta template export round-trips without loss', () => {
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
