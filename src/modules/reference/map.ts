import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { type ProjectedArea, projectAreas } from '../../core/views/map';
import { loadBoundaries } from './data';

let cached: ProjectedArea[] | undefined;

/** The 304 municipalities projected to SVG paths, computed on first use. */
export function municipalityAreas(): ProjectedArea[] {
  if (!cached) {
    const topology = loadBoundaries() as Topology;
    const collection = feature(topology, topology.objects.gemeente!) as unknown as FeatureCollection<
      Geometry,
      { nis: string; name: string }
    >;
    cached = projectAreas(collection);
  }
  return cached;
}
