"""A small Language Server Protocol client for the tests: it starts
`terms lsp`, frames JSON-RPC messages with Content-Length headers, and
reads answers with a timeout, so a server that hangs fails the test."""
import json
import os
import select
import subprocess


class Timeout(Exception):
    pass


class Server:
    def __init__(self, terms, timeout=20):
        self.p = subprocess.Popen([terms, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.timeout = timeout
        self.next_id = 0
        self.buf = b""
        self.notes = []  # notifications received while waiting for a response

    def send(self, msg):
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send_raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def request(self, method, params=None):
        """Sends a request and returns its whole response message."""
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.response(self.next_id)

    def response(self, id):
        while True:
            msg = self.read()
            if "id" in msg and "method" not in msg:
                if msg["id"] != id:
                    raise AssertionError("response to %r while waiting for %r" % (msg["id"], id))
                return msg
            self.notes.append(msg)

    def notification(self, method):
        """The next notification of method (earlier ones of others are kept)."""
        for i, m in enumerate(self.notes):
            if m.get("method") == method:
                return self.notes.pop(i)
        while True:
            msg = self.read()
            if msg.get("method") == method:
                return msg
            self.notes.append(msg)

    def _fill(self):
        fd = self.p.stdout.fileno()
        ready, _, _ = select.select([fd], [], [], self.timeout)
        if not ready:
            raise Timeout("no answer within %ds" % self.timeout)
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            raise EOFError("the server closed its output (exit status %r): %s"
                           % (self.p.wait(), self.p.stderr.read().decode(errors="replace")))
        self.buf += chunk

    def read(self):
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        length = None
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise AssertionError("a message without Content-Length: %r" % head)
        while len(self.buf) < length:
            self._fill()
        body, self.buf = self.buf[:length], self.buf[length:]
        return json.loads(body.decode("utf-8"))

    def close(self):
        """Waits for the server to end; returns its exit status and standard error."""
        self.p.stdin.close()
        try:
            status = self.p.wait(self.timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            raise Timeout("the server did not exit")
        return status, self.p.stderr.read().decode(errors="replace")
