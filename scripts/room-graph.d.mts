// Types of scripts/room-graph.mjs, for test/room-graph.test.ts.
export declare const ROOT: '(root)';
export declare const LAYERS: string[][];
export interface RoomArrow {
  from: string;
  to: string;
  /** `file => specifier`, the file relative to the graph's folder. */
  imports: string[];
}
export interface RoomGraph {
  rooms: string[];
  arrows: RoomArrow[];
  cycles: string[][];
}
export declare function roomGraph(dir?: string, options?: { depth?: number; skip?: (from: string, to: string) => boolean }): RoomGraph;
export declare function backUpArrows(graph: RoomGraph, layers?: string[][]): RoomArrow[];
export declare function unplacedRooms(graph: RoomGraph, layers?: string[][]): string[];
