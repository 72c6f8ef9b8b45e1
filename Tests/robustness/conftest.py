"""Fixtures of the robustness harness: the database engines and the run's summary lines."""
import os

import pytest

import support


@pytest.fixture(params=support.engines())
def engine(request):
    return request.param


@pytest.fixture
def database(engine, tmp_path):
    db = support.Database(engine, tmp_path)
    yield db
    db.drop()


@pytest.fixture
def server_for(tmp_path):
    """Makes servers that are stopped at the end of the test, pass or fail."""
    servers = []

    def make(database, env=None):
        server = support.Server(database, tmp_path, env)
        servers.append(server)
        return server

    yield make
    for server in servers:
        if server.process is not None and server.process.poll() is None:
            server.process.kill()
            server.process.wait(timeout=10)


def pytest_terminal_summary(terminalreporter):
    if support.SUMMARIES:
        terminalreporter.section("robustness figures")
        for line in support.SUMMARIES:
            terminalreporter.write_line(line)
        path = os.environ.get("FURROW_ROBUSTNESS_REPORT")
        if path:
            with open(path, "a") as f:
                f.write("\n".join(support.SUMMARIES) + "\n")
