/**
 * The mediums an artwork can be in. No imports: shared by the module's
 * validation and by the Medusa Admin widgets (bundled for the browser).
 */
export const MEDIUMS = [
  "watercolour",
  "acrylic",
  "oil",
  "ink",
  "pencil",
  "digital_print",
  "screen_print",
  "mixed",
] as const
export type Medium = (typeof MEDIUMS)[number]
