/**
 * `tollgate flow import FILE`: imports an Okta `.flopack` / `.flow` / `.folder` export into the configured
 * store (the same database `tollgate start` uses), through the Workflows API's import service. New flows
 * come in off; a flow already there (same id) is replaced. Gives a summary of what was imported.
 */
import fs from 'node:fs';
import type { WithStore } from '../../platform/with-store.js';
import { cliAudit } from '../../events/log-event.js';
import { OktaError } from '../../platform/errors.js';
import { startProgress, type Progress, type ProgressStream } from '../../platform/progress.js';
import { importFlowPack } from '../api/flows.service.js';
import { CliError } from './flow-run.js';

export interface ImportSummary {
  created: number;
  replaced: number;
  flows: Array<{ id: string; name: string; status: string; invokeUrl: string | null; clientToken: string | null; unsupportedCards: string[] }>;
  ignored: { tables: string[]; connections: string[] };
}

export interface FlowImportOptions {
  activate?: boolean;
  /** Where the progress bar goes (stderr; a bar only on a terminal). */
  progress?: ProgressStream;
}

export async function importFlowFile(store: WithStore, file: string, options: FlowImportOptions = {}): Promise<ImportSummary> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  try {
    return await store(async (ctx) => {
      let progress: Progress | undefined;
      const onFlow = (done: number, total: number) => {
        progress ??= startProgress('Importing flows', total, options.progress);
        progress.update(done);
      };
      let result;
      try {
        result = await importFlowPack(ctx, cliAudit('tollgate flow import'), json, { activate: options.activate, onFlow });
      } catch (error) {
        progress?.stop(`${file}: nothing imported`);
        throw error;
      }
      progress?.stop(`Imported ${result.flows.length} flow${result.flows.length === 1 ? '' : 's'} from ${file}: ${result.created} new, ${result.replaced} replaced`);
      return {
        created: result.created,
        replaced: result.replaced,
        flows: result.flows.map((flow) => ({
          id: flow.id, name: flow.name, status: flow.status, invokeUrl: flow.invokeUrl, clientToken: flow.clientToken,
          unsupportedCards: flow.unsupportedCards.map((card) => `${card.name ?? card.type} (${card.type})`),
        })),
        ignored: result.ignored,
      };
    });
  } catch (error) {
    if (error instanceof OktaError) {
      throw new CliError(`${file} was not imported: ${[error.errorSummary, ...error.errorCauses.map((cause) => `  ${cause.errorSummary}`)].join('\n')}`);
    }
    throw error;
  }
}
