import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

export type AreaFeature = Feature<Geometry, { nis: string; name: string }>;

export type ProjectedArea = { nis: string; name: string; d: string; centroid: [number, number] };

export const MAP_WIDTH = 800;
export const MAP_HEIGHT = 360;

/** Projects areas once into SVG paths (1 decimal is ample at this size); cache the result. */
export function projectAreas(
  collection: FeatureCollection<Geometry, { nis: string; name: string }>,
): ProjectedArea[] {
  const projection = geoMercator().fitSize([MAP_WIDTH, MAP_HEIGHT], collection);
  const path = geoPath(projection).digits(1);
  return collection.features.map((f) => ({
    nis: f.properties.nis,
    name: f.properties.name,
    d: path(f) ?? '',
    centroid: path.centroid(f) as [number, number],
  }));
}

type MapProps = {
  areas: ProjectedArea[];
  title: string;
  description: string;
  /** CSS class per area (e.g. a colour class); areas without one are drawn plain. */
  classFor: (nis: string) => string | undefined;
  /** A marker at the centroid of this area. */
  marker?: string | undefined;
};

/** An SVG map drawn on the server; meaning is always repeated in text next to it. */
export function AreaMap({ areas, title, description, classFor, marker }: MapProps) {
  const markerArea = marker ? areas.find((a) => a.nis === marker) : undefined;
  return (
    <svg
      class="map"
      viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
      role="img"
      aria-labelledby="map-title map-desc"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="map-title">{title}</title>
      <desc id="map-desc">{description}</desc>
      {areas.map((a) => (
        <path d={a.d} class={`map__area ${classFor(a.nis) ?? ''}`.trim()} />
      ))}
      {markerArea && (
        <circle cx={markerArea.centroid[0]} cy={markerArea.centroid[1]} r={6} class="map__marker" />
      )}
    </svg>
  );
}
