// Whether the tablet can scan a kiosk code's QR code with its camera: the browser's
// BarcodeDetector (the Shape Detection API, not in every browser nor in TypeScript's DOM types)
// reading QR codes, a camera, and a Permissions-Policy that lets the page use it. Anything
// missing hides "Scan the QR code"; the code can always be typed. Pure but for
// `browserScanEnvironment`, for the tests.

/** The little of a BarcodeDetector used here. */
export interface QrDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

/** The BarcodeDetector class, as far as it is used. */
export interface QrDetectorClass {
  new (options?: { formats?: string[] }): QrDetector;
  getSupportedFormats?: () => Promise<string[]>;
}

/** What the browser offers (the browser's own, or fakes in the tests). */
export interface ScanEnvironment {
  detector: unknown;
  mediaDevices: Partial<Pick<MediaDevices, "getUserMedia" | "enumerateDevices">> | undefined;
  /** The Permissions-Policy's answer for the camera, where the browser says (undefined: it does not). */
  cameraAllowed: boolean | undefined;
}

type PolicyDocument = Document & {
  permissionsPolicy?: { allowsFeature?: (feature: string) => boolean };
  featurePolicy?: { allowsFeature?: (feature: string) => boolean };
};

export function browserScanEnvironment(): ScanEnvironment {
  const doc = document as PolicyDocument;
  const policy = doc.permissionsPolicy ?? doc.featurePolicy;
  let cameraAllowed: boolean | undefined;
  try {
    cameraAllowed = policy?.allowsFeature?.("camera");
  } catch {
    cameraAllowed = undefined;
  }
  return {
    detector: (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector,
    // Absent outside a secure context.
    mediaDevices: typeof navigator === "undefined" ? undefined : navigator.mediaDevices,
    cameraAllowed,
  };
}

/** The detector class when QR codes can be scanned here; null otherwise (never throws). */
export async function qrScanner(env: ScanEnvironment): Promise<QrDetectorClass | null> {
  try {
    if (typeof env.detector !== "function") return null;
    const Detector = env.detector as QrDetectorClass;
    const media = env.mediaDevices;
    if (typeof media?.getUserMedia !== "function" || typeof media.enumerateDevices !== "function") return null;
    if (env.cameraAllowed === false) return null;
    if (typeof Detector.getSupportedFormats === "function" && !(await Detector.getSupportedFormats()).includes("qr_code")) return null;
    // Before anyone allowed the camera, the list still says which kinds of device there are.
    return (await media.enumerateDevices()).some((d) => d.kind === "videoinput") ? Detector : null;
  } catch {
    return null;
  }
}
