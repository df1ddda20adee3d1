import type { CardRunContext } from '../../engine/card.js';
import { setOwn } from '../../model/own-keys.js';

/**
 * Inputs handed to outputs: each output gets the input with its key, or else the input at its
 * position (Assign, Noop, Return and Join mirror their inputs this way).
 */
export function mirrorInputs(ctx: Pick<CardRunContext, 'inputs' | 'outputFields'>): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  ctx.outputFields.forEach((field, index) => {
    const input = ctx.inputs.find((candidate) => candidate.field.key === field.key) ?? ctx.inputs[index];
    if (input) outputs[field.id] = input.value;
  });
  return outputs;
}

/** The inputs as an object by key (Return's answer, Return Error If's details). */
export function inputsObject(ctx: Pick<CardRunContext, 'inputs'>, skipKeys: readonly string[] = []): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const { field, value } of ctx.inputs) if (!skipKeys.includes(field.key)) setOwn(object, field.key, value);
  return object;
}
