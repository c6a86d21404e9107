"""Loading a configuration file reads the file; it does not import every rule (issue 11: layers that reach back).
Only a config that names rules (select, ignore, per-file ignores, rule options) needs the rules to check the names."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_PROBE = """
import sys
from pathlib import Path
from emaillint.run.config import load_file
load_file(Path(sys.argv[1]))
print(sum(1 for m in sys.modules if m.startswith("emaillint.judge.checks.")))
"""


def _rule_modules_after_loading(tmp_path: Path, toml: str) -> int:
    config = tmp_path / "pyproject.toml"
    config.write_text(toml, encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", _PROBE, str(config)], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True)
    return int(out.stdout.strip())


def test_a_config_that_names_no_rule_imports_no_rule(tmp_path):
    assert _rule_modules_after_loading(tmp_path, "[tool.emaillint]\nmax-size = 100000\nkind = \"cold\"\n") == 0


def test_a_config_that_selects_rules_checks_them_against_the_rules(tmp_path):
    assert _rule_modules_after_loading(tmp_path, "[tool.emaillint]\nselect = [\"EL1\"]\n") > 0
