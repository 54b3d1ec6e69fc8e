import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Embedded TrueType fonts, selected by file path (PDFKit's standard fonts are
 * not embedded, which PDF/A forbids; WOFF2 crashes PDFKit 0.20). DejaVu
 * covers Spanish and every Latin character a name may carry.
 */
export const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
} as const;

export type FontName = keyof typeof FONTS;
