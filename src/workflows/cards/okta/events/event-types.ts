/**
 * Which System Log event types start a flow that begins with each Okta event card (card type → event
 * types), as Okta's documentation of each card says. Tollgate emits all of them except
 * `application.user_membership.add` (app assignment events come with the apps feature),
 * `user.account.report_suspicious_activity_by_enduser` and `certification.campaign.item.decide`
 * (no end-user reporting or access certification yet); those cards start flows once something writes
 * the event.
 */
export const OKTA_EVENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  'okta:userCreated': ['user.lifecycle.create'],
  'okta:userActivated': ['user.lifecycle.activate'],
  'okta:userSuspended': ['user.lifecycle.suspend'],
  'okta:userDeactivated': ['user.lifecycle.deactivate'],
  'okta:oktaUserProfileUpdated': ['user.account.update_profile'],
  'okta:oktaUserPasswordUpdated': ['user.account.update_password'],
  'okta:userAddedToGroupMembership': ['group.user_membership.add'],
  'okta:userRemovedFromGroupMembership': ['group.user_membership.remove'],
  'okta:groupProfileUpdated': ['group.profile.update'],
  'okta:groupDeleted': ['group.lifecycle.delete'],
  'okta:userAddedToApplicationMembership': ['application.user_membership.add'],
  'okta:userReportedSuspiciousActivityBeta': ['user.account.report_suspicious_activity_by_enduser'],
  'okta:accessCertificationDecisionSubmitted': ['certification.campaign.item.decide'],
};

/** The event types that start a flow beginning with this card; none for other cards. */
export function eventTypesOfCard(cardType: string | undefined): readonly string[] {
  return (cardType !== undefined && Object.hasOwn(OKTA_EVENT_TYPES, cardType) ? OKTA_EVENT_TYPES[cardType] : undefined) ?? [];
}
