import { describe, expect, it } from "vitest";
import {
  DEVICE_KEY,
  PAIRING_KEY,
  credentialFromStatus,
  deviceAuthorization,
  deviceRefusal,
  initialScreen,
  sessionHeaders,
  pairedSentence,
  pairingInstruction,
  readCredential,
  readPairing,
  unpairedWords,
  writeCredential,
  writePairing,
  type KeyValueStore,
} from "./credential";

function memory(initial: Record<string, string> = {}): KeyValueStore & { map: Map<string, string> } {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const CREDENTIAL = { settingId: "set-1", deviceId: "dev_9", secret: "a1b2c3", name: "Robins tablet", settingName: "Sunflowers" };
const PAIRING = { code: "ABCD-EF23", secret: "s3cr3t", expiresAt: "2027-03-01T09:45:00Z" };

describe("the device's credential", () => {
  it("is sent as a Device header, never anything a bearer token could be mistaken for", () => {
    expect(deviceAuthorization(CREDENTIAL)).toBe("Device set-1.dev_9.a1b2c3");
    // A dot in a part would shift the header's fields.
    expect(() => deviceAuthorization({ ...CREDENTIAL, deviceId: "dev.9" })).toThrow(RangeError);
    expect(() => deviceAuthorization({ ...CREDENTIAL, secret: "" })).toThrow(RangeError);
  });

  it("goes with the person's session token, as the API gave it, on every request of the session", () => {
    expect(sessionHeaders(CREDENTIAL, "u-42.Zx_9-abc")).toEqual({ Authorization: "Device set-1.dev_9.a1b2c3", "X-Device-Session": "u-42.Zx_9-abc" });
    // Nothing a header could not carry.
    expect(() => sessionHeaders(CREDENTIAL, "")).toThrow(RangeError);
    expect(() => sessionHeaders(CREDENTIAL, "u-42.abc\r\nX-Evil: 1")).toThrow(RangeError);
    expect(() => sessionHeaders({ ...CREDENTIAL, secret: "" }, "u-42.abc")).toThrow(RangeError);
  });

  it("is kept under nestling.device and read back only when whole", () => {
    const store = memory();
    writeCredential(store, CREDENTIAL);
    expect(JSON.parse(store.map.get(DEVICE_KEY)!)).toEqual(CREDENTIAL);
    expect(readCredential(store)).toEqual(CREDENTIAL);
    writeCredential(store, null);
    expect(store.map.has(DEVICE_KEY)).toBe(false);
    expect(readCredential(store)).toBeNull();

    const bad = (value: unknown) => readCredential(memory({ [DEVICE_KEY]: typeof value === "string" ? value : JSON.stringify(value) }));
    expect(bad("{not json")).toBeNull();
    expect(bad([CREDENTIAL])).toBeNull();
    expect(bad({ ...CREDENTIAL, secret: undefined })).toBeNull();
    expect(bad({ ...CREDENTIAL, settingId: "set 1" })).toBeNull();
    expect(bad({ ...CREDENTIAL, deviceId: "x".repeat(65) })).toBeNull();
    expect(bad({ ...CREDENTIAL, name: " " })).toBeNull();
    expect(bad({ ...CREDENTIAL, extra: "dropped" })).toEqual(CREDENTIAL);
  });

  it("is not kept at all when it is not whole", () => {
    const store = memory({ [DEVICE_KEY]: JSON.stringify(CREDENTIAL) });
    writeCredential(store, { ...CREDENTIAL, secret: "has.dot" });
    expect(store.map.has(DEVICE_KEY)).toBe(false);
  });

  it("treats storage the browser refuses as empty", () => {
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    };
    expect(readCredential(refusing)).toBeNull();
    expect(() => writeCredential(refusing, CREDENTIAL)).not.toThrow();
  });
});

describe("a pairing waiting", () => {
  it("is kept under nestling.devicePairing and read back only when whole", () => {
    const store = memory();
    writePairing(store, PAIRING);
    expect(JSON.parse(store.map.get(PAIRING_KEY)!)).toEqual(PAIRING);
    expect(readPairing(store)).toEqual(PAIRING);
    writePairing(store, null);
    expect(readPairing(store)).toBeNull();
    const bad = (value: object) => readPairing(memory({ [PAIRING_KEY]: JSON.stringify(value) }));
    expect(bad({ ...PAIRING, code: "abcd-ef23" })).toBeNull();
    expect(bad({ ...PAIRING, code: "ABCDEF23" })).toBeNull();
    // 0, O, 1, I and L are never drawn.
    expect(bad({ ...PAIRING, code: "ABCD-EF01" })).toBeNull();
    expect(bad({ ...PAIRING, expiresAt: "soon" })).toBeNull();
  });

  it("opens the screen where the device left off: paired first, then waiting, else not paired", () => {
    expect(initialScreen(memory())).toEqual({ kind: "not-paired" });
    expect(initialScreen(memory({ [PAIRING_KEY]: JSON.stringify(PAIRING) }))).toEqual({ kind: "waiting", pairing: PAIRING });
    const both = memory({ [PAIRING_KEY]: JSON.stringify(PAIRING), [DEVICE_KEY]: JSON.stringify(CREDENTIAL) });
    expect(initialScreen(both)).toEqual({ kind: "paired", credential: CREDENTIAL });
  });

  it("becomes the credential once a manager paired it, with the device's own secret", () => {
    const waiting = { status: "waiting", expiresAt: PAIRING.expiresAt };
    expect(credentialFromStatus(waiting, PAIRING.secret)).toBeNull();
    const paired = { status: "paired", expiresAt: PAIRING.expiresAt, settingId: "set-1", deviceId: "dev_9", name: "Robins tablet", settingName: "Sunflowers" };
    expect(credentialFromStatus(paired, "a1b2c3")).toEqual(CREDENTIAL);
    expect(credentialFromStatus({ ...paired, settingName: null }, "a1b2c3")).toBeNull();
    expect(credentialFromStatus({ ...paired, deviceId: undefined }, "a1b2c3")).toBeNull();
  });

  it("says when the code expires on the device's clock", () => {
    expect(pairingInstruction("2027-03-01T09:45:00Z", "UTC")).toBe("A manager opens Devices in Nestling and types this code. It expires at 09:45.");
    expect(pairingInstruction("2027-07-01T09:05:00Z", "Europe/London")).toBe("A manager opens Devices in Nestling and types this code. It expires at 10:05.");
  });
});

describe("device words", () => {
  it("reads the API's refusals of GET /v1/device", () => {
    expect(deviceRefusal(null)).toBeNull();
    expect(deviceRefusal({ status: 401, slug: "device-not-paired" })).toBe("unpaired");
    expect(deviceRefusal({ status: 403, slug: "device-off-premises" })).toBe("off-premises");
    expect(deviceRefusal({ status: 403, slug: "forbidden" })).toBeNull();
    expect(deviceRefusal({ status: 0, slug: "network" })).toBeNull();
    expect(deviceRefusal({ status: 500, slug: "unexpected" })).toBeNull();
  });

  it("says what the device is paired as and how a device was unpaired", () => {
    expect(pairedSentence({ settingName: "Sunflowers", name: "Robins tablet" })).toBe("Paired with Sunflowers as “Robins tablet”.");
    const day = (iso: string) => `day of ${iso}`;
    expect(unpairedWords({ at: "2027-03-01T10:00:00Z", by: "u1", byName: "Ana Manager", reason: "reported-missing" }, day)).toBe(
      "Unpaired day of 2027-03-01T10:00:00Z by Ana Manager: reported missing",
    );
    expect(unpairedWords({ at: "2027-03-01T10:00:00Z", by: "u1", byName: "Ana Manager", reason: "retired" }, day)).toBe(
      "Unpaired day of 2027-03-01T10:00:00Z by Ana Manager: retired",
    );
  });
});
