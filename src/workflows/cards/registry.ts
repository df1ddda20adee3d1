import type { CardDeclaration, CardRegistry } from './card.js';
import accept from './http/accept.card.js';
import callable from './control/callable.card.js';
import comment from './control/comment.card.js';
import continueIf from './control/continueIf.card.js';
import ifElse from './control/if.card.js';
import join from './control/join.card.js';
import assign from './control/let.card.js';
import noop from './control/noop.card.js';
import returnCard from './control/return.card.js';
import returnRaw from './control/returnRaw.card.js';
import returnError from './control/throw.card.js';
import returnErrorIf from './control/throwIf.card.js';
import close from './httpfunctions/close.card.js';
import jsonParse from './json/parse.card.js';
import jsonStringify from './json/stringify.card.js';
import lastItem from './list/pop.card.js';
import construct from './object/construct.card.js';
import objectGet from './object/get.card.js';
import getMultiple from './object/pick.card.js';
import compose from './string/compose.card.js';
import split from './string/split.card.js';

/** THE registration list: every card Tollgate can run. `registry.test.ts` keeps it complete. */
export const CARD_DECLARATIONS: readonly CardDeclaration[] = [
  accept,
  callable,
  ifElse,
  join,
  noop,
  comment,
  assign,
  returnCard,
  returnRaw,
  returnError,
  returnErrorIf,
  continueIf,
  compose,
  split,
  jsonParse,
  jsonStringify,
  close,
  objectGet,
  getMultiple,
  construct,
  lastItem,
];

export function cardRegistry(declarations: readonly CardDeclaration[]): CardRegistry {
  return new Map(declarations.map((declaration) => [declaration.type, declaration]));
}

export const defaultCardRegistry: CardRegistry = cardRegistry(CARD_DECLARATIONS);
