/** The site icon: "न" (na) on the accent colour, as SVG so it is tiny and sharp. */
export const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#8a2d0b"/><text x="32" y="46" font-size="40" text-anchor="middle" fill="#fff" font-family="Noto Sans Devanagari, Mangal, sans-serif">न</text></svg>`
