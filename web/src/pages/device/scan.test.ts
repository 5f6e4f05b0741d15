import { describe, expect, it } from "vitest";
import { qrScanner, type ScanEnvironment } from "./scan";

class Detector {
  static formats = ["qr_code", "ean_13"];
  static getSupportedFormats = async () => Detector.formats;
  async detect() {
    return [];
  }
}

const camera = { kind: "videoinput", deviceId: "", groupId: "", label: "", toJSON: () => ({}) } as MediaDeviceInfo;
const microphone = { ...camera, kind: "audioinput" } as MediaDeviceInfo;

function env(over: Partial<ScanEnvironment> = {}, devices: MediaDeviceInfo[] = [camera]): ScanEnvironment {
  return {
    detector: Detector,
    mediaDevices: { getUserMedia: async () => ({}) as MediaStream, enumerateDevices: async () => devices },
    cameraAllowed: undefined,
    ...over,
  };
}

describe("scanning a kiosk code's QR code", () => {
  it("is offered with a QR-reading BarcodeDetector, a camera and the page allowed to use it", async () => {
    expect(await qrScanner(env())).toBe(Detector);
    expect(await qrScanner(env({ cameraAllowed: true }))).toBe(Detector);
  });

  it("is not offered without BarcodeDetector", async () => {
    expect(await qrScanner(env({ detector: undefined }))).toBeNull();
    expect(await qrScanner(env({ detector: {} }))).toBeNull();
  });

  it("is not offered without a camera, or where the page may not use it", async () => {
    expect(await qrScanner(env({ mediaDevices: undefined }))).toBeNull();
    expect(await qrScanner(env({}, [microphone]))).toBeNull();
    expect(await qrScanner(env({}, []))).toBeNull();
    expect(await qrScanner(env({ cameraAllowed: false }))).toBeNull();
  });

  it("is not offered where the detector cannot read QR codes", async () => {
    class Barcodes extends Detector {
      static override getSupportedFormats = async () => ["ean_13"];
    }
    expect(await qrScanner(env({ detector: Barcodes }))).toBeNull();
  });

  it("is not offered when asking fails", async () => {
    class Broken extends Detector {
      static override getSupportedFormats = async (): Promise<string[]> => {
        throw new Error("no");
      };
    }
    expect(await qrScanner(env({ detector: Broken }))).toBeNull();
    const failing = env();
    failing.mediaDevices = { getUserMedia: async () => ({}) as MediaStream, enumerateDevices: () => Promise.reject(new Error("denied")) };
    expect(await qrScanner(failing)).toBeNull();
  });
});
