"""User actions as jobs for the task runner (after Anki's CollectionOp).

    add_conversation(workspace, draft).run(runner, on_success=..., on_failure=...)

An ``Op`` is a label and a function of the store. Screens build one with a
factory from this package and run it; they never build store lambdas
themselves. Views refresh from the "records changed" signal the commit causes,
not from the op's result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ui.tasks import TaskRunner


@dataclass(frozen=True)
class Op:
    label: str
    work: Callable[[Any], Any]   # work(store) -> result; runs on the runner's thread
    workspace: Any

    def run(self, runner: TaskRunner, *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None) -> None:
        workspace, work = self.workspace, self.work
        runner.run(lambda control: work(workspace.store), label=self.label,
                   on_success=on_success, on_failure=on_failure)
