// Every migration the code knows, in order. Names are timestamps: add new ones at the end, never edit or
// remove an applied one (migrate.ts refuses to start when the database and this list disagree).
import type { Migration } from 'kysely';
import * as m20261128T1500 from './20261128T1500-initial.ts';

export const migrations: Readonly<Record<string, Migration>> = {
  '20261128T1500-initial': m20261128T1500,
};
