"""Prepares the schemathesis run of infra/local/fuzz.sh against a local Nestling stack seeded
with the demo nursery (stdlib only).

Usage: fuzz_setup.py <api base url> <out dir>

  1. reads <api>/config.json (app client id, emulator endpoint),
  2. signs the demo accounts in with USER_PASSWORD_AUTH against the emulator's Cognito (the
     same unsigned InitiateAuth call the web app makes; no boto3 needed),
  3. creates a second setting, "Oak Tree Pre-School", as the demo operator, accepts its
     manager's invitation from the emulator's mail route, and has that manager add a room, a
     child (Zara Zebedee), an observation, a fault and a breach: objects only identity B owns,
  4. writes <out>/wfc-auth.json (Web Fuzzing Commons auth file: parentA, parentB, managerB),
     <out>/tokens.env and <out>/hooks.env (NESTLING_FUZZ_* for hooks.py).

Identity A = beth@families.test (parent of Ava and Noah, Little Acorns).
Identity B = two owners A must never reach:
  - parentB  = hamza@families.test, another family in A's own setting (child Isla Khan),
  - managerB = manager@oaks.test, the manager of another setting.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "Acorns-Demo-2026"
# The demo staff's authenticator secret, printed by the stack (fuzz.sh passes it on).
DEMO_TOTP_SECRET = os.environ.get("NESTLING_DEMO_TOTP_SECRET", "")


def totp(secret: str) -> str:
    """RFC 6238 (HMAC-SHA1, 30 s, 6 digits); waits out the end of a step, as checkers take only the current one."""
    if 30 - time.time() % 30 < 2.5:
        time.sleep(30 - time.time() % 30 + 0.1)
    key = secret.upper().replace(" ", "").rstrip("=")
    key = base64.b32decode(key + "=" * (-len(key) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def http(method: str, url: str, body=None, headers=None, token=None):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    h = {"content-type": "application/json"} if body is not None else {}
    h.update(headers or {})
    if token:
        h["authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, text = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    try:
        return status, json.loads(text) if text else None
    except ValueError:
        return status, text


def expect(status, method, url, body=None, token=None):
    got, value = http(method, url, body, token=token)
    if got != status:
        raise SystemExit(f"fuzz_setup: {method} {url}: expected {status}, got {got}: {value}")
    return value


class Stack:
    def __init__(self, api: str):
        self.api = api.rstrip("/")
        config = expect(200, "GET", f"{self.api}/config.json")
        self.client_id = config["appClientId"]
        self.emulator = config["cognitoEndpoint"].rstrip("/")

    def initiate_auth_payload(self, email: str) -> str:
        return json.dumps({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": self.client_id,
            "AuthParameters": {"USERNAME": email, "PASSWORD": PASSWORD},
        })

    def cognito(self, target: str, body: dict):
        return http(
            "POST", f"{self.emulator}/", json.dumps(body).encode(),
            headers={"content-type": "application/x-amz-json-1.1", "x-amz-target": f"AWSCognitoIdentityProviderService.{target}"},
        )

    def sign_in(self, email: str, secret: str = "") -> str:
        """A password sign-in, answering the authenticator challenge staff get (rule 15)."""
        status, value = self.cognito("InitiateAuth", json.loads(self.initiate_auth_payload(email)))
        if status == 200 and value.get("ChallengeName") == "SOFTWARE_TOKEN_MFA":
            status, value = self.cognito("RespondToAuthChallenge", {
                "ClientId": self.client_id, "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": value["Session"],
                "ChallengeResponses": {"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": totp(secret or DEMO_TOTP_SECRET)},
            })
        if status != 200 or "AuthenticationResult" not in value:
            raise SystemExit(f"fuzz_setup: sign in {email}: {status} {value}")
        return value["AuthenticationResult"]["AccessToken"]

    def enrol(self, token: str) -> str:
        """Enrols an authenticator through the API, as a new member of staff does; its secret."""
        secret = expect(200, "POST", self.v1("/me/mfa/totp"), token=token)["secretCode"]
        expect(200, "POST", self.v1("/me/mfa/totp/confirm"), {"code": totp(secret)}, token=token)
        return secret

    def v1(self, path: str) -> str:
        return f"{self.api}/v1{path}"

    def invitation_token(self, email: str, attempts: int = 60) -> str:
        # The outbox pump of `nestling-local` delivers the invitation within a second or so.
        url = f"{self.emulator}/_nestling/mail?" + urllib.parse.urlencode({"to": email})
        for _ in range(attempts):
            _, page = http("GET", url)
            for message in reversed((page or {}).get("messages", [])):
                m = re.search(r"/invitations/([A-Za-z0-9]+)", message.get("body", ""))
                if m:
                    return m.group(1)
            time.sleep(0.5)
        raise SystemExit(f"fuzz_setup: no invitation email for {email}")


def main(api: str, out: str) -> None:
    s = Stack(api)
    tokens = {name: s.sign_in(email) for name, email in [
        ("parentA", "beth@families.test"), ("parentB", "hamza@families.test"),
        ("managerS1", "manager@acorns.test"), ("operator", "operator@nestling.test")]}
    me_a = expect(200, "GET", s.v1("/me"), token=tokens["parentA"])
    me_b = expect(200, "GET", s.v1("/me"), token=tokens["parentB"])
    s1 = me_a["memberships"][0]["settingId"]
    a_children = [c["childId"] for m in me_a["memberships"] for c in m["linkedChildren"]]
    b_children = [c["childId"] for m in me_b["memberships"] for c in m["linkedChildren"]]
    # Names of parentB's children, read as Little Acorns' manager.
    b_names = []
    for child in b_children:
        view = expect(200, "GET", s.v1(f"/settings/{s1}/children/{child}"), token=tokens["managerS1"])
        b_names += [view["firstName"], view["lastName"]]

    # A second setting, owned by managerB.
    email_b = "manager@oaks.test"
    setting = expect(201, "POST", s.v1("/settings"), {
        "name": "Oak Tree Pre-School", "timezone": "Europe/London",
        "agreementText": "Keep what you see about other children private.",
        "manager": {"email": email_b, "name": "Olu Oakley"},
        "networks": ["127.0.0.1/32", "::1/128"],
    }, token=tokens["operator"])
    s2 = setting["id"]
    invitation = s.invitation_token(email_b)
    expect(200, "POST", s.v1(f"/invitations/{invitation}/accept"), {"password": PASSWORD})
    tokens["managerB"] = tok_b = s.sign_in(email_b)
    # A new manager does nothing before enrolling an authenticator (rule 15).
    s.enrol(tok_b)
    mgr_b = expect(200, "GET", s.v1("/me"), token=tok_b)["userId"]
    room = expect(201, "POST", s.v1(f"/settings/{s2}/rooms"), {"name": "Willow Room", "ageBand": "mixed"}, token=tok_b)["id"]
    zara = expect(201, "POST", s.v1(f"/settings/{s2}/children"), {
        "firstName": "Zara", "lastName": "Zebedee", "dateOfBirth": "2023-04-05", "roomId": room,
        "keyPersonId": mgr_b, "emergencyContacts": [], "dietaryNotes": "Quince allergy",
    }, token=tok_b)["childId"]
    observation = expect(201, "POST", s.v1(f"/settings/{s2}/observations"), {
        "text": "Zara planted quince seeds in the Willow garden.", "children": [zara],
        "areas": ["understanding-the-world"],
    }, token=tok_b)["observationId"]
    fault = expect(201, "POST", s.v1(f"/settings/{s2}/faults"),
                   {"description": "Willow Room door sensor beeps.", "privacyAffected": False}, token=tok_b)
    fault_id = fault.get("faultId") or fault.get("id")

    foreign = {
        "settingId": [s2],
        "childId": [zara, *b_children],
        "userId": [mgr_b, me_b["userId"]],
        "observationId": [observation],
        "faultId": [fault_id] if fault_id else [],
        "roomId": [room],
    }
    own = {"settingId": [s1], "childId": a_children, "userId": [me_a["userId"]]}
    forbidden = sorted({
        s2, zara, observation, mgr_b, room, *(x for x in [fault_id] if x),
        "Oak Tree Pre-School", "Zebedee", "Olu Oakley", email_b, "Quince", "Willow Room",
        *b_children, *b_names, me_b["userId"], me_b["email"], me_b["name"],
    } - {""})

    def entry(name, email):
        return {"name": name, "loginEndpointAuth": {
            "externalEndpointURL": f"{s.emulator}/", "verb": "POST",
            "contentType": "application/x-amz-json-1.1",
            "headers": [{"name": "X-Amz-Target", "value": "AWSCognitoIdentityProviderService.InitiateAuth"}],
            "payloadRaw": s.initiate_auth_payload(email),
            "token": {"extractFrom": "body", "extractSelector": "/AuthenticationResult/AccessToken",
                      "sendIn": "header", "sendName": "Authorization", "sendTemplate": "Bearer {token}"}}}

    with open(f"{out}/wfc-auth.json", "w") as f:
        # Parents only: WFC logs in with one request, and staff's sign-in takes a second (the code).
        json.dump({"auth": [entry("parentA", "beth@families.test"), entry("parentB", "hamza@families.test")]}, f, indent=1)
    with open(f"{out}/tokens.env", "w") as f:
        for name in ("parentA", "parentB", "managerB", "managerS1"):
            f.write(f"TOKEN_{name}={tokens[name]}\n")
    with open(f"{out}/hooks.env", "w") as f:
        f.write(f"NESTLING_FUZZ_FORBIDDEN='{json.dumps(forbidden)}'\n")
        f.write(f"NESTLING_FUZZ_FOREIGN='{json.dumps({k: v for k, v in foreign.items() if v})}'\n")
        f.write(f"NESTLING_FUZZ_OWN='{json.dumps(own)}'\n")
    # The staff pass: Little Acorns' manager may see all of Little Acorns (Hamza's family
    # included) and nothing of Oak Tree's.
    me_m = expect(200, "GET", s.v1("/me"), token=tokens["managerS1"])
    s1_children = [c["childId"] for c in expect(200, "GET", s.v1(f"/settings/{s1}/children"), token=tokens["managerS1"])["items"]]
    with open(f"{out}/hooks-staff.env", "w") as f:
        staff_forbidden = sorted({s2, zara, observation, mgr_b, room, *(x for x in [fault_id] if x),
                                  "Oak Tree Pre-School", "Zebedee", "Olu Oakley", email_b, "Quince", "Willow Room"})
        staff_foreign = {"settingId": [s2], "childId": [zara], "userId": [mgr_b], "observationId": [observation],
                         "faultId": [fault_id] if fault_id else [], "roomId": [room]}
        f.write(f"NESTLING_FUZZ_FORBIDDEN='{json.dumps(staff_forbidden)}'\n")
        f.write(f"NESTLING_FUZZ_FOREIGN='{json.dumps({k: v for k, v in staff_foreign.items() if v})}'\n")
        f.write(f"NESTLING_FUZZ_OWN='{json.dumps({'settingId': [s1], 'childId': s1_children, 'userId': [me_m['userId']]})}'\n")
    print(f"fuzz_setup: A=beth in {s1} (children {', '.join(a_children)}); "
          f"B=hamza ({', '.join(b_children)}) and {email_b} in {s2}; {len(forbidden)} forbidden strings")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
