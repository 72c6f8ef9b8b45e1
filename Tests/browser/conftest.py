"""Browser journeys over the web UI: a real `furrow serve` on a fresh SQLite file, driven by
Debian's headless Chromium through Playwright. Builds nothing: set FURROW_BIN to the binary
(default .build/debug/furrow)."""
import contextlib
import json
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parents[2]
ADMIN = {"email": "admin@browser.furrow.test", "name": "Bea Browser", "password": "browser-admin-2026"}


def furrow_binary() -> str:
    path = pathlib.Path(os.environ.get("FURROW_BIN", ".build/debug/furrow"))
    if not path.is_absolute() and not path.exists():
        path = ROOT / path
    if not path.exists():
        pytest.exit(f"furrow binary not found at {path}; build it first or set FURROW_BIN", returncode=2)
    return str(path)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def launched(folder, database):
    """`furrow serve` on a free loopback port over `database`; its base URL until the block ends."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FURROW_")}
    log = open(os.path.join(folder, f"server-{port}.log"), "wb")
    process = subprocess.Popen([furrow_binary(), "serve", "--database", database, "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError("furrow serve exited:\n" + open(log.name, encoding="utf-8", errors="replace").read())
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.time() > deadline:
                raise RuntimeError("furrow serve did not answer /healthz within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def server():
    """Base URL of a fresh server; stopped (and its files removed) at the end of the session."""
    folder = tempfile.mkdtemp(prefix="furrow-browser-")
    try:
        with launched(folder, os.path.join(folder, "b.sqlite")) as base:
            yield base
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def demo_server():
    """Base URL of a server over the demo company (`furrow demo`), for journeys that need every role's records."""
    folder = tempfile.mkdtemp(prefix="furrow-demo-")
    database = os.path.join(folder, "demo.sqlite")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FURROW_")}
    subprocess.run([furrow_binary(), "demo", "--database", database], env=env, check=True, capture_output=True, timeout=300)
    try:
        with launched(folder, database) as base:
            yield base
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                             args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser (no cookies) whose relative URLs go to the server."""
    context = browser.new_context(base_url=server)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def admin(page, server):
    """The page, signed in as the administrator (set up through the first-run page if needed)."""
    page.goto("/")
    if page.url.endswith("/setup"):
        page.fill("#f-email", ADMIN["email"])
        page.fill("#f-name", ADMIN["name"])
        page.fill("#f-password", ADMIN["password"])
        page.get_by_role("button", name="Create administrator").click()
    else:
        sign_in(page, ADMIN["email"], ADMIN["password"])
    page.wait_for_url("**/home")
    return page


def sign_in(page, email, password):
    if "/login" not in page.url:
        page.goto("/login")
    page.fill("#f-email", email)
    page.fill("#f-password", password)
    page.press("#f-password", "Enter")


def api(server, method, path, body=None, token=None):
    """A JSON API call, for arranging data the journeys do not cover (extra users)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server + "/api/v1" + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def create_account(page, name, **fields):
    """Creates an account through the form and returns its page URL."""
    page.goto("/accounts/new")
    page.fill("#f-name", name)
    for field, value in fields.items():
        page.fill(f"#f-{field}", value)
    page.click("button.primary")
    page.wait_for_url("**/accounts/*-*")
    return page.url
