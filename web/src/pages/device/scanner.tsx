// The tablet's camera reading a kiosk code's QR code (scan.ts says where it can): the camera
// opens when "Scan the QR code" is pressed and closes as soon as a code is read, on "Stop
// scanning", or when the screen goes. Nothing is recorded or sent: only the code is kept.
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { codeFromScan } from "./passWords";
import { browserScanEnvironment, qrScanner, type QrDetectorClass } from "./scan";
import { SCAN_FAILED, SCANNING, STOP_SCAN } from "./sessionWords";

/** How often a frame of the camera is looked at. */
const SCAN_EVERY_MS = 250;

/** The detector class where the tablet can scan QR codes, null where it cannot (or until known). */
export function useQrScanner(): QrDetectorClass | null {
  const [detector, setDetector] = useState<QrDetectorClass | null>(null);
  useEffect(() => {
    let live = true;
    void qrScanner(browserScanEnvironment()).then((found) => {
      // A class is a function: handed as is, setState would call it.
      if (live) setDetector(() => found);
    });
    return () => {
      live = false;
    };
  }, []);
  return detector;
}

export function QrScanner({ Detector, onCode, onClose }: { Detector: QrDetectorClass; onCode: (digits: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const found = useEffectEvent(onCode);
  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    const element = video.current;
    const stop = () => {
      stopped = true;
      window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
      if (element) element.srcObject = null;
    };
    const look = async (detector: InstanceType<QrDetectorClass>) => {
      if (stopped || !element) return;
      try {
        if (element.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
          const code = codeFromScan((await detector.detect(element)).map((b) => b.rawValue));
          if (code && !stopped) {
            stop();
            found(code);
            return;
          }
        }
      } catch {
        // A frame that could not be read: the next one.
      }
      if (!stopped) timer = window.setTimeout(() => void look(detector), SCAN_EVERY_MS);
    };
    const open = async () => {
      const detector = new Detector({ formats: ["qr_code"] });
      const opened = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      if (stopped || !element) {
        for (const track of opened.getTracks()) track.stop();
        return;
      }
      stream = opened;
      element.srcObject = opened;
      await element.play();
      void look(detector);
    };
    open().catch(() => {
      if (!stopped) {
        stop();
        setFailed(true);
      }
    });
    return stop;
  }, [Detector]);
  return (
    <div className="qr-scanner">
      <p role="status">{failed ? SCAN_FAILED : SCANNING}</p>
      {/* The camera's picture only helps to aim: nothing in it is for a screen reader. */}
      <video ref={video} muted playsInline aria-hidden="true" hidden={failed} />
      <p className="actions">
        <button type="button" onClick={onClose}>
          {STOP_SCAN}
        </button>
      </p>
    </div>
  );
}
