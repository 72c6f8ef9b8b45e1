"""The company's logo: uploaded on its page (a picture with transparency is refused, saying
why), shown there, printed on documents and on the customer's quote page, and removed."""
import struct
import zlib

from playwright.sync_api import expect


def png(width=24, height=12, rgba=False):
    def chunk(tag, body):
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)
    pixel = b"\x2e\x6b\x4f\xff" if rgba else b"\x2e\x6b\x4f"
    raw = b"".join(b"\x00" + pixel * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6 if rgba else 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_the_logo_is_uploaded_shown_and_removed(admin):
    page = admin
    page.goto("/settings")
    page.get_by_role("link", name="The logo on documents…").click()
    expect(page.locator("h1")).to_have_text("Logo")
    page.set_input_files("#logo-file", files=[{"name": "shadow.png", "mimeType": "image/png", "buffer": png(rgba=True)}])
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".flash-error")).to_contain_text("without transparency")
    page.set_input_files("#logo-file", files=[{"name": "logo.png", "mimeType": "image/png", "buffer": png()}])
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".flash")).to_contain_text("Logo saved")
    expect(page.locator("#logo-preview")).to_be_visible()
    expect(page.locator("main")).to_contain_text("24 × 12 pixels, PNG")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove the logo").click()
    expect(page.locator(".flash")).to_contain_text("Logo removed")
    expect(page.locator("#logo-preview")).to_have_count(0)
