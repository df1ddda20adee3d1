/** Groups assigned to apps: each member of such a group is an app user with scope GROUP. */
export interface AppGroupAssignmentTables {
  app_group_assignments: AppGroupAssignmentsTable;
}

export interface AppGroupAssignmentsTable {
  app_id: string;
  group_id: string;
  /** 0 is the highest: the profile of the best-placed group applies to a user in several assigned groups. */
  priority: number;
  /** JSON: the profile applied to the app users this assignment brings. */
  profile: string;
  created: string;
  last_updated: string;
}
