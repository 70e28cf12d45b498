"""render.py numbers and check: JSON with the lecture's numbers, one-line errors with exit status 2."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

import render
from mathcore.config import load_params

ROOT = Path(render.__file__).resolve().parent
RENDER = ROOT / "render.py"

SEED_TOML = """\
title = "Seed"
draws = ["red", "blue", "red", "blue", "blue"]
log_base = "e"

[colors]
red = "#E5534B"
blue = "#4C8DF6"

[[guesses]]
name = "bad"
probs = { red = "4/5", blue = "1/5" }

[[guesses]]
name = "good"
probs = { red = "1/2", blue = "1/2" }
"""

ZERO_TOML = """\
draws = ["red", "blue", "red"]

[[guesses]]
name = "certain"
probs = { red = 1, blue = 0 }

[[guesses]]
name = "good"
probs = { red = "1/2", blue = "1/2" }
"""


def invoke(*args: str):
    """Run the CLI in-process; an exception other than SystemExit propagates (a crash fails the test)."""
    return CliRunner().invoke(render.cli, list(args), catch_exceptions=False)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RENDER), *args], capture_output=True, text=True, cwd=cwd, timeout=60, check=False
    )


def numbers(*args: str) -> dict:
    result = invoke("numbers", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.fixture
def toml(tmp_path):
    def write(text: str, name: str = "lecture.toml") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def check_seed(out: dict) -> None:
    assert out["title"] == "Cross-entropy from likelihood"
    assert out["log_base"] == "e"
    assert out["classes"] == ["red", "blue"]
    assert out["draws"] == ["red", "blue", "red", "blue", "blue"]
    assert out["n"] == 5
    assert out["counts"] == {"red": 2, "blue": 3}
    assert out["empirical"] == {"red": "2/5", "blue": "3/5"}
    assert out["entropy"] == pytest.approx(0.6730116670092565, rel=1e-15)
    assert out["reference"] == "bad"
    assert out["ranking"] == ["good", "bad"]
    bad, good = out["guesses"]
    best = out["best"]
    assert bad["name"] == "bad" and good["name"] == "good"
    assert "name" not in best
    assert bad["probs"] == {"red": "4/5", "blue": "1/5"}
    assert best["probs"] == {"red": "2/5", "blue": "3/5"}
    assert [g["likelihood"] for g in (bad, good, best)] == ["16/3125", "1/32", "108/3125"]
    assert [g["likelihood_float"] for g in (bad, good, best)] == [0.00512, 0.03125, 0.03456]
    assert [round(g["log_likelihood"], 4) for g in (bad, good, best)] == [-5.2746, -3.4657, -3.3651]
    assert [round(g["cross_entropy"], 4) for g in (bad, good, best)] == [1.0549, 0.6931, 0.6730]
    assert [g["ratio"] for g in (bad, good, best)] == ["1", "3125/512", "27/4"]
    assert best["cross_entropy"] == out["entropy"]
    assert best["kl"] == 0.0
    for g in (bad, good, best):
        assert g["bce_mean"] == pytest.approx(g["cross_entropy"], rel=1e-14)
        assert g["kl"] == pytest.approx(g["cross_entropy"] - out["entropy"], rel=1e-12, abs=1e-15)


def test_numbers_of_the_seed():
    check_seed(numbers())


def test_numbers_of_the_seed_in_a_subprocess(tmp_path):
    proc = run("numbers", cwd=tmp_path)  # the default config is found beside render.py, not in the cwd
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    check_seed(json.loads(proc.stdout))


def test_numbers_in_bits():
    out = numbers("--set", "log_base=2")
    assert out["log_base"] == "2"
    assert [round(g["cross_entropy"], 4) for g in (*out["guesses"], out["best"])] == [1.5219, 1.0, 0.971]
    assert out["guesses"][1]["log_likelihood"] == -5.0
    assert out["guesses"][0]["likelihood"] == "16/3125"  # likelihoods do not depend on the base


def test_numbers_with_a_config_file(toml):
    out = numbers("--config", toml(SEED_TOML))
    assert out["title"] == "Seed"
    assert out["guesses"][0]["likelihood"] == "16/3125"


def test_zero_probability_gives_infinity_strings(toml):
    out = numbers("--config", toml(ZERO_TOML))
    certain, good = out["guesses"]
    assert certain["probs"] == {"red": "1", "blue": "0"}
    assert certain["likelihood"] == "0"
    assert certain["likelihood_float"] == 0.0
    assert certain["log_likelihood"] == "-inf"
    assert certain["cross_entropy"] == "inf"
    assert certain["kl"] == "inf"
    assert certain["bce_mean"] == "inf"
    # the ratios are against the least likely guess that allows every draw: never infinite
    assert certain["ratio"] == "0"
    assert good["ratio"] == "1"
    assert Fraction(out["best"]["ratio"]) == Fraction(out["best"]["likelihood"]) / Fraction(good["likelihood"])
    assert good["likelihood"] == "1/8"
    assert out["reference"] == "good"
    assert out["ranking"] == ["good", "certain"]


def test_zero_probability_in_a_subprocess_is_strict_json(toml):
    proc = run("numbers", "--config", toml(ZERO_TOML))
    assert proc.returncode == 0, proc.stderr
    assert "Infinity" not in proc.stdout and "NaN" not in proc.stdout
    out = json.loads(proc.stdout, parse_constant=lambda name: pytest.fail(f"non-standard JSON constant {name}"))
    assert out["guesses"][0]["cross_entropy"] == "inf"
    assert out["guesses"][0]["log_likelihood"] == "-inf"


def test_float_guess_prints_decimals(toml):
    out = numbers("--config", toml(SEED_TOML.replace('red = "4/5", blue = "1/5"', "red = 0.8, blue = 0.2")))
    bad = out["guesses"][0]
    assert bad["probs"] == {"red": "0.8", "blue": "0.2"}
    assert float(bad["likelihood"]) == pytest.approx(0.00512, rel=1e-14)
    assert "/" not in bad["likelihood"]
    assert float(out["guesses"][1]["ratio"]) == pytest.approx(3125 / 512, rel=1e-12)


@pytest.mark.parametrize(
    ("overrides", "check"),
    [
        (["--set", "title=My lecture"], lambda out: out["title"] == "My lecture"),
        (
            ["--set", "log_base=10"],
            lambda out: (
                out["log_base"] == "10"
                and math.isclose(out["entropy"], 0.6730116670092565 / math.log(10), rel_tol=1e-14)
            ),
        ),
        (
            ["--set", "draws=red,red,blue"],
            lambda out: (
                out["counts"] == {"red": 2, "blue": 1}
                and out["guesses"][0]["likelihood"] == "16/125"
                and out["best"]["likelihood"] == "4/27"
            ),
        ),
        (["--set", "colors.red=#ff0000"], lambda out: out["classes"] == ["red", "blue"]),
        (
            ["--set", "guesses.good.probs.red=3/5", "--set", "guesses.good.probs.blue=2/5"],
            lambda out: (
                out["guesses"][1]["probs"] == {"red": "3/5", "blue": "2/5"}
                and out["guesses"][1]["likelihood"] == "72/3125"
            ),
        ),
        (["--set", "guesses.good.name=fair"], lambda out: out["ranking"] == ["fair", "bad"]),
    ],
)
def test_set_overrides(overrides, check):
    assert check(numbers(*overrides))


def test_colour_override_reaches_the_params():
    result = invoke("check", "--set", "colors.red=#ff0000")
    assert result.exit_code == 0
    assert load_params(None, ["colors.red=#ff0000"]).colors == ("#FF0000", "#4C8DF6")


# (id, file text or None for the default, extra args, text the one-line error must contain)
BAD_INPUTS = [
    ("unknown key", SEED_TOML + 'colour = "red"\n', [], "colour = 'red': unknown key"),
    (
        "draw without colour",
        SEED_TOML.replace('"blue", "blue"]', '"blue", "green"]'),
        [],
        "draws[4] = 'green': has no colour",
    ),
    (
        "probabilities not summing to 1",
        SEED_TOML.replace('blue = "1/5"', 'blue = "2/5"'),
        [],
        "guesses.bad.probs = 6/5",
    ),
    (
        "negative value",
        SEED_TOML.replace('red = "4/5", blue = "1/5"', 'red = "1", blue = "-1/5"'),
        [],
        "guesses.bad.probs.blue = '-1/5': '-1/5' is not a probability",
    ),
    (
        "value above 1",
        SEED_TOML.replace('red = "4/5", blue = "1/5"', 'red = "6/5", blue = "-1/5"'),
        [],
        "guesses.bad.probs.red = '6/5'",
    ),
    ("malformed fraction", SEED_TOML.replace('"4/5"', '"4//5"'), [], "guesses.bad.probs.red = '4//5'"),
    (
        "empty draw list",
        SEED_TOML.replace('draws = ["red", "blue", "red", "blue", "blue"]', "draws = []"),
        [],
        "draws = []",
    ),
    (
        "guess missing a class",
        SEED_TOML.replace('red = "4/5", blue = "1/5"', "red = 1"),
        [],
        "guesses.bad.probs.blue",
    ),
    (
        "wrong type",
        SEED_TOML.replace('draws = ["red", "blue", "red", "blue", "blue"]', 'draws = "red"'),
        [],
        "draws = 'red': must be a list",
    ),
    ("bad colour", SEED_TOML.replace('"#E5534B"', '"crimson"'), [], "colors.red = 'crimson'"),
    ("bad log_base", SEED_TOML.replace('log_base = "e"', "log_base = 3"), [], "log_base = 3"),
    ("invalid TOML", SEED_TOML.replace('title = "Seed"', "title = Seed"), [], "invalid TOML"),
    ("--set unknown key", SEED_TOML, ["--set", "colour=red"], "--set colour: unknown key"),
    ("--set unknown guess", SEED_TOML, ["--set", "guesses.great.probs.red=1"], "no guess named 'great'"),
    ("--set without =", SEED_TOML, ["--set", "log_base"], "expected KEY=VALUE"),
    ("--set bad value", SEED_TOML, ["--set", "log_base=ln"], "log_base = 'ln'"),
]


def check_error(exit_code: int, stdout: str, stderr: str, expected: str) -> None:
    assert exit_code == 2
    assert stdout == ""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    assert expected in lines[0]


@pytest.mark.parametrize("command", ["numbers", "check"])
@pytest.mark.parametrize(
    ("text", "args", "expected"), [case[1:] for case in BAD_INPUTS], ids=[case[0] for case in BAD_INPUTS]
)
def test_bad_input_is_one_line_on_stderr_with_status_2(toml, command, text, args, expected):
    result = invoke(command, "--config", toml(text), *args)
    check_error(result.exit_code, result.stdout, result.stderr, expected)
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    ("text", "args", "expected"), [case[1:] for case in BAD_INPUTS], ids=[case[0] for case in BAD_INPUTS]
)
def test_bad_input_in_a_subprocess(toml, text, args, expected):
    proc = run("numbers", "--config", toml(text), *args)
    check_error(proc.returncode, proc.stdout, proc.stderr, expected)


def test_invalid_toml_names_the_line(toml):
    path = toml('title = "x"\ndraws = [red, blue]\n')
    result = invoke("numbers", "--config", path)
    check_error(result.exit_code, result.stdout, result.stderr, "invalid TOML")
    assert "line 2" in result.stderr
    assert path in result.stderr


def test_missing_config_file(tmp_path):
    missing = tmp_path / "nowhere.toml"
    for command in ("numbers", "check"):
        result = invoke(command, "--config", str(missing))
        check_error(result.exit_code, result.stdout, result.stderr, "no such configuration file")
        assert str(missing) in result.stderr
    proc = run("numbers", "--config", str(missing))
    check_error(proc.returncode, proc.stdout, proc.stderr, f"{missing}: no such configuration file")


def test_invalid_value_error_names_the_file(toml):
    result = invoke("numbers", "--config", toml(SEED_TOML.replace('"4/5"', '"4//5"'), "mine.toml"))
    assert result.stderr.startswith("error: mine.toml: guesses.bad.probs.red = '4//5': ")


def test_check_default_is_valid():
    result = invoke("check")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith("valid: 'Cross-entropy from likelihood'\n")
    assert "5 draws of 2 classes (red, blue)" in result.stdout
    assert "2 guesses (bad, good)" in result.stdout
    assert "log base e" in result.stdout


def test_check_in_a_subprocess(toml):
    proc = run("check")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("valid:")
    proc = run("check", "--config", toml(SEED_TOML.replace('"4/5"', '"5/4"')))
    check_error(proc.returncode, proc.stdout, proc.stderr, "guesses.bad.probs.red = '5/4'")


def test_check_with_overrides():
    result = invoke("check", "--set", "title=Short", "--set", "log_base=2", "--set", "draws=red,blue,blue,blue")
    assert result.exit_code == 0
    assert result.stdout.startswith("valid: 'Short'\n")
    assert "4 draws of 2 classes" in result.stdout
    assert "log base 2" in result.stdout
