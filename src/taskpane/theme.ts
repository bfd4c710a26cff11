// Light or dark, as Office says (Office.context.officeTheme, where the host offers it);
// otherwise the stylesheet follows prefers-color-scheme. Forced colours are left to CSS.

/** Relative luminance of a #rrggbb colour (WCAG), or undefined when it is not one. */
export function luminance(hex: string | undefined): number | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? "");
  if (!m) return undefined;
  const [r, g, b] = m.slice(1).map((x) => {
    const c = parseInt(x, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** "dark" or "light" from Office's body background, or undefined without Office's theme. */
export function themeFromOffice(background: string | undefined): "dark" | "light" | undefined {
  const l = luminance(background);
  return l === undefined ? undefined : l < 0.2 ? "dark" : "light";
}

export function applyOfficeTheme(): void {
  const office = (globalThis as { Office?: typeof Office }).Office;
  let background: string | undefined;
  try {
    background = office?.context?.officeTheme?.bodyBackgroundColor;
  } catch {
    background = undefined; // not offered by this host
  }
  const theme = themeFromOffice(background);
  if (theme) document.documentElement.setAttribute("data-theme", theme);
}
