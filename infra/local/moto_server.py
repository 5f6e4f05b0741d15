"""moto's server with DynamoDB requests applied one at a time.

moto serves requests on threads, and its TransactWriteItems neither locks the table nor
restores it safely: two concurrent transactions on one item can both pass their conditions,
and a failed one restores a snapshot that drops the other's write. DynamoDB does neither, and
Nestling's optimistic concurrency (409 on a moved version) relies on that. Serialising
DynamoDB requests makes the emulator keep DynamoDB's promise; other services stay threaded.
"""

import sys
import threading

from moto.dynamodb.responses import DynamoHandler
from moto.server import main

_dynamodb = threading.Lock()
_call_action = DynamoHandler.call_action


def _one_at_a_time(self):
    with _dynamodb:
        return _call_action(self)


DynamoHandler.call_action = _one_at_a_time

if __name__ == "__main__":
    sys.exit(main())
