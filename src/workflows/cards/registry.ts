import type { CardDeclaration, CardRegistry } from '../engine/card.js';
import httpAccept from './http/accept.card.js';
import httpDelegated from './http/delegated.card.js';
import controlAssignIf from './control/assignIf.card.js';
import controlBranch from './control/branch.card.js';
import controlCallable from './control/callable.card.js';
import controlComment from './control/comment.card.js';
import controlContinueIf from './control/continueIf.card.js';
import controlIf from './control/if.card.js';
import controlJoin from './control/join.card.js';
import controlLet from './control/let.card.js';
import controlLookup from './control/lookup.card.js';
import controlNoop from './control/noop.card.js';
import controlReturn from './control/return.card.js';
import controlReturnRaw from './control/returnRaw.card.js';
import controlRun from './control/run.card.js';
import controlSpawn from './control/spawn.card.js';
import controlThrow from './control/throw.card.js';
import controlThrowIf from './control/throwIf.card.js';
import controlTimes from './control/times.card.js';
import controlTryCatch from './control/tryCatch.card.js';
import controlUntil from './control/until.card.js';
import controlWait from './control/wait.card.js';
import httpfunctionsClose from './httpfunctions/close.card.js';
import httpfunctionsDelete from './httpfunctions/delete.card.js';
import httpfunctionsGet from './httpfunctions/get.card.js';
import httpfunctionsPatch from './httpfunctions/patch.card.js';
import httpfunctionsPost from './httpfunctions/post.card.js';
import httpfunctionsPut from './httpfunctions/put.card.js';
import httpfunctionsRaw from './httpfunctions/raw.card.js';
import stringBase64 from './string/base64.card.js';
import stringBase64Decode from './string/base64Decode.card.js';
import stringCompose from './string/compose.card.js';
import stringConcat from './string/concat.card.js';
import stringEmail from './string/email.card.js';
import stringFind from './string/find.card.js';
import stringLastIndexOf from './string/lastIndexOf.card.js';
import stringLength from './string/length.card.js';
import stringMatch from './string/match.card.js';
import stringRandom from './string/random.card.js';
import stringReplace from './string/replace.card.js';
import stringReplaceAny from './string/replaceAny.card.js';
import stringSplit from './string/split.card.js';
import stringSubstr from './string/substr.card.js';
import stringToLowerCase from './string/toLowerCase.card.js';
import stringToUpperCase from './string/toUpperCase.card.js';
import stringTrim from './string/trim.card.js';
import mathAdd from './math/add.card.js';
import mathCeil from './math/ceil.card.js';
import mathDivide from './math/divide.card.js';
import mathExpression from './math/expression.card.js';
import mathMultiply from './math/multiply.card.js';
import mathRandom from './math/random.card.js';
import mathRound from './math/round.card.js';
import mathSubtract from './math/subtract.card.js';
import booleanAnd from './boolean/and.card.js';
import booleanCompare from './boolean/compare.card.js';
import booleanOr from './boolean/or.card.js';
import booleanXor from './boolean/xor.card.js';
import dateAdd from './date/add.card.js';
import dateDiff from './date/diff.card.js';
import dateEpoch from './date/epoch.card.js';
import dateFormat from './date/format.card.js';
import dateFromISO from './date/fromISO.card.js';
import dateNow from './date/now.card.js';
import dateParse from './date/parse.card.js';
import dateSubtract from './date/subtract.card.js';
import dateUnix from './date/unix.card.js';
import objectClearEmpty from './object/clearEmpty.card.js';
import objectConstruct from './object/construct.card.js';
import objectExpand from './object/expand.card.js';
import objectGet from './object/get.card.js';
import objectKeys from './object/keys.card.js';
import objectMap from './object/map.card.js';
import objectMerge from './object/merge.card.js';
import objectPick from './object/pick.card.js';
import objectSet from './object/set.card.js';
import objectValues from './object/values.card.js';
import listAsyncEach from './list/asyncEach.card.js';
import listAt from './list/at.card.js';
import listCollapse from './list/collapse.card.js';
import listConstruct from './list/construct.card.js';
import listDifference from './list/difference.card.js';
import listEach from './list/each.card.js';
import listFilter from './list/filter.card.js';
import listFilterBy from './list/filterBy.card.js';
import listFindBy from './list/findBy.card.js';
import listFlatten from './list/flatten.card.js';
import listIncludes from './list/includes.card.js';
import listIntersection from './list/intersection.card.js';
import listJoin from './list/join.card.js';
import listLength from './list/length.card.js';
import listMap from './list/map.card.js';
import listPluck from './list/pluck.card.js';
import listPop from './list/pop.card.js';
import listPush from './list/push.card.js';
import listReduce from './list/reduce.card.js';
import listSample from './list/sample.card.js';
import listShift from './list/shift.card.js';
import listSortBy from './list/sortBy.card.js';
import listUnion from './list/union.card.js';
import listUniqueBy from './list/uniqueBy.card.js';
import jsonParse from './json/parse.card.js';
import jsonStringify from './json/stringify.card.js';
import urlEncodeComponent from './url/encodeComponent.card.js';
import cryptoHmac from './crypto/hmac.card.js';
import jwtSign from './jwt/sign.card.js';
import utilityExportFlo from './utility/exportFlo.card.js';
import stashClearTable from './stash/clearTable.card.js';
import stashCreateRow from './stash/createRow.card.js';
import stashDeleteRow from './stash/deleteRow.card.js';
import stashExportToCSV from './stash/exportToCSV.card.js';
import stashReadRow from './stash/readRow.card.js';
import stashReadTable from './stash/readTable.card.js';
import stashSearchRows2 from './stash/searchRows2.card.js';
import stashUpdateRow from './stash/updateRow.card.js';
import oktaActivateUser from './okta/activateUser.card.js';
import oktaBulkUserImport from './okta/bulkUserImport.card.js';
import oktaCreateAnImportSession from './okta/createAnImportSession.card.js';
import oktaDeleteImportSession from './okta/deleteImportSession.card.js';
import oktaListImportSessions from './okta/listImportSessions.card.js';
import oktaTriggerImportSession from './okta/triggerImportSession.card.js';
import oktaMapProfileSourceAttributes from './okta/mapProfileSourceAttributes.card.js';
import oktaAddNewUserToGroup from './okta/addNewUserToGroup.card.js';
import oktaClearUserSessions from './okta/clearUserSessions.card.js';
import oktaCreateGroup from './okta/createGroup.card.js';
import oktaCreateUser from './okta/createUser.card.js';
import oktaDeactivateUser from './okta/deactivateUser.card.js';
import oktaDeleteUser from './okta/deleteUser.card.js';
import oktaGetUsersGroups from './okta/getUsersGroups.card.js';
import oktaHTTPRequest from './okta/hTTPRequest.card.js';
import oktaListGroupMembers from './okta/listGroupMembers.card.js';
import oktaListUsersWithFilter from './okta/listUsersWithFilter.card.js';
import oktaListUsersWithSearch from './okta/listUsersWithSearch.card.js';
import oktaReadGroup from './okta/readGroup.card.js';
import oktaReadUser from './okta/readUser.card.js';
import oktaRemoveUserFromGroup from './okta/removeUserFromGroup.card.js';
import oktaResetPassword from './okta/resetPassword.card.js';
import oktaSearchGroups from './okta/searchGroups.card.js';
import oktaSearchSystemLogs from './okta/searchSystemLogs.card.js';
import oktaSearchUsers from './okta/searchUsers.card.js';
import oktaSuspendUser from './okta/suspendUser.card.js';
import oktaUpdateGroup from './okta/updateGroup.card.js';
import oktaUnsuspendUser from './okta/unsuspendUser.card.js';
import oktaUpdateUser from './okta/updateUser.card.js';
import oktaSearchApplications from './okta/searchApplications.card.js';
import oktaReadApplication from './okta/readApplication.card.js';
import oktaRemoveUserFromApplication from './okta/removeUserFromApplication.card.js';
import oktaAssignGroupToApplication from './okta/assignGroupToApplication.card.js';
import oktaListUsersAssignedToApplication from './okta/listUsersAssignedToApplication.card.js';
import oktaListGroupsAssignedToApplication from './okta/listGroupsAssignedToApplication.card.js';
import oktaGetAssignedUserForApplication from './okta/getAssignedUserForApplication.card.js';
import oktaAssignUserToApplicationForSSO from './okta/assignUserToApplicationForSSO.card.js';
import oktaEventAccessCertificationDecisionSubmitted from './okta/events/accessCertificationDecisionSubmitted.card.js';
import oktaEventGroupDeleted from './okta/events/groupDeleted.card.js';
import oktaEventGroupProfileUpdated from './okta/events/groupProfileUpdated.card.js';
import oktaEventOktaUserPasswordUpdated from './okta/events/oktaUserPasswordUpdated.card.js';
import oktaEventOktaUserProfileUpdated from './okta/events/oktaUserProfileUpdated.card.js';
import oktaEventUserActivated from './okta/events/userActivated.card.js';
import oktaEventUserAddedToApplicationMembership from './okta/events/userAddedToApplicationMembership.card.js';
import oktaEventUserAddedToGroupMembership from './okta/events/userAddedToGroupMembership.card.js';
import oktaEventUserCreated from './okta/events/userCreated.card.js';
import oktaEventUserDeactivated from './okta/events/userDeactivated.card.js';
import oktaEventUserRemovedFromGroupMembership from './okta/events/userRemovedFromGroupMembership.card.js';
import oktaEventUserReportedSuspiciousActivityBeta from './okta/events/userReportedSuspiciousActivityBeta.card.js';
import oktaEventUserSuspended from './okta/events/userSuspended.card.js';

/**
 * THE registration list: every card Tollgate can run, one file each under its Okta address
 * (`<module>/<key>.card.ts`). `registry.test.ts` keeps it complete and checks it against the corpus.
 */
export const CARD_DECLARATIONS: readonly CardDeclaration[] = [
  // http
  httpAccept,
  httpDelegated,
  // control
  controlAssignIf,
  controlBranch,
  controlCallable,
  controlComment,
  controlContinueIf,
  controlIf,
  controlJoin,
  controlLet,
  controlLookup,
  controlNoop,
  controlReturn,
  controlReturnRaw,
  controlRun,
  controlSpawn,
  controlThrow,
  controlThrowIf,
  controlTimes,
  controlTryCatch,
  controlUntil,
  controlWait,
  // httpfunctions
  httpfunctionsClose,
  httpfunctionsDelete,
  httpfunctionsGet,
  httpfunctionsPatch,
  httpfunctionsPost,
  httpfunctionsPut,
  httpfunctionsRaw,
  // string
  stringBase64,
  stringBase64Decode,
  stringCompose,
  stringConcat,
  stringEmail,
  stringFind,
  stringLastIndexOf,
  stringLength,
  stringMatch,
  stringRandom,
  stringReplace,
  stringReplaceAny,
  stringSplit,
  stringSubstr,
  stringToLowerCase,
  stringToUpperCase,
  stringTrim,
  // math
  mathAdd,
  mathCeil,
  mathDivide,
  mathExpression,
  mathMultiply,
  mathRandom,
  mathRound,
  mathSubtract,
  // boolean
  booleanAnd,
  booleanCompare,
  booleanOr,
  booleanXor,
  // date
  dateAdd,
  dateDiff,
  dateEpoch,
  dateFormat,
  dateFromISO,
  dateNow,
  dateParse,
  dateSubtract,
  dateUnix,
  // object
  objectClearEmpty,
  objectConstruct,
  objectExpand,
  objectGet,
  objectKeys,
  objectMap,
  objectMerge,
  objectPick,
  objectSet,
  objectValues,
  // list
  listAsyncEach,
  listAt,
  listCollapse,
  listConstruct,
  listDifference,
  listEach,
  listFilter,
  listFilterBy,
  listFindBy,
  listFlatten,
  listIncludes,
  listIntersection,
  listJoin,
  listLength,
  listMap,
  listPluck,
  listPop,
  listPush,
  listReduce,
  listSample,
  listShift,
  listSortBy,
  listUnion,
  listUniqueBy,
  // json
  jsonParse,
  jsonStringify,
  // url
  urlEncodeComponent,
  // crypto
  cryptoHmac,
  // jwt
  jwtSign,
  // utility
  utilityExportFlo,
  // stash (Tables)
  stashClearTable,
  stashCreateRow,
  stashDeleteRow,
  stashExportToCSV,
  stashReadRow,
  stashReadTable,
  stashSearchRows2,
  stashUpdateRow,
  // okta (the Okta connector's action cards, against this org's own API)
  oktaActivateUser,
  oktaAddNewUserToGroup,
  oktaClearUserSessions,
  oktaCreateGroup,
  oktaCreateUser,
  oktaDeactivateUser,
  oktaDeleteUser,
  oktaGetUsersGroups,
  oktaHTTPRequest,
  oktaListGroupMembers,
  oktaListUsersWithFilter,
  oktaListUsersWithSearch,
  oktaReadGroup,
  oktaReadUser,
  oktaRemoveUserFromGroup,
  oktaResetPassword,
  oktaSearchGroups,
  oktaSearchSystemLogs,
  oktaSearchUsers,
  oktaSuspendUser,
  oktaUnsuspendUser,
  oktaUpdateGroup,
  oktaUpdateUser,
  // okta import sessions (Anything-as-a-Source, src/identity-sources)
  oktaBulkUserImport,
  oktaCreateAnImportSession,
  oktaDeleteImportSession,
  oktaListImportSessions,
  oktaTriggerImportSession,
  oktaMapProfileSourceAttributes,
  oktaSearchApplications,
  oktaReadApplication,
  oktaRemoveUserFromApplication,
  oktaAssignGroupToApplication,
  oktaListUsersAssignedToApplication,
  oktaListGroupsAssignedToApplication,
  oktaGetAssignedUserForApplication,
  oktaAssignUserToApplicationForSSO,
  // okta event cards
  oktaEventAccessCertificationDecisionSubmitted,
  oktaEventGroupDeleted,
  oktaEventGroupProfileUpdated,
  oktaEventOktaUserPasswordUpdated,
  oktaEventOktaUserProfileUpdated,
  oktaEventUserActivated,
  oktaEventUserAddedToApplicationMembership,
  oktaEventUserAddedToGroupMembership,
  oktaEventUserCreated,
  oktaEventUserDeactivated,
  oktaEventUserRemovedFromGroupMembership,
  oktaEventUserReportedSuspiciousActivityBeta,
  oktaEventUserSuspended,
];

export function cardRegistry(declarations: readonly CardDeclaration[]): CardRegistry {
  return new Map(declarations.map((declaration) => [declaration.type, declaration]));
}

export const defaultCardRegistry: CardRegistry = cardRegistry(CARD_DECLARATIONS);
