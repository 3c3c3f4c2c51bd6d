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
import * as m20261129T0240 from './20261129T0240-special-periods.ts';
import * as m20261129T0250 from './20261129T0250-compliance-months.ts';
import * as m20261129T0260 from './20261129T0260-meter-feed.ts';
import * as m20261129T0300 from './20261129T0300-enforcement-catalogue.ts';
import * as m20261129T0310 from './20261129T0310-tasks.ts';
import * as m20261129T0320 from './20261129T0320-cases.ts';
import * as m20261129T0330 from './20261129T0330-inspections.ts';
import * as m20261129T0340 from './20261129T0340-rectifications.ts';
import * as m20261129T0350 from './20261129T0350-draws-publication.ts';
import * as m20261129T0360 from './20261129T0360-case-table-version.ts';
import * as m20261129T0370 from './20261129T0370-legal-representative-certificates.ts';
import * as m20261207T0100 from './20261207T0100-inspection-record.ts';
import * as m20261207T1940 from './20261207T1940-document-service.ts';
import * as m20261207T2310 from './20261207T2310-notifications.ts';
import * as m20261207T2320 from './20261207T2320-service-consent.ts';

export const migrations: Readonly<Record<string, Migration>> = {
  '20261128T1500-initial': m20261128T1500,
  '20261129T0100-audit': m20261129T0100,
  '20261129T0110-registry': m20261129T0110,
  '20261129T0120-auth': m20261129T0120,
  '20261129T0200-compliance': m20261129T0200,
  '20261129T0210-markings': m20261129T0210,
  '20261129T0220-meters': m20261129T0220,
  '20261129T0230-risk': m20261129T0230,
  '20261129T0240-special-periods': m20261129T0240,
  '20261129T0250-compliance-months': m20261129T0250,
  '20261129T0260-meter-feed': m20261129T0260,
  '20261129T0300-enforcement-catalogue': m20261129T0300,
  '20261129T0310-tasks': m20261129T0310,
  '20261129T0320-cases': m20261129T0320,
  '20261129T0330-inspections': m20261129T0330,
  '20261129T0340-rectifications': m20261129T0340,
  '20261129T0350-draws-publication': m20261129T0350,
  '20261129T0360-case-table-version': m20261129T0360,
  '20261129T0370-legal-representative-certificates': m20261129T0370,
  '20261207T0100-inspection-record': m20261207T0100,
  '20261207T1940-document-service': m20261207T1940,
  '20261207T2310-notifications': m20261207T2310,
  '20261207T2320-service-consent': m20261207T2320,
};
