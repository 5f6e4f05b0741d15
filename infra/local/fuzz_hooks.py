"""Schemathesis 4.x hooks for Nestling's fuzz step (infra/local/fuzz.sh).

Loaded with `SCHEMATHESIS_HOOKS=/path/to/hooks.py st run ...` (or `hooks = "hooks.py"` in
schemathesis.toml). Everything it needs comes from the environment, written by the fuzz setup
script after it has signed both identities in:

  NESTLING_FUZZ_FORBIDDEN   JSON list of strings that only identity B may ever see: B's setting
                            id, child ids, user ids, names ("Zara", "Zebedee", "Oak Tree ...").
                            Any 2xx body sent to identity A that contains one is a failure.
  NESTLING_FUZZ_FOREIGN     optional JSON object {"settingId": ["..."], "childId": ["...", "..."]}:
                            B's ids per path parameter name (a value may be a string or a list).
                            The fuzzing phase draws them into generated path parameters, and a
                            request whose path holds one must be refused.
  NESTLING_FUZZ_OWN         optional JSON object of A's own ids (same shape), mixed in so cross
                            pairs such as (A's settingId, B's childId) are tried too.
  NESTLING_FUZZ_AS          under [auth.wfc] with several users: the WFC name of identity A; the
                            checks then ignore requests sent as anyone else.
  NESTLING_FUZZ_STEER       "0" keeps the checks but leaves path parameters to schemathesis (for
                            example when schemathesis.toml's [parameters]/[dictionaries] steer them).
  NESTLING_FUZZ_ALLOWED_FOREIGN_STATUSES  comma list the API may answer a foreign call with;
                            default "400,401,403,404,413,415,422,428,429": refusals, and answers
                            decided from the request alone before any object is read. Anything
                            else below 500 fails: 2xx/3xx served B's object, and e.g. a 409 says
                            B's object was read (its state judged) before A was refused.

Two custom checks are registered; name them in `--checks` (a `--checks` list disables every
check it does not name, custom ones included):

  no_foreign_data      every 2xx/3xx body (and Location header) sent to A is free of B's strings.
  foreign_ids_refused  a request whose path carries one of B's ids must be refused.
"""

from __future__ import annotations

import json
import os

import schemathesis

_FORBIDDEN: list[str] = [s for s in json.loads(os.environ.get("NESTLING_FUZZ_FORBIDDEN", "[]")) if s]


def _id_lists(raw: str) -> dict[str, list[str]]:
    return {k: [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in json.loads(raw).items()}


_FOREIGN: dict[str, list[str]] = _id_lists(os.environ.get("NESTLING_FUZZ_FOREIGN", "{}"))
# Under `[auth.wfc]` several identities are loaded; the checks apply to A's requests only.
_AS = os.environ.get("NESTLING_FUZZ_AS")
_ALLOWED = {
    int(s)
    for s in os.environ.get("NESTLING_FUZZ_ALLOWED_FOREIGN_STATUSES", "400,401,403,404,413,415,422,428,429").split(",")
}


def _is_a(case) -> bool:
    identity = getattr(case, "auth_identity", None)
    return _AS is None or identity is None or identity == _AS


def _foreign_targets(case) -> dict[str, str]:
    """The path parameters of this case that are B's ids."""
    params = case.path_parameters or {}
    return {k: str(v) for k, v in params.items() if str(v) in _FOREIGN.get(k, ())}


# --- mode "foreign": point generated path parameters at B's (and A's own) objects -----------
# `flatmap_path_parameters(context, path_parameters) -> SearchStrategy` replaces each generated
# `path_parameters` dict with a strategy derived from it; used here so that every id parameter
# independently keeps its generated value, takes A's own id or takes B's id. Drawing through
# Hypothesis (not `random`) keeps runs reproducible with --seed and lets failures shrink.
# It applies to the examples/coverage/fuzzing phases; `map_path_parameters(context, dict) -> dict`
# is the deterministic variant (always overwrite). `context.operation.label` is "GET /v1/...".
# A no-code equivalent is `[parameters]` / `[dictionaries]` in schemathesis.toml (harness.md).
_OWN: dict[str, list[str]] = _id_lists(os.environ.get("NESTLING_FUZZ_OWN", "{}"))

# Query parameters that carry the same kinds of id (GET .../observations?child=, audit?childId=).
# For these only `no_foreign_data` applies: a filter naming someone else's child may well answer
# 200 with an empty page, but never with that child's data.
_QUERY_ALIASES = {"child": "childId", "childId": "childId", "author": "userId", "userId": "userId", "roomId": "roomId"}


def _steered(values: dict, aliases=None):
    from hypothesis import strategies as st

    fields = {}
    for name, generated in values.items():
        kind = aliases.get(name) if aliases is not None else name
        own = [generated, *_OWN.get(kind, ())]
        foreign = _FOREIGN.get(kind, [])
        # B's ids first: Hypothesis tries and shrinks towards the first element, so a parameter
        # that can name one of B's objects starts there; repeated so that about half of the
        # draws aim at B. The generated value stays, for validation and 404 paths.
        choices = foreign * max(1, -(-len(own) // max(1, len(foreign)))) + own
        fields[name] = st.sampled_from(choices)
    return st.fixed_dictionaries(fields)


if _FOREIGN and os.environ.get("NESTLING_FUZZ_STEER", "1") != "0":
    from hypothesis import strategies as st

    @schemathesis.hook
    def flatmap_path_parameters(context, path_parameters):
        if not path_parameters:
            return st.just(path_parameters)
        return _steered(path_parameters)

    @schemathesis.hook
    def flatmap_query(context, query):
        if not query or not any(name in _QUERY_ALIASES for name in query):
            return st.just(query)
        return _steered(query, _QUERY_ALIASES)


# --- check 1: nothing of B's in any 2xx answer to A -----------------------------------------
@schemathesis.check
def no_foreign_data(ctx, response, case):
    """A 2xx/3xx response to identity A must not contain an id or name that only B may see."""
    if not _FORBIDDEN or not 200 <= response.status_code < 400 or not _is_a(case):
        return None
    haystacks = [response.text_lossy() if hasattr(response, "text_lossy") else response.content.decode("utf-8", "replace")]
    for name in ("location",):
        haystacks.extend(response.headers.get(name, []))
    # The request may echo what it sent (a create answers the body it stored): a value that A
    # itself put into the request is not a leak, so strip strings A sent before looking.
    sent = json.dumps(case.body, default=str) if case.body is not None else ""
    sent += " ".join(str(v) for v in (case.path_parameters or {}).values())
    sent += " ".join(str(v) for v in (case.query or {}).values())
    leaked = sorted({s for s in _FORBIDDEN for h in haystacks if s in h and s not in sent})
    if leaked:
        raise AssertionError(
            f"{case.method} {case.formatted_path} answered {response.status_code} to identity A with "
            f"data that belongs to identity B: {', '.join(leaked)}"
        )
    return None


# --- check 2: B's ids in the path must be refused -------------------------------------------
@schemathesis.check
def foreign_ids_refused(ctx, response, case):
    """A request as A whose path names one of B's objects must be refused."""
    targets = _foreign_targets(case)
    if not targets or not _is_a(case):
        return None
    status = response.status_code
    if status in _ALLOWED or status >= 500:
        # 5xx is `not_a_server_error`'s to report.
        return None
    what = "served it" if status < 400 else "judged it before refusing"
    raise AssertionError(
        f"{case.method} {case.formatted_path} names identity B's "
        + ", ".join(f"{k}={v}" for k, v in targets.items())
        + f" and answered {status} to identity A ({what}; expected one of {sorted(_ALLOWED)})"
    )
