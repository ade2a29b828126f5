// The one place DOM ids of swappable fragments are made, so a pushed fragment finds its target.
export const domId = (kind: string, id?: number | string, part?: string) =>
  [kind, id, part].filter((x) => x !== undefined && x !== '').join('-')
