export * from './create-db.ts'
export * from './database.ts'
export { migrateToLatest } from './migrate.ts'
