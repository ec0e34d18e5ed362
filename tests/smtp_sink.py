"""A tiny SMTP server on the loopback that keeps what it receives, and can hold its
answer to DATA for as long as a test needs (a slow mail server).

Like a real server (Postfix queues a message when the final "." arrives), a message
counts as received once its data is complete, whether or not the client lives to read
the "250" answer."""

import select
import socketserver
import threading
from email import message_from_bytes
from email.message import Message


class SmtpSink:
    def __init__(self, *, hold_data_answer: bool = False):
        self.messages: list[Message] = []
        self.data_received = threading.Event()
        self.release = threading.Event()
        if not hold_data_answer:
            self.release.set()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                sink._converse(self)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def _converse(self, handler) -> None:
        def reply(line: str) -> None:
            handler.wfile.write(f"{line}\r\n".encode())
            handler.wfile.flush()

        reply("220 sink ready")
        while line := handler.rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                reply("250 sink")
            elif command == "DATA":
                reply("354 go ahead")
                self.messages.append(message_from_bytes(self._read_data(handler)))
                self.data_received.set()
                if not self._wait_for_release(handler):
                    return  # the client died waiting for the answer
                reply("250 queued")
            elif command == "QUIT":
                reply("221 bye")
                return
            else:  # MAIL FROM, RCPT TO, RSET, NOOP
                reply("250 ok")

    @staticmethod
    def _read_data(handler) -> bytes:
        lines = []
        while (line := handler.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)

    def _wait_for_release(self, handler) -> bool:
        while not self.release.wait(0.05):
            readable, _, _ = select.select([handler.connection], [], [], 0)
            if readable and not handler.connection.recv(1, 0):
                return False
        return True
