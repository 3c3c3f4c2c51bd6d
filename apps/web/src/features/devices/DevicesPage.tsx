import { PointsPage } from '../points/PointsPage.tsx';

/** Device status: the point list from /api/devices, with how long each offline logger has been silent. */
export function DevicesPage() {
  return <PointsPage devices />;
}
