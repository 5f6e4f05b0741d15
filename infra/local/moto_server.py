"""moto's server, with DynamoDB requests applied one at a time and sent mail readable cheaply.

moto serves requests on threads, and its TransactWriteItems neither locks the table nor
restores it safely: two concurrent transactions on one item can both pass their conditions,
and a failed one restores a snapshot that drops the other's write. DynamoDB does neither, and
Nestling's optimistic concurrency (409 on a moved version) relies on that. Serialising
DynamoDB requests makes the emulator keep DynamoDB's promise; other services stay threaded.

Sent mail: moto's only way to read SES back is `/moto-api/data.json`, a dump of the whole
emulator (every table's items, every user pool) whose cost grows with everything every test
ever stored. SES stays in the path (the outbox still calls SendEmail here); this wrapper also
keeps each accepted message in a log indexed by recipient, served read-only at

    GET /_nestling/mail?to=<address>&since=<seq>

which answers {"messages": [{"seq", "from", "to", "cc", "bcc", "subject", "body"}], "next"}
in the order SES accepted them: only the messages to `to` (any of To, Cc, Bcc, ignoring case;
every message without it), only those with seq >= `since` (default 0). `next` is the seq the
next accepted message will get, so a caller can wait for mail sent after a point it noted.
`POST /moto-api/reset` clears the log with the rest of the emulator.
"""

import json
import sys
import threading
from urllib.parse import parse_qs

import moto.server
from moto.dynamodb.responses import DynamoHandler
from moto.ses.models import SESBackend

_dynamodb = threading.Lock()
_call_action = DynamoHandler.call_action


def _one_at_a_time(self):
    with _dynamodb:
        return _call_action(self)


DynamoHandler.call_action = _one_at_a_time


class MailLog:
    """Every message SES accepted, oldest first, with an index from recipient to positions."""

    def __init__(self):
        self._lock = threading.Lock()
        self._messages = []
        self._by_recipient = {}

    def record(self, source, destinations, subject, body):
        def addresses(key):
            return [str(a) for a in (destinations or {}).get(key, []) or []]

        with self._lock:
            seq = len(self._messages)
            message = {
                "seq": seq,
                "from": source,
                "to": addresses("ToAddresses"),
                "cc": addresses("CcAddresses"),
                "bcc": addresses("BccAddresses"),
                "subject": subject,
                "body": body,
            }
            self._messages.append(message)
            for address in {a.lower() for a in message["to"] + message["cc"] + message["bcc"]}:
                self._by_recipient.setdefault(address, []).append(seq)

    def read(self, to, since):
        with self._lock:
            if to is None:
                chosen = self._messages[since:]
            else:
                positions = self._by_recipient.get(to.lower(), [])
                chosen = [self._messages[p] for p in positions if p >= since]
            return {"messages": chosen, "next": len(self._messages)}

    def clear(self):
        with self._lock:
            self._messages.clear()
            self._by_recipient.clear()


MAIL = MailLog()
_send_email = SESBackend.send_email


def _send_and_record(self, source, subject, body, destinations):
    # SESv2's simple SendEmail, which the outbox uses, lands here too. Recorded only once SES
    # accepted it (an unverified sender or a bad address raises before).
    message = _send_email(self, source, subject, body, destinations)
    MAIL.record(source, destinations, subject, body)
    return message


SESBackend.send_email = _send_and_record


class NestlingDispatcher(moto.server.DomainDispatcherApplication):
    """moto's WSGI application with the read-only mail route in front of it."""

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == "/_nestling/mail":
            if method != "GET":
                return _answer(start_response, "405 Method Not Allowed", {"message": "GET only"})
            query = parse_qs(environ.get("QUERY_STRING", ""))
            to = query.get("to", [None])[0]
            try:
                since = max(0, int(query.get("since", ["0"])[0]))
            except ValueError:
                return _answer(start_response, "400 Bad Request", {"message": "since must be an integer"})
            return _answer(start_response, "200 OK", MAIL.read(to, since))
        if path == "/moto-api/reset" and method == "POST":
            MAIL.clear()
        return super().__call__(environ, start_response)


def _answer(start_response, status, document):
    body = json.dumps(document).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


# moto.server.main builds its application from this name.
moto.server.DomainDispatcherApplication = NestlingDispatcher

if __name__ == "__main__":
    sys.exit(moto.server.main())
