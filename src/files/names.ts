// File names as users gave them, made safe to show and to offer back as a download name.

const MAX_CHARS = 120 // code points; Cyrillic is 2 bytes in UTF-8, so this stays under 255 bytes
const SAME_EXT: Record<string, string[]> = { jpg: ['jpeg', 'jpe'], tif: ['tiff'], heic: ['heif'] }

// The last path segment only (either separator), without control, bidi-override or
// Windows-reserved characters, and ending in the extension of the detected type, so a PNG
// sent as «акт.pdf» is saved as «акт.pdf.png» and opens in the right program.
export function cleanName(raw: string, ext: string): string {
  const last = raw.normalize('NFC').split(/[\\/]/).pop() ?? ''
  let name = last
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
  const current = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase()
  const matches = current === ext || (SAME_EXT[ext] ?? []).includes(current ?? '')
  if (matches) name = name.slice(0, -(current!.length + 1))
  const base = Array.from(name || 'файл')
    .slice(0, MAX_CHARS - ext.length - 1)
    .join('')
    .trimEnd()
  return `${base}.${matches ? current : ext}`
}

// RFC 6266: an ASCII fallback for old clients, and the real name in UTF-8 for the rest.
export function contentDisposition(type: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_')
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
