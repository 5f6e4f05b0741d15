"""moto's server, with DynamoDB requests applied one at a time and sent mail readable cheaply.

moto serves requests on threads, and its TransactWriteItems neither locks the table nor
restores it safely: two concurrent transactions on one item can both pass their conditions,
and a failed one restores a snapshot that drops the other's write. DynamoDB does neither, and
Nestling's optimistic concurrency (409 on a moved version) relies on that. Serialising
DynamoDB requests makes the emulator keep DynamoDB's promise; other services stay threaded.
Its transactions back up by copying whole tables; here they back up only what they touch.

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

import copy
import json
import os
import sys
import threading
from urllib.parse import parse_qs

import moto.server
from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MockValidationException,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.responses import DynamoHandler, DynamoResult
from moto.ses.models import SESBackend

_dynamodb = threading.Lock()
_call_action = DynamoHandler.call_action


def _one_at_a_time(self):
    with _dynamodb:
        return _call_action(self)


DynamoHandler.call_action = _one_at_a_time


class _Undo:
    """What a transaction changed, to put back if it is cancelled: each touched item as it was
    before (a copy of that item alone) and each table's stream length."""

    def __init__(self):
        self._items = {}
        self._streams = {}

    def remember(self, table, key):
        hash_value = DynamoType(key[table.hash_key_attr])
        range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
        ident = (table.name, hash_value, range_value)
        if ident not in self._items:
            before = table.get_item(hash_value, range_value)
            self._items[ident] = (table, hash_value, range_value, copy.deepcopy(before))
        if table.stream_shard is not None and table.name not in self._streams:
            self._streams[table.name] = (table, len(table.stream_shard.items))

    def restore(self):
        for table, hash_value, range_value, before in self._items.values():
            if range_value is not None:
                if before is None:
                    table.items[hash_value].pop(range_value, None)
                else:
                    table.items[hash_value][range_value] = before
            elif before is None:
                table.items.pop(hash_value, None)
            else:
                table.items[hash_value] = before
        for table, length in self._streams.values():
            del table.stream_shard.items[length:]


def _transact_write_items(self, transact_items):
    """moto's TransactWriteItems with the same answers, minus its cost: moto backs up by deep-
    copying every table the transaction names, once per item, stream records included, so each
    transaction cost grew with everything the table (and its stream) ever held. This backs up
    only the items the transaction touches and the streams' lengths."""
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    # DynamoDB refuses the whole request before writing anything; moto would have applied the
    # items before the malformed one and kept them.
    if any(len(entry) > 1 for entry in transact_items):
        raise TransactWriteSingleOpException()
    undo = _Undo()
    targets = set()
    errors = []
    for entry in transact_items:
        original_item = None
        try:
            op_type, op = next(iter(entry.items()))
            if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                raise ValueError("Unsupported transaction operation")
            table_name = op["TableName"]
            table = self.get_table(table_name)
            condition = op.get("ConditionExpression")
            names = op.get("ExpressionAttributeNames")
            values = op.get("ExpressionAttributeValues")
            if op_type == "Put":
                attrs = op["Item"]
                key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs[table.range_key_attr]
            else:
                key = op["Key"]
            target = (str(table_name), str(dict(sorted(key.items()))))
            if target in targets:
                raise MultipleTransactionsException()
            targets.add(target)
            current = self.get_item(table_name, key)
            if condition is not None and not get_filter_expression(condition, names, values).expr(current):
                if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                    original_item = current.to_json()["Attributes"]
                raise ConditionalCheckFailed(item=original_item)
            if op_type != "ConditionCheck":
                undo.remember(table, key)
            common = dict(condition_expression=condition, expression_attribute_names=names, expression_attribute_values=values)
            if op_type == "Put":
                self.put_item(table_name, op["Item"], **common)
            elif op_type == "Delete":
                self.delete_item(table_name, key, **common)
            elif op_type == "Update":
                self.update_item(table_name, key, update_expression=op["UpdateExpression"], **common)
            errors.append((None, None, None))
        except (MultipleTransactionsException, MockValidationException):
            undo.restore()
            raise
        except ConditionalCheckFailed as e:
            errors.append(("ConditionalCheckFailed", str(e.message), original_item))
        except Exception as e:  # noqa: BLE001 - as moto: any other failure cancels with its name
            errors.append((type(e).__name__, str(e), original_item))
    if any(code is not None for code, _, _ in errors):
        undo.restore()
        raise TransactionCanceledException(errors)


DynamoDBBackend.transact_write_items = _transact_write_items

# Reads answer items that are already in DynamoDB's wire format; moto still walks each
# attribute value through botocore's shape-driven serializer, which was 80% of its DynamoDB
# time once transactions were cheap. These answers are written as the JSON they already are.
# NESTLING_EMULATOR_VERIFY=1 renders both ways, answers moto's own, and reports any difference.
_ITEM_READS = {"GetItem", "BatchGetItem", "Query", "Scan"}
_VERIFY = os.environ.get("NESTLING_EMULATOR_VERIFY") == "1"
_execute_result = DynamoResult.execute_result


def _execute_result_directly(self, context):
    operation = context.operation_model.name
    if operation not in _ITEM_READS:
        return _execute_result(self, context)
    try:
        direct = (200, {"Content-Type": "application/x-amz-json-1.0"}, json.dumps(self.result, separators=(",", ":")))
    except (TypeError, ValueError):
        return _execute_result(self, context)
    if _VERIFY:
        moto_answer = _execute_result(self, context)
        if (moto_answer[0], moto_answer[1], json.loads(moto_answer[2])) != (direct[0], direct[1], json.loads(direct[2])):
            print(f"NESTLING_EMULATOR_VERIFY mismatch in {operation}: {moto_answer!r} != {direct!r}", file=sys.stderr, flush=True)
        return moto_answer
    return direct


DynamoResult.execute_result = _execute_result_directly


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
