"""Static checks on the GitHub Actions workflows and the Dependabot configuration.

zizmor (offline) looks for known workflow security problems, check-jsonschema validates the
files against GitHub's published schemas, and the remaining tests pin down the properties this
repository relies on: SHA-pinned actions, no default token permissions, and a deploy job that
only runs for pushes to main after verification passed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS_DIR = ROOT / ".github" / "workflows"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
WORKFLOWS = sorted([*WORKFLOWS_DIR.glob("*.yml"), *WORKFLOWS_DIR.glob("*.yaml")])
BIN = Path(sys.executable).parent

# owner/repo[/path]@<full commit SHA>; a tag or branch can be moved, a full SHA cannot.
PINNED_USES = re.compile(r"^[\w.-]+/[\w.-]+(?:/[^@\s]+)?@[0-9a-f]{40}$")
DEPLOY_CONDITION = "github.event_name == 'push' && github.ref == 'refs/heads/main'"

BAD_WORKFLOW = """\
name: bad
on: push
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: echo hello
"""


def load_yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} is not a YAML mapping"
    return data


def iter_uses(workflow: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (location, reference) for every `uses:` in a workflow, jobs and steps alike."""
    found: list[tuple[str, str]] = []
    for job_id, job in (workflow.get("jobs") or {}).items():
        if "uses" in job:  # a job that calls a reusable workflow
            found.append((f"jobs.{job_id}", str(job["uses"])))
        for index, step in enumerate(job.get("steps") or []):
            if "uses" in step:
                found.append((f"jobs.{job_id}.steps[{index}]", str(step["uses"])))
    return found


def unpinned_uses(workflow: dict[str, Any]) -> list[str]:
    """Return a description of every `uses:` that is not pinned to a full commit SHA.

    Local actions (`./path`) come from the same commit as the workflow and need no pin.
    """
    return [
        f"{location}: {ref}"
        for location, ref in iter_uses(workflow)
        if not ref.startswith("./") and not PINNED_USES.match(ref)
    ]


def has_write_permission(permissions: object) -> bool:
    if isinstance(permissions, str):  # read-all / write-all
        return permissions == "write-all"
    if isinstance(permissions, dict):
        return any(level == "write" for level in permissions.values())
    return False


def run_zizmor(*paths: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(BIN / "zizmor"),
            "--offline",
            "--format",
            "plain",
            "--color",
            "never",
            "--no-progress",
            # A file that fails zizmor's own schema check is an error, not a skipped input.
            "--strict-collection",
            *(str(path) for path in paths),
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def run_check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_workflows_exist() -> None:
    """Assert the repository has workflows and a Dependabot configuration to check."""
    assert WORKFLOWS, f"no workflow files in {WORKFLOWS_DIR}"
    assert DEPENDABOT.is_file()


def test_zizmor_reports_no_findings() -> None:
    """Assert zizmor finds nothing in the workflows or the Dependabot configuration."""
    result = run_zizmor(WORKFLOWS_DIR.relative_to(ROOT), DEPENDABOT.relative_to(ROOT), cwd=ROOT)
    output = f"exit code {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, output
    assert "No findings to report" in result.stdout, output


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_matches_schema(workflow: Path) -> None:
    """Assert each workflow validates against GitHub's workflow schema."""
    result = run_check_jsonschema("vendor.github-workflows", workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_matches_schema() -> None:
    """Assert dependabot.yml validates against the Dependabot configuration schema."""
    result = run_check_jsonschema("vendor.dependabot", DEPENDABOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_sha(workflow: Path) -> None:
    """Assert every `uses:` in each workflow names a full 40-hex commit SHA."""
    data = load_yaml(workflow)
    assert iter_uses(data), f"{workflow.name} uses no actions; is the parser looking right?"
    assert unpinned_uses(data) == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_default_token_permissions_are_empty(workflow: Path) -> None:
    """Assert each workflow grants no token permissions at the top level."""
    data = load_yaml(workflow)
    assert "permissions" in data, f"{workflow.name} has no top-level permissions"
    assert data["permissions"] == {}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_only_deploy_job_may_write(workflow: Path) -> None:
    """Assert no job other than `deploy` is granted a write permission."""
    jobs = load_yaml(workflow)["jobs"]
    writers = [
        job_id
        for job_id, job in jobs.items()
        if job_id != "deploy" and has_write_permission(job.get("permissions"))
    ]
    assert writers == []


def test_ci_deploy_runs_only_after_verify_on_main_pushes() -> None:
    """Assert the deploy job needs verify, runs only for pushes to main and never races."""
    jobs = load_yaml(WORKFLOWS_DIR / "ci.yml")["jobs"]
    deploy = jobs["deploy"]
    needs = deploy["needs"]
    assert (needs if isinstance(needs, list) else [needs]) == ["verify"]
    condition = str(deploy["if"]).strip().removeprefix("${{").removesuffix("}}").strip()
    assert " ".join(condition.split()) == DEPLOY_CONDITION
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert jobs["verify"]["permissions"] == {"contents": "read"}


def test_ci_jobs_have_timeouts() -> None:
    """Assert every CI job sets timeout-minutes, so a hung run cannot hold a runner for 6 h."""
    jobs = load_yaml(WORKFLOWS_DIR / "ci.yml")["jobs"]
    assert {job_id: job.get("timeout-minutes") for job_id, job in jobs.items()} == {
        "verify": 60,
        "deploy": 10,
    }


def test_checks_flag_a_deliberately_bad_workflow(tmp_path: Path) -> None:
    """Assert zizmor and the pin check both flag an unpinned, write-all workflow."""
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    bad = workflows / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")

    result = run_zizmor(workflows, cwd=tmp_path)
    output = f"exit code {result.returncode}\n{result.stdout}\n{result.stderr}"
    # zizmor exits 10 and above when it has findings; 1-3 would mean the tool itself failed.
    assert result.returncode >= 10, output
    assert "unpinned-uses" in result.stdout, output

    data = load_yaml(bad)
    assert unpinned_uses(data) == ["jobs.build.steps[0]: actions/checkout@v4"]
    assert has_write_permission(data["permissions"])
