"""The background runner: one job at a time, off the GUI thread, results and progress on the GUI thread."""

from __future__ import annotations

import threading

import pytest

from connector_app.errors import WrongPassphrase
from ui.tasks import JobCancelled, TaskRunner, failure_message


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.forget_all()
    runner.wait_for_worker()


def _wait(qtbot, runner):
    qtbot.waitUntil(lambda: not runner.is_busy, timeout=10_000)


def test_jobs_run_off_the_gui_thread_one_after_another(qtbot, runner):
    order, threads, delivered_on = [], [], []
    gate = threading.Event()

    def job(name):
        def work(control):
            if name == "first":
                gate.wait(5)  # the second job must not start while this one is running
            threads.append(threading.current_thread())
            order.append(name)
            return name
        return work

    for name in ("first", "second", "third"):
        runner.run(job(name), on_success=lambda result: delivered_on.append((result, threading.current_thread())))
    assert runner.is_busy and order == []
    gate.set()
    _wait(qtbot, runner)
    assert order == ["first", "second", "third"]
    assert threading.main_thread() not in threads
    assert [result for result, _thread in delivered_on] == ["first", "second", "third"]
    assert all(thread is threading.main_thread() for _result, thread in delivered_on)


def test_failures_come_back_with_their_message(qtbot, runner):
    failures = []

    def work(control):
        raise WrongPassphrase()

    runner.run(work, on_failure=failures.append)
    _wait(qtbot, runner)
    assert isinstance(failures[0], WrongPassphrase)
    assert failure_message(failures[0]) == "That passphrase does not open this workspace."


def test_an_unexpected_error_is_named_but_its_message_is_not_shown(qtbot, runner):
    failures = []

    def work(control):
        raise KeyError("Amira's notes")  # a bug's message could quote record text

    runner.run(work, on_failure=failures.append)
    _wait(qtbot, runner)
    shown = failure_message(failures[0])
    assert "KeyError" in shown and "Amira" not in shown


def test_progress_reaches_the_gui_and_cancel_stops_the_job(qtbot, runner):
    reports, cancelled, succeeded = [], [], []

    def endless_job(control):
        done, total = 0, 1_000_000
        while done < total:  # runs until asked to stop
            done += 1
            control.progress(done, total)
            if control.should_cancel():
                raise JobCancelled()
            threading.Event().wait(0.001)
        return "finished"

    runner.run(endless_job, on_progress=lambda done, total: reports.append((done, total)),
               on_cancelled=lambda: cancelled.append(True), on_success=succeeded.append)
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    runner.cancel_current()
    _wait(qtbot, runner)
    assert cancelled == [True] and succeeded == []
    assert all(total == 1_000_000 for _done, total in reports)


def test_a_slow_job_is_announced(qtbot):
    runner = TaskRunner(show_progress_after_ms=10)
    gate = threading.Event()
    with qtbot.waitSignal(runner.slow_job_started, timeout=5000) as blocker:
        runner.run(lambda control: gate.wait(5), label="Counting")
    assert blocker.args == ["Counting"]
    gate.set()
    _wait(qtbot, runner)


def test_forgotten_jobs_report_nothing(qtbot, runner):
    gate = threading.Event()
    heard = []
    runner.run(lambda control: gate.wait(5), on_success=heard.append, on_failure=heard.append)
    runner.run(lambda control: "queued", on_success=heard.append)
    runner.forget_all()
    gate.set()
    _wait(qtbot, runner)
    assert heard == []
    runner.run(lambda control: "after", on_success=heard.append)  # the runner still works afterwards
    _wait(qtbot, runner)
    assert heard == ["after"]


def test_the_event_loop_keeps_turning_while_a_long_task_runs(qtbot, runner):
    """A job that runs until the GUI has handled timers and typing: it can only end if the loop turned."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLineEdit

    gate = threading.Event()
    started = threading.Event()
    ticks = []
    edit = QLineEdit()
    qtbot.addWidget(edit)

    def long_job(control):
        started.set()
        return gate.wait(60)  # True only if the GUI thread let it go

    def tick():
        ticks.append(1)
        if len(ticks) == 20 and edit.text() == "typed while busy":
            gate.set()

    runner.run(long_job, on_success=lambda finished: ticks.append(("finished", finished)))
    assert started.wait(10) and runner.is_busy
    qtbot.keyClicks(edit, "typed while busy")  # keys are delivered while the job holds the worker
    timer = QTimer(interval=0)
    timer.timeout.connect(tick)
    timer.start()
    _wait(qtbot, runner)
    timer.stop()
    assert ("finished", True) in ticks and edit.text() == "typed while busy"
