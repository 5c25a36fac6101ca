import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/store/schema.ts with `npm run db:generate` and committed;
// the same SQL files run on the embedded store and on PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './migrations',
});
