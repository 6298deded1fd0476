import type { Migration } from 'kysely/migration'
import * as createNetworksAndIdeas from './2026_11_22_0230_create_networks_and_ideas.ts'
import * as seedRegionalNetworks from './2026_11_22_0231_seed_regional_networks.ts'
import * as createDocStorage from './2026_11_22_0232_create_doc_storage.ts'
import * as createAccountsAndMemberships from './2026_11_22_0310_create_accounts_and_memberships.ts'
import * as addUsersIsDemo from './2026_11_22_0500_add_users_is_demo.ts'

/**
 * Every migration, by its file name. Listed statically (not read from disk) so the same list works under tsx,
 * vitest and a bundler. Append only: a migration that has run is never edited or removed.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_22_0230_create_networks_and_ideas': createNetworksAndIdeas,
  '2026_11_22_0231_seed_regional_networks': seedRegionalNetworks,
  '2026_11_22_0232_create_doc_storage': createDocStorage,
  '2026_11_22_0310_create_accounts_and_memberships': createAccountsAndMemberships,
  '2026_11_22_0500_add_users_is_demo': addUsersIsDemo,
}
