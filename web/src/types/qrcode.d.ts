// The little of `qrcode` (pinned in package.json) the app uses: a QR code drawn as a PNG data
// URL in the browser. Declared here rather than with @types/qrcode, whose Node types would leak
// into the whole (browser) program.
declare module "qrcode" {
  interface ToDataURLOptions {
    errorCorrectionLevel?: "L" | "M" | "Q" | "H";
    /** Quiet zone, in modules (4 by default). */
    margin?: number;
    /** Width of the image in pixels. */
    width?: number;
    color?: { dark?: string; light?: string };
  }
  const QRCode: {
    toDataURL(text: string, options?: ToDataURLOptions): Promise<string>;
  };
  export default QRCode;
}
