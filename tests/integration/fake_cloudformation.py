"""A scripted CloudFormation endpoint for the failure paths moto lacks.

moto finishes stacks at once, has no per-resource events and no rollback
states. This fake speaks enough of the query protocol (DescribeStacks,
DescribeStackEvents, CreateStack, UpdateStack, DeleteStack and the change
set calls) to play a script: each stack operation starts with the stack's
own *_IN_PROGRESS event, then every DescribeStacks applies the next step of
the script (a list of events; an event of the stack itself sets its
status). A simulated clock, moved on by each DescribeStacks, makes the
event times, and so slam's output, reproducible. Errors (throttling, say) can be queued per action.
"""

import datetime
import itertools
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/"
STACK_TYPE = "AWS::CloudFormation::Stack"
SECONDS_PER_POLL = 7


def resource(logical_id, resource_type, status, reason=""):
    """An event of one resource, for a script step."""
    return (logical_id, resource_type, status, reason)


def stack(status, reason=""):
    """An event of the stack itself, for a script step: sets its status."""
    return (None, STACK_TYPE, status, reason)


class FakeError(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _missing(name):
    return FakeError(400, "ValidationError", f"Stack with id {name} does not exist")


def _members(params, prefix, fields):
    """Read PREFIX.member.N.FIELD query parameters as a list of tuples."""
    items = []
    for n in itertools.count(1):
        item = tuple(params.get(f"{prefix}.member.{n}.{f}") for f in fields)
        if item[0] is None:
            return items
        items.append(item)


class FakeCloudFormation:
    """The state and script of the fake; serve() runs it on a free port."""

    def __init__(self, name):
        self.name = name
        self.lock = threading.Lock()
        self.calls = []  # (action, params) in order
        self.stacks = []  # every stack ever made, newest last
        self.scripts = {}  # action -> list of steps
        self.errors = {}  # action -> list of FakeError, answered first
        self.change_sets = {}  # id -> change set
        self.change_set_script = {"statuses": ["CREATE_COMPLETE"], "changes": []}
        self.events_page_size = 100
        # Event times start now, so that slam's clock agrees they are new.
        self.clock = datetime.datetime.now(datetime.timezone.utc).replace(
            microsecond=0)
        self.server = None
        self.url = None

    # Scripting -----------------------------------------------------------

    def put_stack(self, status, parameters=None, tags=None, events=()):
        """Start with a stack in STATUS with EVENTS (oldest first)."""
        record = self._new_stack(parameters or {}, tags or {})
        for event in events:
            self._add_event(record, event)
        record["status"] = status
        return record

    def put_change_set(self, name, status, age):
        """Leave a change set NAME in STATUS on the live stack, made AGE
        (a timedelta) before now; return its id."""
        record = self.live_stack()
        change_set_id = (f"arn:aws:cloudformation:us-east-1:123456789012:"
                         f"changeSet/{name}/{uuid.uuid4()}")
        self.change_sets[change_set_id] = {
            "name": name, "created": self.clock - age,
            "stack_id": record["id"], "statuses": [status], "reason": "",
            "changes": []}
        return change_set_id

    def script(self, action, steps):
        """Play STEPS (lists of events) after the next ACTION."""
        self.scripts[action] = list(steps)

    def fail(self, action, times, status=400, code="Throttling",
             message="Rate exceeded"):
        """Answer the next TIMES calls of ACTION with an error."""
        self.errors[action] = [FakeError(status, code, message)] * times

    def actions(self):
        """Return the actions called so far, in order."""
        with self.lock:
            return [action for action, _ in self.calls]

    def live_stack(self):
        for record in reversed(self.stacks):
            if record["status"] != "DELETE_COMPLETE":
                return record
        return None

    # State ---------------------------------------------------------------

    def _new_stack(self, parameters, tags):
        record = {
            "id": f"arn:aws:cloudformation:us-east-1:123456789012:stack/"
                  f"{self.name}/{uuid.uuid4()}",
            "status": "",
            "created": self.clock,
            "reason": "",
            "parameters": dict(parameters),
            "tags": dict(tags),
            "events": [],  # oldest first
            "steps": [],
        }
        self.stacks.append(record)
        return record

    def _add_event(self, record, event):
        logical_id, resource_type, status, reason = event
        own = logical_id is None
        record["events"].append({
            "id": str(uuid.uuid4()),
            "logical_id": self.name if own else logical_id,
            "physical_id": record["id"] if own else f"{logical_id}-physical",
            "type": resource_type,
            "status": status,
            "reason": reason,
            "time": self.clock,
        })
        if own:
            record["status"], record["reason"] = status, reason

    def _find(self, name):
        for record in reversed(self.stacks):
            if record["id"] == name:
                return record
            if name == self.name and record["status"] != "DELETE_COMPLETE":
                return record
        raise _missing(name)

    def _start(self, record, action, status):
        self._add_event(record, stack(status, "User Initiated"))
        record["steps"] = list(self.scripts.pop(action, []))

    def _poll(self, record):
        """Apply the next step of the stack's script and move the clock."""
        self.clock += datetime.timedelta(seconds=SECONDS_PER_POLL)
        if record["steps"]:
            for event in record["steps"].pop(0):
                self._add_event(record, event)

    # Actions -------------------------------------------------------------

    def handle(self, action, params):
        with self.lock:
            self.calls.append((action, params))
            queued = self.errors.get(action)
            if queued:
                raise queued.pop(0)
            method = getattr(self, "_" + action, None)
            if method is None:
                raise FakeError(400, "InvalidAction", f"no {action} here")
            return method(params)

    def _DescribeStacks(self, params):
        record = self._find(params["StackName"])
        self._poll(record)
        return f"<Stacks>{_stack_xml(self.name, record)}</Stacks>"

    def _DescribeStackEvents(self, params):
        record = self._find(params["StackName"])
        events = list(reversed(record["events"]))
        start = int(params.get("NextToken", "0"))
        page = events[start:start + self.events_page_size]
        body = "".join(_event_xml(self.name, record, e) for e in page)
        xml = f"<StackEvents>{body}</StackEvents>"
        if start + self.events_page_size < len(events):
            xml += f"<NextToken>{start + self.events_page_size}</NextToken>"
        return xml

    def _CreateStack(self, params):
        if self.live_stack():
            raise FakeError(400, "AlreadyExistsException",
                            f"Stack [{self.name}] already exists")
        record = self._new_stack(_parameters(params), _tags(params))
        self._start(record, "CreateStack", "CREATE_IN_PROGRESS")
        return f"<StackId>{record['id']}</StackId>"

    def _UpdateStack(self, params):
        record = self._find(params["StackName"])
        record["parameters"] = _parameters(params)
        self._start(record, "UpdateStack", "UPDATE_IN_PROGRESS")
        return f"<StackId>{record['id']}</StackId>"

    def _DeleteStack(self, params):
        record = self._find(params["StackName"])
        self._start(record, "DeleteStack", "DELETE_IN_PROGRESS")
        if not record["steps"]:
            record["steps"] = [[stack("DELETE_COMPLETE")]]
        return ""

    def _CreateChangeSet(self, params):
        if params["ChangeSetType"] == "CREATE":
            record = self._new_stack(_parameters(params), _tags(params))
            record["status"] = "REVIEW_IN_PROGRESS"
        else:
            record = self._find(params["StackName"])
        change_set_id = (f"arn:aws:cloudformation:us-east-1:123456789012:"
                         f"changeSet/{params['ChangeSetName']}/{uuid.uuid4()}")
        self.change_sets[change_set_id] = {
            "name": params["ChangeSetName"],
            "created": self.clock,
            "stack_id": record["id"],
            "statuses": list(self.change_set_script["statuses"]),
            "reason": self.change_set_script.get("reason", ""),
            "changes": self.change_set_script["changes"],
        }
        return f"<Id>{change_set_id}</Id><StackId>{record['id']}</StackId>"

    def _DescribeChangeSet(self, params):
        change_set = self.change_sets.get(params["ChangeSetName"])
        if change_set is None:
            raise FakeError(404, "ChangeSetNotFound",
                            f"ChangeSet [{params['ChangeSetName']}] does not exist")
        statuses = change_set["statuses"]
        status = statuses.pop(0) if len(statuses) > 1 else statuses[0]
        changes = "".join(_change_xml(c) for c in change_set["changes"])
        return (f"<ChangeSetId>{escape(params['ChangeSetName'])}</ChangeSetId>"
                f"<StackId>{change_set['stack_id']}</StackId>"
                f"<Status>{status}</Status>"
                f"<StatusReason>{escape(change_set['reason'])}</StatusReason>"
                f"<ExecutionStatus>AVAILABLE</ExecutionStatus>"
                f"<Changes>{changes}</Changes>")

    def _ListChangeSets(self, params):
        record = self._find(params["StackName"])
        members = "".join(
            f"<member><ChangeSetId>{escape(change_set_id)}</ChangeSetId>"
            f"<ChangeSetName>{escape(change_set['name'])}</ChangeSetName>"
            f"<StackId>{record['id']}</StackId>"
            f"<Status>{change_set['statuses'][-1]}</Status>"
            f"<CreationTime>{_time(change_set['created'])}</CreationTime>"
            f"</member>"
            for change_set_id, change_set in self.change_sets.items()
            if change_set["stack_id"] == record["id"])
        return f"<Summaries>{members}</Summaries>"

    def _DeleteChangeSet(self, params):
        if self.change_sets.pop(params["ChangeSetName"], None) is None:
            raise FakeError(404, "ChangeSetNotFound", "no such change set")
        return ""

    # Serving -------------------------------------------------------------

    def serve(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = parse_qs(self.rfile.read(length).decode(),
                                keep_blank_values=True)
                params = {k: v[0] for k, v in form.items()}
                action = params.get("Action", "")
                try:
                    result = fake.handle(action, params)
                    status, body = 200, _response_xml(action, result)
                except FakeError as error:
                    status, body = error.status, _error_xml(error)
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def close(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()


def _parameters(params):
    return dict(_members(params, "Parameters", ("ParameterKey", "ParameterValue")))


def _tags(params):
    return dict(_members(params, "Tags", ("Key", "Value")))


def _time(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _stack_xml(name, record):
    parameters = "".join(
        f"<member><ParameterKey>{escape(k)}</ParameterKey>"
        f"<ParameterValue>{escape(v)}</ParameterValue></member>"
        for k, v in record["parameters"].items())
    tags = "".join(
        f"<member><Key>{escape(k)}</Key><Value>{escape(v)}</Value></member>"
        for k, v in record["tags"].items())
    return (f"<member><StackId>{record['id']}</StackId>"
            f"<StackName>{name}</StackName>"
            f"<StackStatus>{record['status']}</StackStatus>"
            f"<StackStatusReason>{escape(record['reason'])}</StackStatusReason>"
            f"<CreationTime>{_time(record['created'])}</CreationTime>"
            f"<Parameters>{parameters}</Parameters><Tags>{tags}</Tags>"
            f"<Outputs/></member>")


def _event_xml(name, record, event):
    return (f"<member><EventId>{event['id']}</EventId>"
            f"<StackId>{record['id']}</StackId><StackName>{name}</StackName>"
            f"<LogicalResourceId>{escape(event['logical_id'])}</LogicalResourceId>"
            f"<PhysicalResourceId>{escape(event['physical_id'])}"
            f"</PhysicalResourceId>"
            f"<ResourceType>{event['type']}</ResourceType>"
            f"<Timestamp>{_time(event['time'])}</Timestamp>"
            f"<ResourceStatus>{event['status']}</ResourceStatus>"
            f"<ResourceStatusReason>{escape(event['reason'])}"
            f"</ResourceStatusReason></member>")


def _change_xml(change):
    details = "".join(
        f"<member><Target><Attribute>Properties</Attribute>"
        f"<Name>{escape(p)}</Name></Target></member>"
        for p in change.get("properties", ()))
    replacement = change.get("replacement")
    return (f"<member><Type>Resource</Type><ResourceChange>"
            f"<Action>{change['action']}</Action>"
            f"<LogicalResourceId>{change['logical_id']}</LogicalResourceId>"
            f"<ResourceType>{change['type']}</ResourceType>"
            + (f"<Replacement>{replacement}</Replacement>" if replacement else "")
            + f"<Details>{details}</Details></ResourceChange></member>")


def _response_xml(action, result):
    return (f'<{action}Response xmlns="{NS}"><{action}Result>{result}'
            f"</{action}Result><ResponseMetadata><RequestId>{uuid.uuid4()}"
            f"</RequestId></ResponseMetadata></{action}Response>")


def _error_xml(error):
    return (f'<ErrorResponse xmlns="{NS}"><Error><Type>Sender</Type>'
            f"<Code>{error.code}</Code><Message>{escape(error.message)}</Message>"
            f"</Error><RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>")
