// Every migration the code knows, in order. Names are timestamps: add new ones at the end, never edit or
// remove an applied one (migrate.ts refuses to start when the database and this list disagree).
import type { Migration } from 'kysely';
import * as m20261128T1500 from './20261128T1500-initial.ts';
import * as m20261129T0100 from './20261129T0100-audit.ts';
import * as m20261129T0110 from './20261129T0110-registry.ts';
import * as m20261129T0120 from './20261129T0120-auth.ts';
import * as m20261129T0200 from './20261129T0200-compliance.ts';
import * as m20261129T0210 from './20261129T0210-markings.ts';
import * as m20261129T0220 from './20261129T0220-meters.ts';
import * as m20261129T0230 from './20261129T0230-risk.ts';

export const migrations: Readonly<Record<string, Migration>> = {
  '20261128T1500-initial': m20261128T1500,
  '20261129T0100-audit': m20261129T0100,
  '20261129T0110-registry': m20261129T0110,
  '20261129T0120-auth': m20261129T0120,
  '20261129T0200-compliance': m20261129T0200,
  '20261129T0210-markings': m20261129T0210,
  '20261129T0220-meters': m20261129T0220,
  '20261129T0230-risk': m20261129T0230,
};
