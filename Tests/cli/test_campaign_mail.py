"""A campaign email distributed by a real server to a real SMTP server on loopback: merged per
member (values escaped in the HTML part), with a per-recipient Reply-To and RFC 8058 one-click
unsubscribe headers; the unsubscribe link works without signing in (once is enough, a made-up one
unsubscribes no one), and the next distribution skips the address."""
import email
import email.header
import os
import subprocess
import tempfile
import urllib.error
import urllib.request

from aiosmtpd.controller import Controller

from test_email import BIN, Furrow, Sink, free_port, wait_for


def post(url, data, content_type="application/x-www-form-urlencoded"):
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_campaign_email_reaches_each_member_once_and_unsubscribes_with_one_click():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    with tempfile.TemporaryDirectory() as tmp:
        furrow = Furrow(tmp)
        try:
            # given: email set up, two contacts with addresses (one with markup in her account's name) and one without
            furrow.call("PATCH", "/api/v1/settings", {"smtpHost": "127.0.0.1", "smtpPort": controller.port, "mailFrom": "news@furrow.example",
                                                      "publicURL": furrow.url(""), "inboundDomain": "replies.furrow.example"})
            account = furrow.call("POST", "/api/v1/accounts", {"name": "Tea & <Cake> Ltd"})
            people = [furrow.call("POST", "/api/v1/contacts", {"firstName": first, "lastName": last, "email": address, "accountId": account["id"]})
                      for first, last, address in [("Åsa", "Lind", "asa@tea.example"), ("Ben", "Okoro", "ben@tea.example"), ("Cy", "Nomail", None)]]
            listing = furrow.call("POST", "/api/v1/marketing-lists", {"name": "Tea people", "targetType": "contacts", "listType": "static"})
            furrow.call("POST", f"/api/v1/marketing-lists/{listing['id']}/members", {"memberIds": [p["id"] for p in people]})
            campaign = furrow.call("POST", "/api/v1/campaigns", {"name": "Autumn tasting"})
            furrow.call("POST", f"/api/v1/campaigns/{campaign['id']}/marketing-lists", {"listId": listing["id"]})
            furrow.call("POST", f"/api/v1/campaigns/{campaign['id']}/ready-to-launch")
            activity = furrow.call("POST", f"/api/v1/campaigns/{campaign['id']}/activities", {
                "channel": "email", "subject": "{{contact.firstName}}, join our {{campaign.name}}",
                "body": "Dear {{contact.firstName}} of {{account.name}},\nyou are invited."})

            # when: distributed twice
            started = furrow.call("POST", f"/api/v1/campaign-activities/{activity['id']}/distribute")
            assert started["distribution"] == "running" and started["total"] == 3
            assert wait_for(lambda: furrow.call("GET", f"/api/v1/campaign-activities/{activity['id']}")["distribution"] == "done")
            furrow.call("POST", f"/api/v1/campaign-activities/{activity['id']}/distribute")
            assert wait_for(lambda: furrow.call("GET", f"/api/v1/campaign-activities/{activity['id']}")["distribution"] == "done")
            assert wait_for(lambda: len(sink.messages) >= 2), "the worker did not deliver the emails"

            # then: one email each to Åsa and Ben, none to Cy, nothing twice
            assert wait_for(lambda: False, seconds=3) is False  # time for any duplicate to arrive
            assert sorted(recipients[0] for _, recipients, _ in sink.messages) == ["asa@tea.example", "ben@tea.example"]
            counts = furrow.call("GET", f"/api/v1/campaign-activities/{activity['id']}")["counts"]
            assert counts == {"sent": 2, "skipped": 1, "suppressed": 0, "created": 0}
            message = next(email.message_from_bytes(content) for _, recipients, content in sink.messages if recipients == ["asa@tea.example"])
            subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
            assert subject == "Åsa, join our Autumn tasting"
            parts = {part.get_content_type(): part.get_payload(decode=True).decode() for part in message.walk() if not part.is_multipart()}
            assert parts["text/plain"].startswith("Dear Åsa of Tea & <Cake> Ltd,\nyou are invited.")
            assert "Tea &amp; &lt;Cake&gt; Ltd" in parts["text/html"] and "<Cake>" not in parts["text/html"]
            token = message["Reply-To"].split("+", 1)[1].split("@", 1)[0]
            assert message["Reply-To"] == f"news+{token}@replies.furrow.example" and len(token) == 32
            assert message["List-Unsubscribe"] == f"<{furrow.url('/unsubscribe/' + token)}>"
            assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

            # the unsubscribe link: a made-up one is refused; the real one works once and again
            assert post(furrow.url("/unsubscribe/" + "0" * 32), b"List-Unsubscribe=One-Click")[0] == 404
            assert post(furrow.url("/unsubscribe/" + token[:-1] + ("0" if token[-1] != "0" else "1")), b"List-Unsubscribe=One-Click")[0] == 404
            assert post(furrow.url("/unsubscribe/" + token), b"List-Unsubscribe=One-Click") == (200, "Unsubscribed.\n")
            status, page = post(furrow.url("/unsubscribe/" + token), b"")
            assert status == 200 and "will receive no more campaign emails" in page and "asa@tea.example" not in page

            # the next email skips Åsa
            before = len(sink.messages)
            second = furrow.call("POST", f"/api/v1/campaigns/{campaign['id']}/activities",
                                 {"channel": "email", "subject": "Last call", "body": "Tomorrow."})
            furrow.call("POST", f"/api/v1/campaign-activities/{second['id']}/distribute")
            assert wait_for(lambda: furrow.call("GET", f"/api/v1/campaign-activities/{second['id']}")["distribution"] == "done")
            assert wait_for(lambda: len(sink.messages) == before + 1)
            assert sink.messages[-1][1] == ["ben@tea.example"]
            assert furrow.call("GET", f"/api/v1/campaign-activities/{second['id']}")["counts"]["suppressed"] == 1

            # Ben's reply, piped by the mail server into the gateway, becomes a response; other mail is refused
            ben_message = next(email.message_from_bytes(content) for _, recipients, content in sink.messages if recipients == ["ben@tea.example"])
            reply = (f"From: Ben Okoro <ben@tea.example>\r\nTo: {ben_message['Reply-To']}\r\nSubject: Re: tasting\r\n"
                     "Content-Type: text/plain; charset=utf-8\r\n\r\nTwo seats please.\r\n").encode()
            database = ["--database", os.path.join(tmp, "mail.sqlite")]
            taken = subprocess.run([BIN, "mail-gateway", *database], input=reply, capture_output=True)
            assert taken.returncode == 0, taken.stderr
            responses = furrow.call("GET", f"/api/v1/campaign-responses?campaignId={campaign['id']}")["items"]
            assert [(r["email"], r["body"], r["party"]["id"]) for r in responses] == [("ben@tea.example", "Two seats please.", people[1]["id"])]
            stranger = subprocess.run([BIN, "mail-gateway", *database], input=b"From: x@example.com\r\nTo: news@furrow.example\r\n\r\nhi",
                                      capture_output=True)
            assert stranger.returncode == 67 and b"not a reply to a campaign email" in stranger.stderr
            empty = subprocess.run([BIN, "mail-gateway", *database], input=b"", capture_output=True)
            assert empty.returncode == 65 and b"cannot be read" in empty.stderr
        finally:
            furrow.stop()
            controller.stop()
