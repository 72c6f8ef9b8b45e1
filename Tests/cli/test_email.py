"""Quotes sent by email: stored in the outbox, delivered by the worker to a real SMTP server on loopback."""
import email
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

from aiosmtpd.controller import Controller

BIN = os.environ.get("FURROW_BIN", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "furrow"))


class Sink:
    def __init__(self):
        self.messages = []
        self.logins = []


    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Furrow:
    def __init__(self, tmp):
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("FURROW_")}
        env.update({"FURROW_ADMIN_EMAIL": "boss@example.com", "FURROW_ADMIN_PASSWORD": "boss-password"})
        self.process = subprocess.Popen([BIN, "serve", "--port", str(self.port), "--database", os.path.join(tmp, "mail.sqlite")],
                                        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url("/healthz"), timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        self.token = self.call("POST", "/api/v1/auth/tokens", {"email": "boss@example.com", "password": "boss-password"})["token"]

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def call(self, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if getattr(self, "token", None):
            headers["Authorization"] = "Bearer " + self.token
        request = urllib.request.Request(self.url(path), method=method, headers=headers,
                                         data=json.dumps(body).encode() if body is not None else None)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                text = response.read()
                return json.loads(text) if text else {}
        except urllib.error.HTTPError as error:
            return json.loads(error.read())

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def wait_for(predicate, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_sent_quote_reaches_the_customer_with_its_pdf():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    with tempfile.TemporaryDirectory() as tmp:
        furrow = Furrow(tmp)
        try:
            settings = furrow.call("PATCH", "/api/v1/settings", {"smtpHost": "127.0.0.1", "smtpPort": controller.port,
                                                                  "mailFrom": "sales@furrow.example", "companyName": "Ångström Tools"})
            assert settings["smtpHost"] == "127.0.0.1"
            assert settings["smtpPasswordSet"] is False and "smtpPassword" not in settings
            account = furrow.call("POST", "/api/v1/accounts", {"name": "Müller GmbH"})
            contact = furrow.call("POST", "/api/v1/contacts", {"firstName": "Jürgen", "lastName": "Müller", "email": "juergen@mueller.example",
                                                               "accountId": account["id"]})
            quote = furrow.call("POST", "/api/v1/quotes", {"accountId": account["id"], "contactId": contact["id"], "name": "Werkzeuge",
                                                           "lines": [{"description": "Drehmomentschlüssel", "quantity": "2", "unitPrice": "89.90"}]})
            nobody = furrow.call("POST", "/api/v1/quotes", {"accountId": account["id"], "lines": []})
            refused = furrow.call("POST", f"/api/v1/quotes/{nobody['id']}/send", {"email": True})
            assert refused["type"] == "validation"
            assert furrow.call("GET", f"/api/v1/quotes/{nobody['id']}")["status"] == "draft"

            sent = furrow.call("POST", f"/api/v1/quotes/{quote['id']}/send", {"email": True})
            assert sent["status"] == "sent"
            assert wait_for(lambda: len(sink.messages) == 1), "the worker did not deliver the email"
            mail_from, recipients, content = sink.messages[0]
            assert mail_from == "sales@furrow.example" and recipients == ["juergen@mueller.example"]
            message = email.message_from_bytes(content)
            subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
            assert subject == f"Quote {quote['number']} from Ångström Tools"
            parts = list(message.walk())
            text = next(p for p in parts if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
            assert "Jürgen Müller" in text and "179.80 EUR" in text
            pdf = next(p for p in parts if p.get_content_type() == "application/pdf")
            assert pdf.get_filename() == f"{quote['number']}-r1.pdf"
            data = pdf.get_payload(decode=True)
            assert data.startswith(b"%PDF-")
            with open(os.path.join(tmp, "q.pdf"), "wb") as f:
                f.write(data)
            extracted = subprocess.run(["pdftotext", os.path.join(tmp, "q.pdf"), "-"], capture_output=True, text=True).stdout
            assert "Drehmomentschlüssel" in extracted and "Müller GmbH" in extracted
            assert wait_for(lambda: furrow.call("GET", f"/api/v1/quotes/{quote['id']}/emails")["items"][0]["status"] == "sent")
        finally:
            furrow.stop()
            controller.stop()


def test_a_failed_delivery_stays_queued_with_its_error():
    with tempfile.TemporaryDirectory() as tmp:
        furrow = Furrow(tmp)
        try:
            furrow.call("PATCH", "/api/v1/settings", {"smtpHost": "127.0.0.1", "smtpPort": free_port()})
            contact = furrow.call("POST", "/api/v1/contacts", {"lastName": "Nobody", "email": "nobody@example.org"})
            quote = furrow.call("POST", "/api/v1/quotes", {"accountId": furrow.call("POST", "/api/v1/accounts", {"name": "Closed port"})["id"],
                                                           "contactId": contact["id"], "lines": []})
            furrow.call("POST", f"/api/v1/quotes/{quote['id']}/send", {"email": True})

            def attempted():
                items = furrow.call("GET", f"/api/v1/quotes/{quote['id']}/emails")["items"]
                return items and items[0]["attempts"] >= 1

            assert wait_for(attempted)
            item = furrow.call("GET", "/api/v1/outbox")["items"][0]
            assert item["status"] == "queued" and item["lastError"] and item["attempts"] == 1
        finally:
            furrow.stop()


def test_the_worker_authenticates_when_a_user_is_set():
    from aiosmtpd.smtp import AuthResult
    sink, logins = Sink(), []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((mechanism, auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.password == b"s3cret-pass")

    controller = Controller(sink, hostname="127.0.0.1", port=free_port(), authenticator=authenticator, auth_require_tls=False)
    controller.start()
    with tempfile.TemporaryDirectory() as tmp:
        furrow = Furrow(tmp)
        try:
            settings = furrow.call("PATCH", "/api/v1/settings", {"smtpHost": "127.0.0.1", "smtpPort": controller.port,
                                                                  "smtpUsername": "mailer", "smtpPassword": "s3cret-pass"})
            assert settings["smtpPasswordSet"] is True and "s3cret-pass" not in json.dumps(settings)
            contact = furrow.call("POST", "/api/v1/contacts", {"lastName": "Auth", "email": "auth@example.org"})
            account = furrow.call("POST", "/api/v1/accounts", {"name": "Auth Co"})
            quote = furrow.call("POST", "/api/v1/quotes", {"accountId": account["id"], "contactId": contact["id"], "lines": []})
            furrow.call("POST", f"/api/v1/quotes/{quote['id']}/send", {"email": True})
            assert wait_for(lambda: len(sink.messages) == 1)
            assert logins == [("PLAIN", "mailer", "s3cret-pass")]
        finally:
            furrow.stop()
            controller.stop()


def self_signed(directory):
    """A throw-away certificate for a loopback SMTP server."""
    import datetime
    import ssl
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
                   .sign(key, hashes.SHA256()))
    cert_path, key_path = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    with open(cert_path, "wb") as f:
        f.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    return context


def test_starttls_is_used_and_certificates_are_checked():
    sink = Sink()
    with tempfile.TemporaryDirectory() as tmp:
        controller = Controller(sink, hostname="127.0.0.1", port=free_port(), tls_context=self_signed(tmp), require_starttls=True)
        controller.start()
        furrow = Furrow(tmp)
        try:
            contact = furrow.call("POST", "/api/v1/contacts", {"lastName": "Secure", "email": "secure@example.org"})
            account = furrow.call("POST", "/api/v1/accounts", {"name": "Secure Co"})

            def send_one():
                quote = furrow.call("POST", "/api/v1/quotes", {"accountId": account["id"], "contactId": contact["id"], "lines": []})
                furrow.call("POST", f"/api/v1/quotes/{quote['id']}/send", {"email": True})
                return quote

            # plain SMTP is refused by a server that requires STARTTLS: the email waits with the server's reason
            furrow.call("PATCH", "/api/v1/settings", {"smtpHost": "localhost", "smtpPort": controller.port, "smtpSecurity": "none"})
            plain = send_one()
            assert wait_for(lambda: furrow.call("GET", f"/api/v1/quotes/{plain['id']}/emails")["items"][0]["attempts"] >= 1)
            assert sink.messages == []
            # STARTTLS with certificate checks refuses the self-signed certificate
            furrow.call("PATCH", "/api/v1/settings", {"smtpSecurity": "starttls", "smtpVerifyCertificates": True})
            checked = send_one()
            assert wait_for(lambda: furrow.call("GET", f"/api/v1/quotes/{checked['id']}/emails")["items"][0]["attempts"] >= 1)
            error = furrow.call("GET", f"/api/v1/quotes/{checked['id']}/emails")["items"][0]["lastError"]
            assert error and sink.messages == []
            # trusting the relay's own certificate delivers over TLS
            settings = furrow.call("PATCH", "/api/v1/settings", {"smtpVerifyCertificates": False})
            assert settings["smtpSecurity"] == "starttls"
            trusted = send_one()
            assert wait_for(lambda: any(b"secure@example.org" in m[2] or m[1] == ["secure@example.org"] for m in sink.messages))
            assert wait_for(lambda: furrow.call("GET", f"/api/v1/quotes/{trusted['id']}/emails")["items"][0]["status"] == "sent")
        finally:
            furrow.stop()
            controller.stop()


def test_implicit_tls_delivers():
    sink = Sink()
    with tempfile.TemporaryDirectory() as tmp:
        controller = Controller(sink, hostname="127.0.0.1", port=free_port(), ssl_context=self_signed(tmp))
        controller.start()
        furrow = Furrow(tmp)
        try:
            furrow.call("PATCH", "/api/v1/settings", {"smtpHost": "localhost", "smtpPort": controller.port, "smtpSecurity": "tls",
                                                      "smtpVerifyCertificates": False})
            contact = furrow.call("POST", "/api/v1/contacts", {"lastName": "Implicit", "email": "implicit@example.org"})
            account = furrow.call("POST", "/api/v1/accounts", {"name": "Implicit Co"})
            quote = furrow.call("POST", "/api/v1/quotes", {"accountId": account["id"], "contactId": contact["id"], "lines": []})
            furrow.call("POST", f"/api/v1/quotes/{quote['id']}/send", {"email": True})
            assert wait_for(lambda: len(sink.messages) == 1)
            assert sink.messages[0][1] == ["implicit@example.org"]
        finally:
            furrow.stop()
            controller.stop()
