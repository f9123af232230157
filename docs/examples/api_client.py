"""A mediator's day through the werkbrug API: register a participant, record an activity,
and move the trajectory to active and then to placed (docs/api.md).

    WERKBRUG_URL=http://127.0.0.1:8000 WERKBRUG_TOKEN=wbt_... python api_client.py [PROJECT]

The token needs the scopes participants:write, trajectories:write and projects:read
(`werkbrug token create mediator --scope participants:write --scope trajectories:write
--scope projects:read`). Every POST carries an Idempotency-Key: when the network fails
half-way, running the same step again with the same key gives the first answer instead of a
second participant."""

from __future__ import annotations

import datetime as dt
import os
import sys
import uuid

import httpx


def step(client: httpx.Client, path: str, body: dict[str, object]) -> dict[str, object]:
    answer = client.post(path, json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    if answer.is_error:
        # A problem (RFC 9457): what is wrong and, for bad input, which field.
        problem = answer.json()
        print(f"{path}: {problem['status']} {problem['detail']}", file=sys.stderr)
        for field in problem.get("invalid_params", []):
            print(f"  {field['name']}: {field['reason']}", file=sys.stderr)
        raise SystemExit(1)
    result: dict[str, object] = answer.json()
    return result


def main() -> int:
    base = os.environ.get("WERKBRUG_URL", "http://127.0.0.1:8000").rstrip("/")
    token = os.environ["WERKBRUG_TOKEN"]
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}
    today = dt.date.today().isoformat()
    with httpx.Client(base_url=f"{base}/api/v1", headers=headers, timeout=10) as client:
        if len(sys.argv) > 1:
            project = int(sys.argv[1])
        else:
            answer = client.get("/projects")
            if answer.is_error:  # a token without projects:read, say: the problem says so
                print(f"/projects: {answer.json()['detail']}", file=sys.stderr)
                return 1
            project = answer.json()["results"][0]["id"]
        person = step(
            client,
            "/participants",
            {
                "project": project,
                "intake_date": today,
                "gender": "f",
                "education": "mbo4",
                "situation": "threatened",
                "consents": ["programme"],
            },
        )
        pk = person["id"]
        print(f"registered {person['key']} (participant {pk})")
        step(client, f"/participants/{pk}/activities", {"kind": "conversation", "start_date": today})
        print("recorded an intake conversation")
        step(client, f"/participants/{pk}/trajectory/moves", {"to": "active", "on": today})
        moved = step(
            client,
            f"/participants/{pk}/trajectory/moves",
            {
                "to": "placed",
                "on": today,
                "employer_name": "Bouwbedrijf Noord",
                "contract": "permanent",
                "hours": 32,
                "occupation": "7112",  # ISCO-08: bricklayers and related workers
            },
        )
        print(f"status now {moved['status']}; follow-up due {moved['next_follow_up_on']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
