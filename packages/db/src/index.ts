export * from './create-db.ts'
export * from './database.ts'
export * from './database-unavailable.ts'
export { migrateToLatest } from './migrate.ts'
